"""The default pipeline: one pass of the trained model per document gives the documents the stages gave alone.

``examples_nlp.jsonl`` holds the entities, quotes and events of the Indonesian example documents as the pipeline
produced them before the shared ``nlp`` stage existed (each stage running the model itself). Regenerate it after an
intended change to those stages with ``WARTA_UPDATE_FIXTURES=1 .venv/bin/pytest tests/pipeline/test_default.py``.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from warta.data import Article, Rejection
from warta.ingest import Reader
from warta.nlp import analysis
from warta.nlp.model_loader import load_nlp, model_available
from warta.pipeline.default import default_stages
from warta.pipeline.runner import Pipeline
from warta.pipeline.stage import Stage
from warta.settings import DEFAULTS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURE = Path(__file__).parent / "data" / "examples_nlp.jsonl"
DETIK = ROOT.parent / "shared" / "data" / "news" / "detik-news" / "data_berita_dev.csv"
FIELDS = ("entities", "quotes", "events", "commitments")
#: Detik articles compared when the shared data is present (the first ones of the dev file).
DETIK_DOCS = 40

needs_model = pytest.mark.skipif(not model_available(), reason="trained NLP model not installed")


def run(stages: Sequence[Stage], paths: list[str]) -> list[dict[str, Any]]:
    analysis.forget()
    items = Pipeline(stages).run(Reader(DEFAULTS).read(paths))
    return [_plain(item) for item in items if not isinstance(item, Rejection)]


def _plain(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    data["provenance"] = {**(data.get("provenance") or {}), "ingested": None}  # the one field set from the clock
    return data


def without_nlp_stage() -> list[Stage]:
    """The default stages less the shared ``nlp`` stage: each model stage runs the model on its own, as before."""
    return [s for s in default_stages() if s.name != "nlp"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The examples, two long articles (past the NER segment and the parse window) and some detik articles."""
    folder = tmp_path_factory.mktemp("inputs")
    seed = (EXAMPLES / "000_3634da77584c6100.txt").read_text(encoding="utf-8").split("\n\n", 1)[-1]
    paragraphs = [p for p in seed.split("\n") if len(p.split()) > 5]
    long_texts = ["\n\n".join(paragraphs[i % len(paragraphs)] + f" (bagian {i})" for i in range(n)) for n in (30, 120)]
    rows = [{"id": f"long-{i}", "title": "Panjang", "text": t} for i, t in enumerate(long_texts)]
    if DETIK.is_file():
        csv.field_size_limit(1 << 30)
        with DETIK.open(encoding="utf-8", newline="") as f:
            for row, _ in zip(csv.DictReader(f), range(DETIK_DOCS), strict=False):
                rows.append({"id": f"detik-{row['id']}", "title": row["judul"], "text": row["isi_berita"]})
    (folder / "more.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert len(long_texts[0]) > analysis.SEGMENT_CHARS and len(long_texts[1]) > analysis.PARSE_CHARS
    return [str(EXAMPLES), str(folder / "more.jsonl")]


def test_the_nlp_stage_comes_before_its_readers() -> None:
    names = [s.name for s in default_stages()]
    assert names.index("language") < names.index("nlp") < names.index("entities") < names.index("quotes")
    assert names.index("quotes") < names.index("events")


@needs_model
def test_documents_are_the_same_with_and_without_the_shared_analysis(inputs: list[str]) -> None:
    shared = run(default_stages(), inputs)
    alone = run(without_nlp_stage(), inputs)
    assert len(shared) == len(alone) >= 9
    assert [d["id"] for d in shared] == [d["id"] for d in alone]
    for a, b in zip(shared, alone, strict=True):
        for field in a:
            assert a[field] == b[field], f"{a['id']}: {field} differs"
    assert sum(len(d["entities"]) for d in shared) > 50 and sum(len(d["quotes"]) for d in shared) > 5


class _CountingTokenizer:
    """Wraps the pipeline's tokenizer and counts the texts it tokenises."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def __call__(self, text: str) -> Any:
        self.texts.append(text)
        return self.inner(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture()
def counting() -> Iterator[_CountingTokenizer]:
    nlp = load_nlp()
    original = nlp.tokenizer
    spy = _CountingTokenizer(original)
    nlp.tokenizer = spy
    try:
        yield spy
    finally:
        nlp.tokenizer = original


@needs_model
def test_each_document_is_tokenised_once(counting: _CountingTokenizer) -> None:
    """With the ``nlp`` stage, an Indonesian example goes through the model once; without it, once per stage that
    reads the parse (entities and quotes always, events when a sentence has a trigger)."""
    docs = run(default_stages(), [str(EXAMPLES)])
    texts = [d["text"] for d in docs if d["language"] in analysis.MODEL_LANGUAGES]
    assert len(texts) >= 4
    assert sorted(counting.texts) == sorted(texts)
    counting.texts.clear()
    run(without_nlp_stage(), [str(EXAMPLES)])
    again = [t for t in counting.texts if t not in texts]
    assert all(t[: analysis.PARSE_CHARS] in texts for t in again)  # the event stage's parse of the whole text
    assert 2 * len(texts) < len(counting.texts) <= 3 * len(texts)


@needs_model
def test_examples_match_the_recorded_output() -> None:
    """Entities, quotes and events of the Indonesian examples are those recorded before the shared analysis."""
    docs = {d["id"]: {f: d[f] for f in FIELDS} for d in run(default_stages(), [str(EXAMPLES)])
            if d["language"] in analysis.MODEL_LANGUAGES}  # fmt: skip
    if os.environ.get("WARTA_UPDATE_FIXTURES"):
        FIXTURE.parent.mkdir(exist_ok=True)
        lines = (json.dumps({"id": k, **v}, ensure_ascii=False, sort_keys=True) for k, v in sorted(docs.items()))
        FIXTURE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    recorded = {}
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        recorded[row.pop("id")] = row
    assert docs.keys() == recorded.keys()
    for key, fields in recorded.items():
        for field, value in fields.items():
            assert docs[key][field] == value, f"{key}: {field} differs from the recorded output"
