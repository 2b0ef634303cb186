"""URL normalisation (dedup of variants) and the filters that keep article-like links."""

from __future__ import annotations

import socket

import pytest

from warta.watch.urls import (
    host_of,
    is_article_like,
    is_internal,
    is_story_link,
    may_follow,
    normalise,
    resolves_inside,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://Example.com/berita/a-b", "https://example.com/berita/a-b"),
        ("https://example.com/berita/a-b/", "https://example.com/berita/a-b"),
        ("https://example.com/berita/a-b?utm_source=rss&utm_medium=feed", "https://example.com/berita/a-b"),
        ("https://example.com/berita/a-b/?utm_campaign=x#comments", "https://example.com/berita/a-b"),
        ("HTTPS://EXAMPLE.COM:443/berita/a-b", "https://example.com/berita/a-b"),
        ("https://example.com/read?id=7&utm_source=x", "https://example.com/read?id=7"),
        ("https://example.com/read.php?aid=123&fbclid=x", "https://example.com/read.php?aid=123"),
        ("https://example.com/sitemap/?outputType=xml", "https://example.com/sitemap?outputType=xml"),
        ("https://example.com", "https://example.com/"),
        ("  http://127.0.0.1:8080/a/  ", "http://127.0.0.1:8080/a"),
        ("mailto:redaksi@example.com", None),
        ("javascript:void(0)", None),
        ("ftp://example.com/file", None),
        ("", None),
    ],
)
def test_normalise(raw: str, expected: str | None) -> None:
    assert normalise(raw) == expected


def test_normalise_resolves_relative_links() -> None:
    assert normalise("../nasional/x-y", "https://example.com/berita/index") == "https://example.com/nasional/x-y"
    assert normalise("/a?utm_source=z", "http://127.0.0.1:9/s/") == "http://127.0.0.1:9/a"


def test_variants_collapse_to_one() -> None:
    variants = [
        "https://example.com/berita/banjir-jakarta",
        "https://example.com/berita/banjir-jakarta/",
        "https://example.com/berita/banjir-jakarta?utm_source=twitter",
        "https://EXAMPLE.com/berita/banjir-jakarta#top",
    ]
    assert len({normalise(v) for v in variants}) == 1


def test_filters() -> None:
    assert is_article_like("https://example.com/berita/2026/11/26/banjir-jakarta")
    assert not is_article_like("https://example.com/foto/banjir.jpg")
    assert not is_article_like("https://example.com/tag/banjir")
    section = "https://example.com/nasional"
    assert is_story_link("https://example.com/nasional/banjir-di-jakarta", section)
    assert is_story_link("https://example.com/read/12345", section)
    assert not is_story_link("https://other.example.org/nasional/banjir-di-jakarta", section)
    assert not is_story_link("https://example.com/nasional", section)
    assert not is_story_link("https://example.com/kontak", section)
    assert host_of("http://127.0.0.1:8080/x") == "127.0.0.1:8080"


@pytest.mark.parametrize(
    ("url", "internal"),
    [
        ("http://localhost:8080/a", True),
        ("http://127.0.0.1/a", True),
        ("http://10.1.2.3/a", True),
        ("http://192.168.0.1/admin", True),
        ("http://169.254.169.254/latest/meta-data", True),
        ("http://[::1]:8000/x", True),
        ("https://93.184.215.14/a", False),
        ("https://www.antaranews.com/berita/1", False),
    ],
)
def test_is_internal(url: str, internal: bool) -> None:
    assert is_internal(url) is internal


def test_a_public_source_cannot_send_the_watcher_inside() -> None:
    assert not may_follow("http://169.254.169.254/latest/meta-data", "https://contoh.example/rss")
    assert not may_follow("http://127.0.0.1:8080/x", "https://contoh.example/rss")
    assert may_follow("http://127.0.0.1:8080/berita/a-1", "http://127.0.0.1:8080/rss")  # a local source, its own host
    assert not may_follow("http://127.0.0.1:9999/x", "http://127.0.0.1:8080/rss")
    assert may_follow("https://other.example/berita/a-1", "https://contoh.example/rss")


def test_a_name_that_resolves_inside_is_internal(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {"intranet.example": "10.0.0.5", "metadata.example": "169.254.169.254", "berita.example": "93.184.215.14"}

    def fake(host: str, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], 0))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    resolves_inside.cache_clear()
    try:
        assert is_internal("http://intranet.example/admin")
        assert not may_follow("http://metadata.example/latest/meta-data", "https://contoh.example/rss")
        assert not is_internal("https://berita.example/a-1") and not is_internal("https://tidak-ada.example/x")
        assert may_follow("http://intranet.example/berita/a-1", "http://intranet.example/rss")  # its own host
    finally:
        resolves_inside.cache_clear()
