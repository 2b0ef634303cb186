"""The shared analysis: one pass of the trained pipeline, kept per text for the entity, quote and event stages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from warta.data import Article, Item, Rejection
from warta.nlp import analysis
from warta.nlp.analysis import Analysis, AnalysisStage, analyse, doc_entities, lookup, remember
from warta.nlp.model_loader import entity_components, load_nlp, model_available
from warta.quotes.parse import subjects

needs_model = pytest.mark.skipif(not model_available(), reason="trained NLP model not installed")


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    analysis.forget()
    yield
    analysis.forget()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_lookup_needs_the_same_pipeline_and_drop_forgets() -> None:
    one, other = Language(), Language()
    remember("teks", Analysis(one, [], None))
    assert lookup(other, "teks") is None  # made with another pipeline: the reader must run its own
    assert lookup(one, "teks") is not None
    assert lookup(one, "teks", drop=True) is not None
    assert lookup(one, "teks") is None


def test_cache_is_bounded() -> None:
    nlp = Language()
    for i in range(analysis.CACHE + 10):
        remember(f"teks {i}", Analysis(nlp, [], None))
    assert lookup(nlp, "teks 0") is None  # the oldest went first
    assert lookup(nlp, f"teks {analysis.CACHE + 9}") is not None
    assert len(analysis._CACHE) == analysis.CACHE


@needs_model
def test_analysis_gives_what_each_stage_got_alone(nlp: Language, seed_text: str) -> None:
    body = seed_text.split("\n\n", 1)[-1]
    long_text = "\n\n".join([body] * 12)  # past the NER segment size and the parse window
    assert len(long_text) > analysis.PARSE_CHARS
    texts = [body, long_text]
    shared = analyse(nlp, texts)
    # the entity stage alone: the NER (and what feeds it, its line-break sentences and trim) per segment, nothing else
    ner_only = [n for n in nlp.pipe_names if n not in entity_components(nlp)]
    for text, found in zip(texts, shared, strict=True):
        own_ents = [e for off, seg in analysis.segments(text) for e in doc_entities(nlp(seg, disable=ner_only), off)]
        assert found.entities == own_ents and own_ents
        assert found.parse is not None and found.parse.text == text[: analysis.PARSE_CHARS]
        assert found.parse.has_annotation("DEP") and found.parse.tensor.size == 0
        own = subjects(nlp, text)  # not remembered: parsed here
        remember(text, found)
        assert subjects(nlp, text) == own and own


@needs_model
def test_stage_analyses_indonesian_articles_and_passes_everything_through(nlp: Language) -> None:
    items: list[Item] = [
        Article(id="a", text="Presiden Joko Widodo bertemu Menteri Luar Negeri di Jakarta.", language="id"),
        Rejection(input="x", reason="no article text", stage="extract"),
        Article(id="b", text="The president met the minister in Jakarta.", language="en"),
    ]
    stage = AnalysisStage(nlp=nlp)
    out = list(stage.run(items))
    assert out == items
    assert lookup(nlp, "Presiden Joko Widodo bertemu Menteri Luar Negeri di Jakarta.") is not None
    assert lookup(nlp, "The president met the minister in Jakarta.") is None
    assert stage.stats["analysed"] == 1 and stage.stats["ok"] == 2


def test_a_failed_batch_costs_no_document(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> list[Analysis]:
        raise RuntimeError("out of memory")

    monkeypatch.setattr(analysis, "analyse", broken)
    items = [Article(id=str(i), text=f"Teks nomor {i}.", language="id") for i in range(3)]
    stage = AnalysisStage(nlp=Language())
    assert list(stage.run(items)) == items
    assert stage.stats["batch_errors"] == 1 and stage.stats["ok"] == 3
