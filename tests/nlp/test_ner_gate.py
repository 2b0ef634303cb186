"""NER quality gate: entity F1 of the shipped pipeline on a fixed sample of the dev sets must not regress.

Scored strictly (exact span + label, ``warta.nlp.ner_eval``) on the corpus's gold tokens and on raw text the
pipeline tokenises itself: a tokenizer regression shows in the second, a model regression in both.

Floors and the sha256 of the dev files are pinned in ``ner_gate.json``. A floor may only be lowered on purpose
(edit the JSON in a commit that says why). The full evaluation (every dev sentence) is marked ``slow``; the full
rebuild + evaluation is ``python training/train.py``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.nlp.model_loader import load_nlp
from warta.nlp.ner_eval import PROTOCOLS, entity_scores

GATE = json.loads((Path(__file__).with_name("ner_gate.json")).read_text(encoding="utf-8"))

LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"}


def _sentences(path: Path) -> list[tuple[list[str], list[str]]]:
    """CoNLL NER (token … IOB) sentences with labels harmonised to PER/ORG/LOC."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split(" ")
        prefix, _, label = cols[-1].partition("-")
        words.append(cols[0])
        tags.append(f"{prefix}-{LABELS[label]}" if label in LABELS else "O")
    return out


def _gold(nlp: Language, words: list[str], tags: list[str]) -> Doc:
    doc = Doc(nlp.vocab, words=words)
    spans, start, label = [], -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        if start >= 0 and (prefix != "I" or lab != label):
            spans.append(Span(doc, start, i, label=label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, lab
    doc.ents = spans
    return doc


def _f1(nlp: Language, path: Path, limit: int | None, protocol: str) -> float:
    gold = [_gold(nlp, w, t) for w, t in _sentences(path)[:limit]]
    return float(entity_scores(nlp, gold, protocol)["f"])


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def dev_files(shared_data: Path) -> dict[str, Path]:
    files = {name: shared_data / spec["path"] for name, spec in GATE["splits"].items()}
    for name, path in files.items():
        if not path.is_file():
            pytest.skip(f"{path} is not present")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == GATE["splits"][name]["sha256"], f"{name}: dev data changed; re-pin ner_gate.json on purpose"
    return files


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("split", sorted(GATE["splits"]))
def test_ner_gate_sample(nlp: Language, dev_files: dict[str, Path], split: str, protocol: str) -> None:
    spec = GATE["splits"][split]
    floor = spec["floors"][protocol]["sample"]
    f1 = _f1(nlp, dev_files[split], spec["sample"], protocol)
    assert f1 >= floor, f"{split}, {protocol}: sample F1 {f1:.3f} < floor {floor}"


@pytest.mark.slow
@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("split", sorted(GATE["splits"]))
def test_ner_gate_full(nlp: Language, dev_files: dict[str, Path], split: str, protocol: str) -> None:
    spec = GATE["splits"][split]
    floor = spec["floors"][protocol]["full"]
    f1 = _f1(nlp, dev_files[split], None, protocol)
    assert f1 >= floor, f"{split}, {protocol}: F1 {f1:.3f} < floor {floor}"
