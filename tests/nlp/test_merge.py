from __future__ import annotations

from warta.data import Entity
from warta.nlp.merge import merge_entities

TEXT = "Kementerian Luar Negeri Rusia dan Presiden Vladimir Putin bertemu Rachel Lee di Moskow."


def _ent(text: str, label: str, country: str | None = None, ident: str | None = None) -> Entity:
    start = TEXT.index(text)
    return Entity(text, label, start, start + len(text), country, ident)


def test_longer_model_span_wins_and_inherits_country() -> None:
    ministry = _ent("Kementerian Luar Negeri Rusia", "ORG")
    merged = merge_entities([ministry], [_ent("Rusia", "GPE", "RUS", "wikidata:Q159")])
    assert [(e.text, e.label, e.country) for e in merged] == [("Kementerian Luar Negeri Rusia", "ORG", "RUS")]


def test_equal_span_keeps_the_gazetteer_label_and_link() -> None:
    merged = merge_entities([_ent("Moskow", "LOC")], [_ent("Moskow", "GPE", "RUS", "wikidata:Q649")])
    assert [(e.label, e.id) for e in merged] == [("GPE", "wikidata:Q649")]


def test_model_person_with_title_takes_the_linked_id() -> None:
    merged = merge_entities(
        [_ent("Presiden Vladimir Putin", "PER")], [_ent("Vladimir Putin", "PER", "RUS", "wikidata:Q7747")]
    )
    assert [(e.text, e.id, e.country) for e in merged] == [("Presiden Vladimir Putin", "wikidata:Q7747", "RUS")]


def test_unknown_names_from_the_model_are_kept_and_crossing_spans_defer_to_the_gazetteer() -> None:
    start = TEXT.index("Putin bertemu")
    crossing = Entity("Putin bertemu", "PER", start, start + 13)
    merged = merge_entities([_ent("Rachel Lee", "PER"), crossing], [_ent("Vladimir Putin", "PER", "RUS", "q")])
    assert [e.text for e in merged] == ["Vladimir Putin", "Rachel Lee"]


def test_a_model_span_running_two_linked_names_together_is_dropped() -> None:
    text = "pemimpin Korea Utara Kim Jong Un tiba"
    start = text.index("Korea")
    run_on = Entity("Korea Utara Kim Jong Un", "LOC", start, start + 23)
    kp = Entity("Korea Utara", "GPE", start, start + 11, "PRK", "wikidata:Q423")
    kim = Entity("Kim Jong Un", "PER", start + 12, start + 23, "PRK", "wikidata:Q56226")
    assert [e.text for e in merge_entities([run_on], [kp, kim])] == ["Korea Utara", "Kim Jong Un"]
