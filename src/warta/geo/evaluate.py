"""Measure toponym resolution against the development gold of place mentions (``tests/geo/gold/places.jsonl``).

    python -m warta.geo.evaluate [../shared/data/news/detik-news/data_berita_dev.csv] [--gold GOLD.jsonl]

The gold holds annotations only (article id, character offsets, surface name, expected country/admin1/place and
level; ``place`` may list accepted spellings), never article text: detik-news texts come from the CSV, the seed's
from ``examples/``. Each mention is resolved in its article's context (the gold's place mentions of that article
as entities, the dateline, the language), so this measures resolution given the mentions, not entity recognition.
Scores:

- ``country``: the resolved country is the expected one (every mention that expects a country);
- ``region``: the resolved first-level region is the expected one (mentions that expect an admin1);
- ``city``: the resolved place is the expected city/regency (mentions of level ``city``);
- ``unresolved``: the share of mentions left unresolved. An unresolved mention counts as wrong at every level.

Each mention has a ``split``: ``dev`` (the mentions looked at while improving the resolver and its data) or
``heldout`` (articles annotated before the resolver was run on them, and not used for tuning). Both are reported
separately; the held-out numbers are the honest estimate for unseen articles.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.data import Entity
from warta.geo.resolve import Resolution, article_context, qualifiers, resolve

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news" / "detik-news" / "data_berita_dev.csv"
DEFAULT_GOLD = ROOT / "tests" / "geo" / "gold" / "places.jsonl"
SEED_ID = "59ea421e369eabea"
SPLITS = ("dev", "heldout")


@dataclass(slots=True)
class Score:
    """Accuracy at one level: ``correct`` of ``total``."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(slots=True)
class Report:
    """Scores overall and for Indonesian places, the unresolved share, and each miss."""

    mentions: int = 0
    unresolved: int = 0
    country: Score = field(default_factory=Score)
    region: Score = field(default_factory=Score)
    city: Score = field(default_factory=Score)
    region_idn: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)

    @property
    def unresolved_share(self) -> float:
        return self.unresolved / self.mentions if self.mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mentions": self.mentions, "unresolved_share": round(self.unresolved_share, 4)}
        for name in ("country", "region", "region_idn", "city"):
            score: Score = getattr(self, name)
            out[name] = {"accuracy": round(score.accuracy, 4), **asdict(score)}
        out["misses"] = self.misses
        return out


def fold(name: str | None) -> str:
    """``name`` without accents or case, and without an administrative prefix (``Kabupaten``, ``Kota``)."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower().strip()
    for prefix in ("kabupaten ", "kota ", "distrik ", "city of "):
        text = text.removeprefix(prefix)
    return text


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_gold(path: Path = DEFAULT_GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_texts(data: Path, ids: set[str]) -> dict[str, str]:
    """Article texts by id: detik-news rows from ``data``, the seed from ``examples/`` (extracted as in ingest)."""
    csv.field_size_limit(1 << 30)
    texts: dict[str, str] = {}
    with data.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["id"] in ids:
                texts[row["id"]] = row["isi_berita"]
    if SEED_ID in ids:
        from warta.extract import ExtractStage
        from warta.ingest import read
        from warta.pipeline.runner import Pipeline
        from warta.settings import DEFAULTS

        for item in Pipeline([ExtractStage(DEFAULTS)]).run(read([str(ROOT / "examples")])):
            if getattr(item, "id", None) == SEED_ID:
                texts[SEED_ID] = item.text  # type: ignore[union-attr]
    return texts


def evaluate(gold: list[dict[str, Any]], texts: dict[str, str]) -> Report:
    """Resolve every gold mention in its article's context and score it."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    report = Report()
    for article, mentions in by_article.items():
        text = texts[article]
        entities = []
        for g in mentions:
            if text[g["start"] : g["end"]] != g["text"]:
                raise ValueError(f"gold offsets {g['start']}-{g['end']} do not hold {g['text']!r} in {article}")
            entities.append(Entity(g["text"], "GPE", g["start"], g["end"]))
        ctx = article_context(text, entities, "id")
        for g in mentions:
            report.mentions += 1
            found = resolve(g["text"], ctx, within=qualifiers(text, g["end"]))
            place = found.place if isinstance(found, Resolution) else None
            if place is None:
                report.unresolved += 1
            got = f"{place.name}|{place.country}|{place.admin1_name}" if place else "unresolved"
            ok = True
            if g["country"]:
                hit = place is not None and place.country == g["country"]
                report.country.total += 1
                report.country.correct += hit
                ok &= hit
            if g["admin1"]:
                hit = place is not None and fold(place.admin1_name) == fold(g["admin1"])
                report.region.total += 1
                report.region.correct += hit
                if g["country"] == "IDN":
                    report.region_idn.total += 1
                    report.region_idn.correct += hit
                ok &= hit
            if g["level"] == "city":
                names = g["place"] if isinstance(g["place"], list) else [g["place"]]  # accepted spellings
                hit = place is not None and bool({fold(n) for n in names} & {fold(place.name), fold(place.admin2)})
                report.city.total += 1
                report.city.correct += hit
                ok &= hit
            if not g["country"] and place is None:
                ok = False
            if not ok:
                report.misses.append(f"{article}:{g['start']} {g['text']!r} → {got}")
    return report


def evaluate_splits(gold: list[dict[str, Any]], texts: dict[str, str]) -> dict[str, Report]:
    """One report per split (``dev``, ``heldout``), each article's context taken from its split's mentions."""
    return {split: evaluate([g for g in gold if g.get("split", "dev") == split], texts) for split in SPLITS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="detik-news CSV")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    texts = load_texts(args.data, {g["article"] for g in gold})
    out: dict[str, Any] = {"data": str(args.data), "data_sha256": file_digest(args.data)}
    for split, report in evaluate_splits(gold, texts).items():
        out[split] = report.to_dict()
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
