"""The sources file and the discovery of article URLs in feeds, news sitemaps, sitemap indexes and section pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.watch.conftest import news_sitemap, rss

from warta.errors import UsageError
from warta.watch.sources import SourceKind, detect, discover, read_sources

BASE = "https://contoh.example"


def test_read_sources(tmp_path: Path) -> None:
    path = tmp_path / "sources.txt"
    path.write_text(
        "# outlets\n\nhttps://contoh.example/rss  feed\nhttps://contoh.example/sitemap-news.xml sitemap # news\n"
        "https://contoh.example/nasional page\nhttps://contoh.example/other\nhttps://contoh.example/rss/\n",
        encoding="utf-8",
    )
    sources = read_sources(path)
    assert [(s.url, s.kind) for s in sources] == [
        ("https://contoh.example/rss", SourceKind.FEED),
        ("https://contoh.example/sitemap-news.xml", SourceKind.SITEMAP),
        ("https://contoh.example/nasional", SourceKind.PAGE),
        ("https://contoh.example/other", SourceKind.AUTO),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# nothing\n", "lists no sources"),
        ("not-a-url\n", r"not an http\(s\) URL"),
        ("https://a.example/x podcast\n", "unknown source kind"),
        ("https://a.example/x feed extra\n", "expected 'URL"),
    ],
)
def test_read_sources_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        read_sources(path)


def test_feed_urls_are_normalised_and_deduplicated() -> None:
    body = rss(BASE, ["/berita/satu-dua", "/berita/satu-dua/?utm_source=rss", "/berita/tiga-empat", "/foto/x.jpg"])
    found = discover(body, SourceKind.AUTO, BASE + "/rss")
    assert found.kind is SourceKind.FEED
    assert [f.url for f in found.articles] == [BASE + "/berita/satu-dua", BASE + "/berita/tiga-empat"]
    assert found.articles[0].title == "/berita/satu-dua" and found.articles[0].published.startswith("2026-11-20")


def test_feed_cannot_point_inside() -> None:
    body = rss("", ["http://169.254.169.254/latest/meta-data-1", "http://10.0.0.1/berita/a-1", BASE + "/berita/ok-1"])
    assert [f.url for f in discover(body, SourceKind.FEED, BASE + "/rss").articles] == [BASE + "/berita/ok-1"]


def test_news_sitemap_and_index() -> None:
    found = discover(news_sitemap(BASE, ["/a/berita-1", "/a/berita-2"]), SourceKind.AUTO, BASE + "/sitemap.xml")
    assert found.kind is SourceKind.SITEMAP
    assert [(f.url, f.title) for f in found.articles] == [
        (BASE + "/a/berita-1", "Judul /a/berita-1"),
        (BASE + "/a/berita-2", "Judul /a/berita-2"),
    ]
    assert found.articles[0].published == "2026-11-20T08:00:00+07:00"
    index = (
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://contoh.example/s1.xml</loc></sitemap><sitemap><loc>/s2.xml</loc></sitemap>"
        b"</sitemapindex>"
    )
    found = discover(index, SourceKind.SITEMAP, BASE + "/index.xml")
    assert found.sitemaps == [BASE + "/s1.xml", BASE + "/s2.xml"] and found.articles == []


def test_sitemap_entities_are_not_expanded() -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url>'
        b"<url><loc>https://contoh.example/a/ok-1</loc></url></urlset>"
    )
    found = discover(evil, SourceKind.SITEMAP, BASE + "/s.xml")
    assert [f.url for f in found.articles] == [BASE + "/a/ok-1"]


def test_section_page_links() -> None:
    page = (
        b"<html><body><nav><a href='/'>Home</a><a href='/kontak'>Kontak</a><a href='/tag/banjir'>#banjir</a></nav>"
        b"<a href=\"/nasional/banjir-di-jakarta-1\">Banjir</a><a href='/read/20261126/123'>x</a>"
        b"<a href=https://other.example/nasional/x-y>elsewhere</a><a href='/nasional/banjir-di-jakarta-1#c'>dup</a>"
        b"<a href='/img/banjir.jpg'>foto</a></body></html>"
    )
    found = discover(page, SourceKind.AUTO, BASE + "/nasional")
    assert found.kind is SourceKind.PAGE
    assert [f.url for f in found.articles] == [BASE + "/nasional/banjir-di-jakarta-1", BASE + "/read/20261126/123"]


def test_detect() -> None:
    assert detect(b'<?xml version="1.0"?>\n<rss version="2.0">') is SourceKind.FEED
    assert detect(b'<feed xmlns="http://www.w3.org/2005/Atom">') is SourceKind.FEED
    assert detect(b"<?xml version='1.0'?><urlset>") is SourceKind.SITEMAP
    assert detect(b"<!doctype html><html>") is SourceKind.PAGE


def test_garbage_discovers_nothing() -> None:
    assert discover(b"\x00\x01 not xml", SourceKind.SITEMAP, BASE).articles == []
    assert discover(b"<rss><channel>", SourceKind.FEED, BASE).articles == []
