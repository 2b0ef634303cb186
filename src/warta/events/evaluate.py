"""Score the event coder against gold annotations (``tests/events/gold/*.jsonl``; guidelines in
``docs/events-annotation.md``).

    python -m warta.events.evaluate [--model] [--split dev|heldout|all] [--gold DIR] [--news CSV] [--lang id|en]

A predicted event matches a gold event of the same sentence and PLOVER type (one to one). Reported: type precision
and recall (overall and per type), spurious events per gold event (unmatched predictions / gold events), mode
accuracy and actor/recipient country F1 over matched pairs. Documents of the detik corpus are read from
``../shared/data/news/detik-news/data_berita_dev.csv`` (the gold keeps ids and offsets, never the text).
``--lang en`` scores the English coder on ``tests/events/gold_en`` (sentences and short articles; the English
pipeline is always used there, when installed).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.data import Article, Event
from warta.events.coder import sentences
from warta.events.stage import EventStage
from warta.nlp.stage import EntityStage

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "tests" / "events" / "gold"
GOLD_EN = ROOT / "tests" / "events" / "gold_en"
NEWS = ROOT.parent / "shared" / "data" / "news" / "detik-news" / "data_berita_dev.csv"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    sentence: int
    event: str
    mode: str
    actor: tuple[str, ...]
    recipient: tuple[str, ...]


@dataclass(slots=True)
class GoldDoc:
    doc: str
    split: str
    text: str
    published: str | None
    scope: int | None  # only the first ``scope`` sentences are annotated (None: all)
    events: list[GoldEvent]


@dataclass(slots=True)
class Scores:
    """Counts and the measures derived from them."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    mode_right: int = 0
    country_tp: int = 0
    country_fp: int = 0
    country_fn: int = 0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type → [gold, predicted, matched]

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def spurious(self) -> float:
        return (self.predicted - self.matched) / self.gold if self.gold else 0.0

    @property
    def mode_accuracy(self) -> float:
        return self.mode_right / self.matched if self.matched else 0.0

    @property
    def country_f1(self) -> float:
        denom = 2 * self.country_tp + self.country_fp + self.country_fn
        return 2 * self.country_tp / denom if denom else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "type_precision": round(self.precision, 3),
            "type_recall": round(self.recall, 3),
            "spurious_per_gold": round(self.spurious, 3),
            "mode_accuracy": round(self.mode_accuracy, 3),
            "country_f1": round(self.country_f1, 3),
            "per_type": {
                t: {"gold": g, "predicted": p, "precision": round(m / p, 3) if p else None,
                    "recall": round(m / g, 3) if g else None}
                for t, (g, p, m) in sorted(self.per_type.items())
            },
        }  # fmt: skip


def _news_texts(path: Path) -> dict[str, tuple[str, str | None]]:
    csv.field_size_limit(sys.maxsize)
    out = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["id"]] = (row["isi_berita"], _iso(row.get("tanggal") or ""))
    return out


def _iso(us_date: str) -> str | None:
    """``10/21/2025 20:43`` → ``2025-10-21``."""
    try:
        month, day, year = us_date.split()[0].split("/")
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    except (ValueError, IndexError):
        return None


def load_gold(gold_dir: Path = GOLD, news: Path = NEWS) -> list[GoldDoc]:
    """Every gold document, texts of news articles looked up in the corpus (skipped when it is absent)."""
    texts = _news_texts(news) if news.is_file() else {}
    docs = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "text" in row:
                text, published = row["text"], row.get("published")
            elif row["article"] in texts:
                text, published = texts[row["article"]]
            else:
                continue
            events = [
                GoldEvent(e["sentence"], e["event"], e["mode"], tuple(e["actor"]), tuple(e["recipient"]))
                for e in row["events"]
            ]
            docs.append(GoldDoc(row["doc"], row["split"], text, published, row.get("scope"), events))
    return docs


def digest(gold_dir: Path = GOLD) -> str:
    """SHA-256 over the gold files, so a gate knows when its data changed."""
    h = hashlib.sha256()
    for path in sorted(gold_dir.glob("*.jsonl")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def predict(docs: Iterable[GoldDoc], use_model: bool = False, language: str = "id") -> list[list[Event]]:
    """Run the entity and event stages over the gold texts (gazetteer-only entities without ``use_model``)."""
    articles = [
        Article(id=d.doc, text=d.text, language=language, published=d.published) for d in docs
    ]  # fmt: skip
    entity_stage = EntityStage(use_model=use_model)
    event_stage = EventStage(use_model=use_model)
    out = []
    for item in event_stage.run(entity_stage.run(articles)):
        assert isinstance(item, Article)
        out.append(item.events)
    return out


def score(docs: list[GoldDoc], predicted: list[list[Event]]) -> Scores:
    s = Scores()
    for doc, events in zip(docs, predicted, strict=True):
        spans = sentences(doc.text)
        scope = len(spans) if doc.scope is None else doc.scope
        index = {start: i for i, (start, _end) in enumerate(spans)}
        preds = []
        for e in events:
            i = index.get(e.sentence_start if e.sentence_start is not None else -1)
            if i is not None and i < scope:
                preds.append((i, e))
        gold = [g for g in doc.events if g.sentence < scope]
        s.gold += len(gold)
        s.predicted += len(preds)
        for g in gold:
            s.per_type.setdefault(g.event, [0, 0, 0])[0] += 1
        for _i, e in preds:
            s.per_type.setdefault(e.event, [0, 0, 0])[1] += 1
        free = list(gold)
        for i, e in preds:
            match = next((g for g in free if g.sentence == i and g.event == e.event), None)
            if match is None:
                continue
            free.remove(match)
            s.matched += 1
            s.per_type[e.event][2] += 1
            s.mode_right += match.mode == e.mode.value
            for role, got in (("actor", e.actor), ("recipient", e.recipient)):
                want = set(getattr(match, role))
                have = {a.country for a in got if a.country}
                s.country_tp += len(want & have)
                s.country_fp += len(have - want)
                s.country_fn += len(want - have)
    return s


def evaluate(
    split: str = "all",
    use_model: bool = False,
    gold_dir: Path = GOLD,
    news: Path = NEWS,
    prefix: str = "",
    language: str = "id",
) -> Scores:
    """Scores on the gold documents of ``split`` (``dev``, ``heldout`` or ``all``) whose id starts with ``prefix``."""
    docs = [d for d in load_gold(gold_dir, news) if (split == "all" or d.split == split) and d.doc.startswith(prefix)]
    return score(docs, predict(docs, use_model, language))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Score the event coder against the gold annotations.")
    ap.add_argument("--model", action="store_true", help="use the trained NLP pipeline (NER + parse) if present")
    ap.add_argument("--split", choices=["dev", "heldout", "all"], default=None, help="default: each split")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--news", type=Path, default=NEWS)
    ap.add_argument("--lang", choices=["id", "en"], default="id", help="en: the English gold and coder")
    args = ap.parse_args(argv)
    splits = [args.split] if args.split else ["dev", "heldout"]
    english = args.lang == "en"
    gold = GOLD_EN if english and args.gold == GOLD else args.gold
    report: dict[str, Any] = {"digest": digest(gold), "model": args.model or english, "language": args.lang}
    groups = (("sentences", "en-s-"), ("articles", "en-a-")) if english else (("sentences", "s-"), ("detik", "detik-"))
    for name, prefix in groups:
        for sp in splits:
            scores = evaluate(sp, args.model or english, gold, args.news, prefix, args.lang)
            report[f"{name}/{sp}"] = scores.summary()
    print(json.dumps(report, indent=2, ensure_ascii=False))


__all__ = ["GOLD_EN", "GoldDoc", "GoldEvent", "Scores", "digest", "evaluate", "load_gold", "predict", "score"]

if __name__ == "__main__":
    main()
