from __future__ import annotations

from collections import Counter

import pytest

from warta.nlp.gazetteer import Entry, Gazetteer, default_gazetteer, load_entries
from warta.nlp.model_loader import load_nlp, model_available


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def test_seed_entities_are_found_and_linked(gaz: Gazetteer, seed_text: str) -> None:
    found = {(e.text, e.label, e.country, e.id) for e in gaz.find(seed_text, "id")}
    for expected in [
        ("Rusia", "GPE", "RUS", "wikidata:Q159"),
        ("Korea Utara", "GPE", "PRK", "wikidata:Q423"),
        ("Ukraina", "GPE", "UKR", "wikidata:Q212"),
        ("AS", "GPE", "USA", "wikidata:Q30"),
        ("NATO", "ORG", None, "wikidata:Q7184"),
        ("Korea Selatan", "GPE", "KOR", "wikidata:Q884"),
        ("Vladimir Putin", "PER", "RUS", "wikidata:Q7747"),
        ("Kim Jong Un", "PER", "PRK", "wikidata:Q56226"),
        ("Moskow", "GPE", "RUS", "wikidata:Q649"),
        ("Semenanjung Korea", "LOC", None, "wikidata:Q483134"),
    ]:
        assert expected in found


def test_offsets_index_into_the_text(gaz: Gazetteer, seed_text: str) -> None:
    for ent in gaz.find(seed_text, "id"):
        assert seed_text[ent.start : ent.end] == ent.text


def test_bare_surname_links_to_the_person_named_before(gaz: Gazetteer) -> None:
    ents = gaz.find("Kim Jong Un tiba di Moskow. Kim disambut hangat.", "id")
    kims = [e for e in ents if e.text == "Kim"]
    assert kims and kims[0].id == "wikidata:Q56226"


def test_language_specific_names(gaz: Gazetteer) -> None:
    # "AS" is Amerika Serikat in Indonesian text only
    assert any(e.text == "AS" for e in gaz.find("Presiden AS berbicara.", "id"))
    assert not any(e.text == "AS" for e in gaz.find("AS IT HAPPENED", "en"))


def test_longest_match_wins(gaz: Gazetteer) -> None:
    ents = gaz.find("Dewan Keamanan PBB bersidang.", "id")
    assert [e.text for e in ents] == ["Dewan Keamanan PBB"]


def test_ambiguous_short_country_forms_are_not_linked(gaz: Gazetteer) -> None:
    assert not [e for e in gaz.find("program Korea di lembaga itu", "id") if e.text == "Korea"]


def test_a_name_is_not_given_two_conflicting_things() -> None:
    """Curated names must not point one name at two different things in the same language."""
    owners: dict[tuple[str, str], set[str | None]] = {}
    for e in load_entries():
        owners.setdefault((e.language, e.name), set()).add(e.id)
    conflicts = {k: v for k, v in owners.items() if len(v) > 1}
    # the first table wins at match time; a conflict here means a data error worth fixing
    assert not conflicts


def test_custom_entries() -> None:
    gaz = Gazetteer([Entry("Warta Center", "ORG", "IDN", None)])
    assert [(e.text, e.label) for e in gaz.find("Menurut Warta Center,", "id")] == [("Warta Center", "ORG")]
    assert Counter(e.label for e in gaz.find("tidak ada", "id")) == Counter()


@pytest.mark.skipif(not model_available(), reason="needs the shipped model")
def test_matching_on_the_models_tokens_finds_the_same(gaz: Gazetteer, seed_text: str) -> None:
    # the entity stage hands the ``nlp`` stage's parse to the gazetteer instead of tokenising the text again
    doc = load_nlp().make_doc(seed_text)
    assert gaz.find(seed_text, "id", doc) == gaz.find(seed_text, "id")
