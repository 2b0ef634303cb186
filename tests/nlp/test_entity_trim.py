"""EntityTrim: the post-NER clean-up rules, on hand-set entities (no model needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from warta.nlp.tokenizer import EntityTrim


def _doc(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("id").vocab, words=words)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return doc


def test_trailing_day_name_is_cut() -> None:
    doc = _doc(["kata", "Amanda", "Vanstone", "Selasa", "di", "Canberra", "."], [(1, 4, "PER"), (5, 6, "LOC")])
    out = EntityTrim()(doc)
    assert [(e.text, e.label_) for e in out.ents] == [("Amanda Vanstone", "PER"), ("Canberra", "LOC")]


def test_day_name_alone_is_left_to_the_model() -> None:
    # a one-token entity is not emptied by the day rule (dropping it is the model's call, not a trim)
    doc = _doc(["pada", "Minggu", "itu"], [(1, 2, "PER")])
    assert [e.text for e in EntityTrim()(doc).ents] == ["Minggu"]


def test_uncased_word_dropped_in_cased_text() -> None:
    doc = _doc(["Lembaga", "think", "tank", "Stimson", "Center", "menilai", "."], [(1, 2, "ORG"), (3, 5, "ORG")])
    assert [e.text for e in EntityTrim()(doc).ents] == ["Stimson Center"]
