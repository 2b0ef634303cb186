"""How the shipped pipeline is loaded: numpy's BLAS for its layers, one BLAS thread per process."""

from __future__ import annotations

import pytest
import spacy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

import warta.nlp.lemmas
import warta.nlp.tokenizer  # noqa: F401  (register the Warta components)
from warta.nlp.model_loader import (
    entity_components,
    load_nlp,
    model_available,
    ner_shares_tok2vec,
    one_blas_thread,
)


@pytest.mark.skipif(not model_available(), reason="trained NLP model not installed")
def test_layers_multiply_with_numpy() -> None:
    nlp = load_nlp()
    ops = [node.ops for _, c in nlp.pipeline if hasattr(c, "model") for node in c.model.walk()]
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)


def test_one_blas_thread_unless_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    one_blas_thread()
    blas = [info for info in threadpool_info() if info["user_api"] == "blas"]
    assert blas and all(info["num_threads"] == 1 for info in blas)


def _pipeline(ner_listens: bool) -> spacy.language.Language:
    """A tiny untrained pipeline: tok2vec + parser, and a NER that listens to the tok2vec or owns its own."""
    nlp = spacy.blank("id")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("parser")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    nlp.add_pipe("ner", config={"model": {"tok2vec": listener}} if ner_listens else {})
    nlp.add_pipe("warta_entity_trim")
    nlp.add_pipe("warta_lemmatizer")
    return nlp


@pytest.mark.parametrize("listens", [True, False])
def test_entity_components_keep_the_encoder_the_ner_reads(listens: bool) -> None:
    nlp = _pipeline(listens)
    assert ner_shares_tok2vec(nlp) is listens
    expected = ("tok2vec", "ner", "warta_entity_trim") if listens else ("ner", "warta_entity_trim")
    assert entity_components(nlp) == expected


@pytest.mark.skipif(not model_available(), reason="trained NLP model not installed")
def test_shipped_entities_run_with_only_what_they_need() -> None:
    nlp = load_nlp()
    needed = entity_components(nlp)
    assert "parser" not in needed and "morphologizer" not in needed and "ner" in needed
    text = "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Pyongyang."
    with nlp.select_pipes(enable=list(needed)):
        alone = [(e.text, e.label_) for e in nlp(text).ents]
    assert ("Vladimir Putin", "PER") in alone
