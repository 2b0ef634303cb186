from __future__ import annotations

import pytest

from warta.data import Entity, Quote
from warta.quotes.attribute import find_quotes


def find_direct_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    return [q for q in find_quotes(text, entities) if q.direct]


@pytest.mark.parametrize(
    ("text", "quote", "cue", "speaker", "role"),
    [
        (
            '"Kita harus bekerja lebih keras lagi," kata Lee.',
            "Kita harus bekerja lebih keras lagi",
            "kata",
            "Lee",
            None,
        ),
        (
            "“Harga beras akan turun pekan depan,” ujar Menteri Budi.",
            "Harga beras akan turun pekan depan",
            "ujar",
            "Budi",
            "Menteri",
        ),
        (
            'Presiden Joko Widodo mengatakan, "Kita tidak akan mundur sedikit pun."',
            "Kita tidak akan mundur sedikit pun.",
            "mengatakan",
            "Joko Widodo",
            "Presiden",
        ),
        (
            '"We will not back down from this," said John Smith.',
            "We will not back down from this",
            "said",
            "John Smith",
            None,
        ),
    ],
)
def test_direct_quote_and_speaker(text: str, quote: str, cue: str, speaker: str, role: str | None) -> None:
    (q,) = find_direct_quotes(text, [])
    assert q.text == quote and text[q.start : q.end] == quote
    assert q.direct and q.cue == cue
    assert q.speaker is not None and q.speaker.text == speaker and q.speaker.role == role


def test_scare_quotes_are_not_quotes() -> None:
    assert find_direct_quotes('Program "Makan Gratis" diluncurkan.', []) == []


def test_speaker_links_to_entity_by_surname() -> None:
    ents = [Entity("Rachel Lee", "PER", 0, 10, None, "x:1")]
    (q,) = find_direct_quotes('Rachel Lee hadir. "Ini adalah masalah yang sangat besar," kata Lee.', ents)
    assert q.speaker is not None and q.speaker.entity_id == "x:1"


def test_seed_quote(seed_text: str) -> None:
    quotes = find_direct_quotes(seed_text, [])
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Jika Korea Utara") and quotes[0].speaker
    assert quotes[0].speaker.text == "Rachel Lee"  # the surname resolves to the earlier full name
