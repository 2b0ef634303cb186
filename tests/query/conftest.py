"""A small stored corpus for the query tests (built with the real store, from hand-made articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.data import Article, Entity, Item, Provenance, Rejection, Source, content_id
from warta.store import Store

Spans = list[tuple[str, str, str | None]]  # (text, label, country)


def make(title: str, text: str, language: str, domain: str, entities: Spans) -> Article:
    spans = [Entity(t, label, text.index(t), text.index(t) + len(t), country) for t, label, country in entities]
    return Article(
        id=content_id(text, title),
        title=title,
        text=text,
        language=language,
        language_score=0.99,
        source=Source(path=f"{domain}.txt", domain=domain),
        provenance=Provenance(input=f"{domain}.txt"),
        entities=spans,
    )


CORPUS: list[Item] = [
    make(
        "Putin dan Kim Jong Un bertemu di Pyongyang",
        "PRESIDEN Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong Un di Pyongyang. "
        "Pertemuan itu membahas kerja sama militer, kata Lee.",
        "id",
        "kompas.com",
        [("Putin", "PER", "RUS"), ("Kim Jong Un", "PER", "PRK"), ("Korea Utara", "GPE", "PRK")],
    ),
    make(
        "Harga beras naik di Jakarta",
        "Harga beras di pasar Jakarta naik lagi minggu ini. Pedagang menyebut pasokan dari Rusia dan Vietnam "
        "berkurang. Presiden meminta menteri bertindak.",
        "id",
        "detik.com",
        [("Jakarta", "GPE", "IDN"), ("Rusia", "GPE", "RUS")],
    ),
    make(
        "Seoul reacts to the summit",
        "South Korea said the meeting between Putin and Kim threatened regional security. Officials in Seoul "
        "called for talks.",
        "en",
        "bbc.com",
        [("South Korea", "GPE", "KOR"), ("Putin", "PER", "RUS"), ("Seoul", "GPE", "KOR")],
    ),
    Rejection("junk.bin", "binary file", "ingest"),
    Rejection("junk2.bin", "binary file", "ingest"),
    Rejection("empty.txt", "no article text", "extract"),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "warta.db"
    with Store(path) as store:
        store.write(CORPUS)
    return path
