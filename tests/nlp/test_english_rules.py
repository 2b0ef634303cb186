"""The fast stand-ins for the English pipeline's attribute ruler and lemmatizer annotate exactly as the stock ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warta.nlp import english, english_rules

pytestmark = pytest.mark.skipif(not english.english_available(), reason="the en extra is not installed")
TESTS = Path(__file__).resolve().parent.parent
SEED_EN = (
    "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defence treaty on "
    "Wednesday. \"It is a truly groundbreaking document,\" Kim said. Seoul's foreign ministry warned Moscow that "
    "any co-operation helping Pyongyang's military would violate UN Security Council resolutions. The U.S. and "
    "NATO allies have let Ukraine use Western weapons. I'm sure they aren't done: isn't it so? It's 5 p.m.\n\n"
    "  Whether or not that happens, analysts said, the pact would not be easy to unwind."
)


def _texts() -> list[str]:
    texts = [SEED_EN]
    for path in (TESTS / "events" / "gold_en").glob("*.jsonl"):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    gold = TESTS / "nlp" / "gold" / "en_ner.jsonl"
    texts += [json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line]
    return texts


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc
    ]


def test_every_token_is_annotated_as_by_the_stock_components() -> None:
    nlp = english.load_english()
    rules = english_rules.FastRules(nlp)
    texts = _texts()
    assert len(texts) > 150
    for text in texts:
        stock = nlp(text)
        fast = rules(nlp(text, disable=list(english_rules.NAMES)))
        assert _annotations(fast) == _annotations(stock), text


def test_the_matches_are_the_rulers_own() -> None:
    nlp = english.load_english()
    rules = english_rules.FastRules(nlp)
    for text in _texts()[:40]:
        doc = nlp(text, disable=list(english_rules.NAMES))
        assert rules.match(doc) == rules.ruler.match(doc)


def test_patterns_it_cannot_read_stay_with_a_matcher() -> None:
    assert english_rules._checks([{"LOWER": "a"}, {"LOWER": "b"}]) is None
    assert english_rules._checks([{"LOWER": "a", "OP": "?"}]) is None
    assert english_rules._checks([{"LIKE_NUM": True}]) is None
    assert english_rules._checks([{"TAG": "IN", "LOWER": {"IN": ["that"]}}]) == [
        ("TAG", "==", "IN"),
        ("LOWER", "in", frozenset({"that"})),
    ]


def test_the_pipeline_uses_them() -> None:
    doc = english.parse("Kim said they aren't leaving.")
    assert [t.lemma_ for t in doc] == ["Kim", "say", "they", "be", "not", "leave", "."]
    assert english._fast_rules() is not None
