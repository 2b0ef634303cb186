"""English NER gate on the hand-annotated news check set, and the label mapping of the English pipeline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from warta.data import Entity
from warta.nlp import english
from warta.nlp.english_eval import GOLD, evaluate, score

GATE = json.loads((Path(__file__).parent / "english_ner_gate.json").read_text(encoding="utf-8"))


def test_check_set_is_the_one_the_floor_was_set_on() -> None:
    assert hashlib.sha256(GOLD.read_bytes()).hexdigest() == GATE["digest"]


def test_score_counts_text_and_type() -> None:
    gold = [[("Kim Jong Un", "PER"), ("Seoul", "LOC")]]
    got = [[Entity("Kim Jong Un", "PER", 0, 11), Entity("Seoul", "GPE", 20, 25), Entity("Korean", "NORP", 0, 6)]]
    assert score(gold, got)["ALL"]["f1"] == 1.0
    assert score(gold, [[Entity("Seoul", "ORG", 20, 25)]])["ALL"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


@pytest.mark.skipif(not english.english_available(), reason="the en extra is not installed")
def test_english_ner_gate() -> None:
    result = evaluate()
    assert result["warta"]["ALL"]["f1"] >= GATE["f1"]
    assert result["published_ontonotes"]["ents_f"] > 0.8  # the package is the pipeline its meta.json describes


@pytest.mark.skipif(not english.english_available(), reason="the en extra is not installed")
def test_leading_article_and_possessive_are_left_out() -> None:
    doc = english.parse("The United Nations condemned the attack. Chile's president spoke.")
    texts = {e.text for e in english.entities(doc)}
    assert "United Nations" in texts and "Chile" in texts
