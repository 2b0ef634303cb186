from __future__ import annotations

import re
from pathlib import Path

import pytest

from warta.data import EventMode
from warta.events.coder import code_events, load_triggers, sentences
from warta.events.modality import mode_of
from warta.nlp.gazetteer import default_gazetteer


def _events(text: str, language: str = "id") -> list[tuple[str, str, list[str], list[str]]]:
    ents = default_gazetteer().find(text, language)
    return [
        (e.event, e.mode.value, [a.country or a.text for a in e.actor], [a.country or a.text for a in e.recipient])
        for e in code_events(text, ents, language)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong Un telah dituduh memasok senjata ke Rusia.", ("AID", "alleged", ["PRK"], ["RUS"])),
        ("Rusia tidak menyerang Ukraina kemarin.", ("ASSAULT", "negated", ["RUS"], ["UKR"])),
        ("Jika Korea Utara memasok senjata ke Rusia, dunia akan cemas.", ("AID", "hypothetical", ["PRK"], ["RUS"])),
        ("Putin akan mengunjungi Pyongyang bulan depan.", ("CONSULT", "future", ["RUS"], ["PRK"])),
        ("AS dan Jepang mengecam Korea Utara.", ("ACCUSE", "asserted", ["USA", "JPN"], ["PRK"])),
        ("Seoul, yang sebelumnya telah memperingatkan Rusia, diam.", ("THREATEN", "asserted", ["KOR"], ["RUS"])),
        ("Russia attacked Ukraine on Monday.", ("ASSAULT", "asserted", ["RUS"], ["UKR"])),
    ],
)
def test_codes_trigger_actor_recipient_mode(text: str, expected: tuple[str, str, list[str], list[str]]) -> None:
    language = "en" if text.startswith("Russia") else "id"
    assert expected in _events(text, language)


def test_no_participants_no_events() -> None:
    assert _events("Harga cabai naik dan memicu kenaikan itu.") == []


def test_role_words_are_participants() -> None:
    assert ("PROTEST", "asserted", ["warga"], []) in _events("Harga cabai naik dan warga memprotes kenaikan itu.")


def test_reciprocal_saling() -> None:
    events = _events("Rusia dan Korea Utara sepakat saling membantu.")
    agree = next(e for e in events if e[0] == "AGREE")
    assert set(agree[2]) == set(agree[3]) == {"RUS", "PRK"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukraina diserang oleh Rusia pada Senin.", ("ASSAULT", "asserted", ["RUS"], ["UKR"])),
        ("Serangan Rusia ke Ukraina menewaskan warga.", ("ASSAULT", "asserted", ["RUS"], ["UKR"])),
        ("Putin dan Kim Jong Un bertemu di Pyongyang.", ("CONSULT", "asserted", ["RUS", "PRK"], ["RUS", "PRK"])),
        ("Rusia membantah menyerang Ukraina.", ("ASSAULT", "negated", ["RUS"], ["UKR"])),
        ("Korea Utara diduga memasok rudal ke Rusia.", ("AID", "alleged", ["PRK"], ["RUS"])),
        ("Jepang berencana mengirim bantuan kemanusiaan ke Gaza.", ("AID", "future", ["JPN"], ["PSE"])),
    ],
)
def test_passive_nominal_joint_and_modes(text: str, expected: tuple[str, str, list[str], list[str]]) -> None:
    assert expected in _events(text)


def test_boilerplate_and_background_are_not_events() -> None:
    assert _events("Baca juga : Pertemuan Putin-Kim Diikuti Peluncuran Rudal Balistik Korut") == []
    assert _events("Seoul, yang sebelum pertemuan tersebut telah memperingatkan Rusia, diam.") == [
        ("THREATEN", "asserted", ["KOR"], ["RUS"])
    ]


def test_pronoun_takes_the_last_person() -> None:
    events = _events("Kim Jong Un memuji perjanjian tersebut. Dia juga menyatakan dukungan penuh untuk Rusia.")
    assert ("SUPPORT", "asserted", ["PRK"], ["RUS"]) in events


def test_mode_cue_stays_in_clause() -> None:
    sentence = "Kim dituduh memasok senjata, sementara Putin menyerang Ukraina"
    assert mode_of(sentence, sentence.index("menyerang"))[0] is EventMode.ASSERTED


def test_sentences_split_on_terminal_punctuation() -> None:
    text = "Satu dua. Tiga empat!\n\nLima"
    assert [text[s:e] for s, e in sentences(text)] == ["Satu dua.", "Tiga empat!", "Lima"]


def test_triggers_agree_with_cameo2plover(shared_data: Path) -> None:
    table = (shared_data / "events" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    mapping = dict(re.findall(r"^(\d+):\s*([A-Z]+)", table, flags=re.MULTILINE))
    for trig in load_triggers():
        assert mapping.get(trig.cameo) == trig.plover, trig


@pytest.mark.parametrize(
    "text",
    [
        "Aktivis mahasiswa asal Riau, Khariq Anhar jadi tersangka dan ditahan Polda Metro Jaya.",  # shared subject
        "Khariq Anhar ditahan Polda Metro Jaya pada 29 Agustus.",  # own subject
    ],
)
def test_parsed_passive_without_oleh_takes_the_noun_after_the_verb_as_agent(text: str) -> None:
    from warta.data import Article
    from warta.events.stage import EventStage
    from warta.nlp.stage import EntityStage

    article = Article(id="x", text=text, language="id", published="2025-10-21")
    (out,) = list(EventStage().run(EntityStage().run([article])))
    (event,) = [e for e in out.events if e.event == "COERCE"]
    assert [a.country for a in event.actor] == ["IDN"]  # Polda Metro Jaya (actors.tsv), not the one held
    assert all(r.country != "IDN" for r in event.recipient)


def test_trigger_search_skips_only_patterns_whose_first_words_are_absent() -> None:
    import dataclasses

    from warta.events.triggers import load_triggers, triggers_in

    triggers = [t for t in load_triggers() if t.language == "id"]
    assert all(t.first_words for t in triggers)
    plain = [dataclasses.replace(t, first_words=None) for t in triggers]
    for sentence in (
        "Presiden Putin dan Kim Jong Un menandatangani perjanjian pertahanan bersama di Pyongyang.",
        "KPK MENETAPKAN dua pejabat sebagai tersangka, kata juru bicara.",
        "Polisi menahan tersangka—“kami sudah menahan dia”, ujar Kapolda İstanbul.",  # non-ASCII: every pattern
        "Harga cabai naik lagi pekan ini.",
    ):
        fast, slow = triggers_in(sentence, triggers), triggers_in(sentence, plain)
        assert [(s, e, t.pattern) for s, e, t in fast] == [(s, e, t.pattern) for s, e, t in slow]
    assert triggers_in("Polisi menahan tersangka.", triggers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vietnam mengancam akan menyerang Kamboja.", ["THREATEN"]),  # what is threatened
        ("Jepang menolak rencana gencatan senjata dari Rusia.", ["REJECT"]),  # what is refused
        ("Thailand dan Laos sepakat bekerja sama di perbatasan.", ["AGREE"]),  # what is agreed
        ("Buruh di Bandung berunjuk rasa menuntut kenaikan upah.", ["PROTEST"]),  # a protest's demand
    ],
)
def test_what_is_agreed_asked_threatened_or_refused_is_no_second_event(text: str, expected: list[str]) -> None:
    assert [e[0] for e in _events(text)] == expected


def test_a_governed_event_after_a_clause_break_or_a_noun_is_its_own() -> None:
    # a new clause, or a noun that takes no verbal complement, leaves the next trigger its own event
    assert [e[0] for e in _events("Vietnam mengancam Kamboja, lalu menyerang Laos.")] == ["THREATEN", "ASSAULT"]
    both = _events("Demonstran berunjuk rasa di Paris dan polisi menangkap mereka.")
    assert sorted(e[0] for e in both) == ["COERCE", "PROTEST"]
    # a protest governs its demands, not what is done to the protesters
    assert "ASSAULT" in [e[0] for e in _events("Demonstran yang berunjuk rasa di Bangkok dibunuh.")]


def test_passive_arrest_of_someone_the_text_does_not_name_as_a_party() -> None:
    # the person held is described, not found as a party: the arrest still stands, with empty roles
    assert ("COERCE", "asserted", [], []) in _events("Pelaku langsung ditahan di Mapolres.")
    assert ("ACCUSE", "asserted", [], []) in _events("Tiga orang saksi diperiksa hari ini.")
    # a time or relative clause recalls it; an active verb or a two-party type needs a party
    assert _events("Saat ditahan, pelaku membawa tas.") == []
    assert _events("Mobil itu milik pelaku yang sudah ditangkap lebih dulu.") == []
    assert _events("Rencana itu dibahas kemarin.") == []


def test_a_passive_request_names_only_who_is_asked() -> None:
    # "X diminta/didesak …": the one asked is a party even when the asker is not named
    assert ("REQUEST", "asserted", [], ["IDN"]) in _events("Presiden Prabowo didesak mencopot menteri itu.")
    assert _events("Rakyat diminta tenang.") == []  # no party at all


def test_a_noun_after_an_aspect_word_is_a_predicate() -> None:
    # "sudah kerja sama": the speaker cooperates; without the aspect word the bare noun needs its party after it
    assert [e[0] for e in _events("Kita sudah kerja sama dengan beberapa daerah.")] == ["COOPERATE"]
    assert _events("Kita bicara kerja sama dengan beberapa daerah.") == []


def test_a_capitalised_name_opening_the_clause_is_a_party_the_entities_missed() -> None:
    # "Budiono" is in no gazetteer: as the clause's subject it still asks; a clause opener is no name
    assert ("REQUEST", "asserted", ["Budiono"], ["IDN"]) in _events("Budiono meminta pemerintah Indonesia bertindak.")
    assert _events("Namun meminta pemerintah Indonesia bertindak.") == []
