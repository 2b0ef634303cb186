"""Score English NER on Warta's small hand-annotated news check set (``tests/nlp/gold/en_ner.jsonl``).

    python -m warta.nlp.english_eval

Thirty news sentences written and annotated for Warta (PER, ORG, LOC; countries and cities are LOC as in CoNLL;
demonyms such as *Nigerian* are not entities). A predicted entity counts when its text and type equal a gold one of
the same sentence. Reported for the entity stage's output (model merged with the gazetteer) and for the model alone;
the package's own OntoNotes scores (its ``meta.json``) are printed beside them, labelled as such.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from warta.data import Article, Entity
from warta.nlp import english
from warta.nlp.ner_eval import prf
from warta.nlp.stage import EntityStage

GOLD = Path(__file__).resolve().parents[3] / "tests" / "nlp" / "gold" / "en_ner.jsonl"
_TYPES = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def load(path: Path = GOLD) -> list[tuple[str, list[tuple[str, str]]]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], [(t, label) for t, label in r["entities"]]) for r in rows]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    scores = prf(tp, fp, fn)
    return {"precision": round(scores["p"], 3), "recall": round(scores["r"], 3), "f1": round(scores["f"], 3)}


def score(gold: list[list[tuple[str, str]]], predicted: list[list[Entity]]) -> dict[str, Any]:
    """Micro precision, recall and F1 overall and per type."""
    counts: dict[str, Counter[str]] = {t: Counter() for t in ("ALL", "PER", "ORG", "LOC")}
    for want, got in zip(gold, predicted, strict=True):
        have = Counter((e.text, _TYPES[e.label]) for e in got if e.label in _TYPES)
        need = Counter(want)
        for (_text, label), n in (have & need).items():
            for key in ("ALL", label):
                counts[key]["tp"] += n
        for (_text, label), n in (have - need).items():
            for key in ("ALL", label):
                counts[key]["fp"] += n
        for (_text, label), n in (need - have).items():
            for key in ("ALL", label):
                counts[key]["fn"] += n
    return {k: _prf(c["tp"], c["fp"], c["fn"]) for k, c in counts.items()}


def evaluate(path: Path = GOLD) -> dict[str, Any]:
    """Scores of the entity stage (model + gazetteer) and of the model alone."""
    data = load(path)
    articles = [Article(id=str(i), text=t, language="en") for i, (t, _) in enumerate(data)]
    staged = [a.entities for a in EntityStage().run(articles) if isinstance(a, Article)]
    docs = english.parse_many([t for t, _ in data])
    model = [english.entities(d) if d is not None else [] for d in docs]
    gold = [g for _, g in data]
    return {
        "sentences": len(data),
        "entities": sum(len(g) for g in gold),
        "warta": score(gold, staged),
        "model_only": score(gold, model),
        "published_ontonotes": published_scores(),
    }


def published_scores() -> dict[str, Any] | None:
    """The package's own OntoNotes 5 NER scores from its ``meta.json`` (not measured here)."""
    nlp = english.load_english()
    if nlp is None:
        return None
    perf = nlp.meta.get("performance", {})
    per_type = perf.get("ents_per_type", {})
    return {
        "ents_f": perf.get("ents_f"),
        **{k: per_type.get(k, {}).get("f") for k in ("PERSON", "ORG", "GPE", "LOC")},
    }


if __name__ == "__main__":
    print(json.dumps(evaluate(), indent=2))
