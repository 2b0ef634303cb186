from __future__ import annotations

import pytest

from warta.data import Article, Credit, CreditRole, Origin, Source
from warta.stories.origin import credited_names, page_clues, resolve_origin, source_key


@pytest.mark.parametrize(
    ("credits", "expected"),
    [
        (["BBC/P-5"], ["BBC"]),
        (["Ant"], ["Antara"]),
        (["Reuters/AFP"], ["Reuters", "AFP"]),
        (["kompas.com"], ["Kompas"]),
        (["Z-2"], []),
    ],
)
def test_credited_names(credits: list[str], expected: list[str]) -> None:
    article = Article(credits=[Credit(CreditRole.SOURCE, c) for c in credits])
    assert credited_names(article) == expected


def test_page_clues_find_the_outlet_in_cta_lines() -> None:
    page = b"x.com\n\nTitle\n\nBody.\n\nCek berita di Google News dan ikuti WhatsApp channel mediaindonesia.com\n"
    assert page_clues(page) == ["cta:mediaindonesia.com"]


def test_origin_from_page_clue_and_credit() -> None:
    article = Article(
        source=Source(domain="visitaaponce.com"),
        credits=[Credit(CreditRole.SOURCE, "BBC/P-5"), Credit(CreditRole.PHOTO, "KCNA")],
        origin=Origin(evidence=["cta:mediaindonesia.com"]),
    )
    origin = resolve_origin(article)
    assert (origin.publisher, origin.publisher_domain, origin.credited_to) == (
        "Media Indonesia", "mediaindonesia.com", ["BBC"]
    )  # fmt: skip
    assert source_key(origin, "visitaaponce.com") == "bbc"


@pytest.mark.parametrize(
    ("domain", "publisher"),
    [("news.detik.com", "detikcom"), ("unknown.example", "unknown.example"), (None, None)],
)
def test_origin_from_domain(domain: str | None, publisher: str | None) -> None:
    assert resolve_origin(Article(source=Source(domain=domain))).publisher == publisher


def test_syndicated_copies_share_a_source_key() -> None:
    a = resolve_origin(Article(source=Source(domain="a.id"), credits=[Credit(CreditRole.SOURCE, "Antara")]))
    b = resolve_origin(Article(source=Source(domain="b.id"), credits=[Credit(CreditRole.SOURCE, "Ant")]))
    assert source_key(a, "a.id") == source_key(b, "b.id") == "antara"
