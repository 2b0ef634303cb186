"""training/silver.py: entities where two models agree, the NER annotation missing where they do not."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

TRAINING = Path(__file__).resolve().parents[2] / "training"


@pytest.fixture
def silver(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(TRAINING))
    return importlib.import_module("silver")


def _ruler(patterns: list[dict[str, Any]]) -> Language:
    nlp = spacy.blank("id")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    return nlp


def _treebank_doc(nlp: Language) -> Doc:
    words = ["Jokowi", "tiba", "di", "Bandung", ".", "Jokowi", "pulang", "."]
    doc = Doc(nlp.vocab, words=words, sent_starts=[True, False, False, False, False, True, False, False])
    doc[1].pos_ = "VERB"
    return doc


PER = {"label": "PER", "pattern": "Jokowi"}
LOC = {"label": "LOC", "pattern": "Bandung"}


def test_agreeing_sentences_get_entities_the_rest_is_missing(silver: Any) -> None:
    a, b = _ruler([PER, LOC]), _ruler([PER])
    stats: dict[str, int] = {}
    [doc] = silver.label([_treebank_doc(a)], a, b, stats)
    # sentence 1: a finds Bandung, b does not -> NER annotation missing there, not "outside"
    assert [t.ent_iob_ for t in doc[:5]] == [""] * 5
    # sentence 2: both find Jokowi -> a PER entity, the other tokens outside
    assert [(e.text, e.label_, e.start) for e in doc.ents] == [("Jokowi", "PER", 5)]
    assert [t.ent_iob_ for t in doc[5:]] == ["B", "O", "O"]
    assert doc[1].pos_ == "VERB"  # the gold annotation is kept
    assert stats == {"sentences": 2, "agreed": 1, "entities": 1}


def test_build_writes_a_docbin(silver: Any, tmp_path: Path) -> None:
    a = _ruler([PER])
    a.to_disk(tmp_path / "a")
    source = tmp_path / "ud.spacy"
    DocBin(docs=[_treebank_doc(a)]).to_disk(source)
    stats = silver.build(tmp_path / "a", tmp_path / "a", source, tmp_path / "silver.spacy")
    assert stats == {"sentences": 2, "agreed": 2, "entities": 2}
    [doc] = DocBin().from_disk(tmp_path / "silver.spacy").get_docs(a.vocab)
    assert [e.text for e in doc.ents] == ["Jokowi", "Jokowi"]
