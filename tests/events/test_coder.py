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


def test_no_entities_no_events() -> None:
    assert _events("Harga cabai naik dan warga memprotes kenaikan itu.") == []


def test_reciprocal_saling() -> None:
    (event,) = _events("Rusia dan Korea Utara sepakat saling membantu.")
    assert event[0] == "AGREE" and set(event[3]) == {"RUS", "PRK"}


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
