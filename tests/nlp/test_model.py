"""The shipped spaCy pipeline: it loads from package data, tokenizes news text, and finds the seed's entities."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from spacy.language import Language

from warta.nlp.lemmas import lemmatize
from warta.nlp.model_loader import MODEL_PATH, ModelMissingError, load_nlp, model_available


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_model_is_shipped_and_small() -> None:
    assert model_available(), f"no model at {MODEL_PATH}; run `python training/train.py`"
    size = sum(p.stat().st_size for p in MODEL_PATH.rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024


def test_load_is_cached_and_fast() -> None:
    load_nlp.cache_clear()
    start = time.perf_counter()
    first = load_nlp()
    assert time.perf_counter() - start < 5  # ≤ 2 s on a quiet core; slack for shared CI machines
    assert load_nlp() is first


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match=r"training/train\.py"):
        load_nlp(tmp_path)


def test_pipeline_components(nlp: Language) -> None:
    assert nlp.lang == "id"
    for name in ("morphologizer", "parser", "ner", "warta_lemmatizer", "warta_newlines", "warta_entity_trim"):
        assert name in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) >= {"PER", "ORG", "LOC"}


def _ents(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(e.text, "LOC" if e.label_ == "GPE" else e.label_) for e in nlp(text).ents}


SEED_EXPECTED = [
    ("Putin", "PER"),
    ("Vladimir Putin", "PER"),
    ("Kim Jong Un", "PER"),
    ("Rachel Lee", "PER"),
    ("NATO", "ORG"),
    ("BBC", "ORG"),
    ("Rusia", "LOC"),
    ("Korea Utara", "LOC"),
    ("Korea Selatan", "LOC"),
    ("Seoul", "LOC"),
    ("Ukraina", "LOC"),
    ("Moskow", "LOC"),
    ("Pyongyang", "LOC"),
    ("Semenanjung Korea", "LOC"),
]

#: What the statistical model alone still gets wrong on the seed (the gazetteer merge in EntityStage covers
#: the places); kept visible here so a better model turns them into passes.
#: (``KCNA`` stands only in the photo credit ``Agresi(KCNA)``, which extraction moves out of the article text.)
SEED_KNOWN_MISSES = [("Stimson Center", "ORG"), ("Kyiv", "LOC"), ("KCNA", "ORG")]


@pytest.mark.issue(3)
def test_seed_entities(nlp: Language, seed_text: str) -> None:
    found = _ents(nlp, seed_text)
    missing = set(SEED_EXPECTED) - found
    assert not missing, f"missing {sorted(missing)}; found {sorted(found)}"


@pytest.mark.issue(3)
@pytest.mark.parametrize("expected", SEED_KNOWN_MISSES)
@pytest.mark.xfail(reason="model-only miss on the seed; see MODEL_CARD.md", strict=False)
def test_seed_entities_known_misses(nlp: Language, seed_text: str, expected: tuple[str, str]) -> None:
    assert expected in _ents(nlp, seed_text)


def test_seed_has_no_garbage_entities(nlp: Language, seed_text: str) -> None:
    for ent in nlp(seed_text).ents:
        assert not any(t.is_space for t in ent), repr(ent.text)
        assert ent.text[:1].isupper() or ent.text[:1].isdigit(), ent.text
        assert len(ent) <= 6, ent.text
        assert ent.text.lower() not in {"baca juga", "editor", "presiden", "klausul"}, ent.text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Agresi(KCNA)", ["Agresi", "(", "KCNA", ")"]),
        ("kata Lee. (BBC/P-5)", ["kata", "Lee", ".", "(", "BBC", "/", "P-5", ")"]),
        ("(Ant/AFP/OL-8)", ["(", "Ant", "/", "AFP", "/", "OL-8", ")"]),
        ("AS dan RI di Jl. Sudirman", ["AS", "dan", "RI", "di", "Jl.", "Sudirman"]),
        ("pada 12/06/2024 pukul 10.30", ["pada", "12/06/2024", "pukul", "10.30"]),
        ("anak-anak dan buku-bukunya", ["anak-anak", "dan", "buku-bukunya"]),
        ("COVID-19 di Kab. Bogor", ["COVID-19", "di", "Kab.", "Bogor"]),
        ("rumahnya", ["rumahnya"]),  # clitics stay attached, as in the parser's treebank
    ],
)
def test_news_tokenizer(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_sentences_tags_and_parse(nlp: Language) -> None:
    doc = nlp("Presiden Joko Widodo meresmikan jembatan baru di Surabaya. Warga menyambutnya dengan gembira.")
    assert len(list(doc.sents)) == 2
    assert doc[0].pos_ in {"NOUN", "PROPN"}
    assert doc[3].pos_ == "VERB"
    assert sum(t.dep_ == "ROOT" for t in doc) == 2


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("menandatangani", "tanda tangan"), ("dituduh", "tuduh"), ("pertanian", "tani"), ("memberikan", "beri")],
)
def test_lemmas(nlp: Language, word: str, lemma: str) -> None:
    doc = nlp(f"Mereka {word} itu.")
    assert doc[1].lemma_ == lemma
    assert lemmatize(word, nlp.get_pipe("warta_lemmatizer").roots) == lemma


def test_line_breaks_end_sentences_and_entities(nlp: Language) -> None:
    doc = nlp("Putin Bertemu Kim Jong Un Di Pyongyang\n\nPresiden Joko Widodo meresmikan jembatan.\nWarga senang.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Putin Bertemu Kim Jong Un Di Pyongyang"
    assert all(sents)
    assert all("\n" not in e.text for e in doc.ents)
    # headline-style Title Case: the entity stops before common words ("Bertemu", "Di")
    assert all(len(e) <= 3 for e in doc.ents if e.start < 8), [e.text for e in doc.ents]
