"""training/vectors.py: the static-vector experiment builds a spaCy vectors table, the same twice (one thread)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import numpy
import pytest
import spacy

TRAINING = Path(__file__).resolve().parents[2] / "training"

pytest.importorskip("floret", reason="the `train` extra (floret) is only needed for `train.py --vectors`")


def test_vectors_table_is_keyed_by_lower_and_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(TRAINING))
    vectors = importlib.import_module("vectors")
    monkeypatch.setitem(vectors.SETTINGS, "epoch", 2)
    monkeypatch.setitem(vectors.SETTINGS, "bucket", 2000)
    text = tmp_path / "pretrain.jsonl"
    lines = ["Presiden Jokowi bertemu Putin di Moskow .", "Menteri luar negeri Rusia bertemu Kim ."] * 50
    text.write_text("".join(json.dumps({"text": line}) + "\n" for line in lines), encoding="utf-8")

    rows = vectors.build(text, tmp_path / "a")
    vectors.build(text, tmp_path / "b")
    a, b = spacy.load(tmp_path / "a").vocab, spacy.load(tmp_path / "b").vocab
    assert rows == len({w.lower() for line in lines for w in line.split()}) == a.vectors.shape[0]
    assert a.vectors.shape[1] == vectors.SETTINGS["dim"]
    # every surface form finds its lower-cased word's row (spaCy looks plain tables up by ORTH)
    numpy.testing.assert_array_equal(a.get_vector("Jokowi"), a.get_vector("jokowi"))
    assert a.get_vector("Jokowi").any() and not a.has_vector("Prabowo")
    numpy.testing.assert_array_equal(a.vectors.data, b.vectors.data)
