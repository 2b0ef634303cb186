"""Watch passes end to end against a local site: discovery from a feed, a news sitemap and a section page, dedup,
failures recorded with reasons, conditional polling, no refetching, WARC archiving that replays offline."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.watch.conftest import Reply, Site, article_html, news_sitemap, rss

from warta.data import Article
from warta.ingest import read
from warta.pipeline.worker import extract_factory
from warta.store import Store
from warta.watch.fetcher import FetchPolicy
from warta.watch.loop import WatchConfig, Watcher
from warta.watch.sources import SourceKind, WatchSource

POLICY = FetchPolicy(rate=0.0, concurrency=2, timeout=2.0, max_seconds=3.0, retries=1, backoff=0.01, max_bytes=60_000)
CONFIG = WatchConfig(workers=4, round_size=5, retry_base=0.0, max_attempts=2)

CP1252 = (
    "<html><head><meta charset='utf-8'><title>Kafe di Bandung</title></head><body><article><h1>Kafe di Bandung</h1>"
    "<p>Pemilik café itu berkata — dengan senyum — bahwa harga kopi naik. “Kami bertahan,” ujarnya kepada wartawan "
    "yang datang pada hari Senin pagi.</p><p>Pelanggan setia tetap datang meski hujan turun sejak subuh dan jalan "
    "di depan kafe tergenang air setinggi lutut orang dewasa.</p></article></body></html>"
).encode("cp1252")  # declared UTF-8, written in windows-1252: the bytes are not valid UTF-8


def build(site: Site) -> list[str]:
    """The fixture site; returns the article paths that should end up stored."""
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    good = [f"/berita/artikel-{n}" for n in range(1, 4)]
    for n, path in enumerate(good, start=1):
        site.route(path, Reply(body=article_html(n)))
    site.route("/berita/kafe-bandung", Reply(body=CP1252, content_type="text/html; charset=utf-8"))
    site.route("/berita/sempat-gagal-1", Reply(500), Reply(body=article_html(10)))
    site.route("/berita/pindah-1", Reply(301, headers={"Location": "/berita/rumah-baru-1"}))
    site.route("/berita/rumah-baru-1", Reply(body=article_html(11)))
    site.route("/berita/hilang-1", Reply(404))
    site.route("/berita/besar-1", Reply(body=b"<html>" + b"x" * 100_000))
    site.route("/berita/putar-1", Reply(302, headers={"Location": "/berita/putar-2"}))
    site.route("/berita/putar-2", Reply(302, headers={"Location": "/berita/putar-1"}))
    site.route("/berita/file-1", Reply(body=b"%PDF-1.4", content_type="application/pdf"))
    site.route("/private/rahasia-1", Reply(body=article_html(99)))
    site.route("/sitemap-news.xml", Reply(body=news_sitemap(site.base, ["/berita/peta-1", "/berita/artikel-2"]),
                                          content_type="application/xml"))  # fmt: skip
    site.route("/berita/peta-1", Reply(body=article_html(12)))
    site.route("/nasional", Reply(body=b"<html><body><a href='/'>Beranda</a><a href='/nasional/laporan-khusus-1'>x</a>"
                                       b"<a href='/berita/artikel-3?utm_source=home'>y</a></body></html>"))  # fmt: skip
    site.route("/nasional/laporan-khusus-1", Reply(body=article_html(13)))
    feed = [
        *good, "/berita/artikel-1/?utm_source=rss", "/berita/kafe-bandung", "/berita/sempat-gagal-1",
        "/berita/pindah-1", "/berita/hilang-1", "/berita/besar-1", "/berita/putar-1", "/berita/file-1",
        "/private/rahasia-1",
    ]  # fmt: skip
    site.route("/rss", Reply(body=rss(site.base, feed), etag='"feed-1"', content_type="application/rss+xml"))
    return [*good, "/berita/kafe-bandung", "/berita/sempat-gagal-1", "/berita/pindah-1", "/berita/peta-1",
            "/nasional/laporan-khusus-1"]  # fmt: skip


def sources(site: Site) -> list[WatchSource]:
    return [
        WatchSource(site.url("/rss"), SourceKind.FEED),
        WatchSource("http://127.0.0.1:9/rss"),  # nothing listens there: a dead source
        WatchSource(site.url("/sitemap-news.xml")),
        WatchSource(site.url("/nasional"), SourceKind.PAGE),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "watch.db"


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_pass_stores_articles_and_records_every_failure(site: Site, db: Path) -> None:
    expected = build(site)
    notes: list[str] = []
    with Store(db) as store, Watcher(store, sources(site), policy=POLICY, config=CONFIG, factory=extract_factory,
                                     on_note=notes.append) as watcher:  # fmt: skip
        report = watcher.run_once()
    stored = {str(u).removeprefix(site.base) for (u,) in rows(db, "SELECT input FROM articles")}
    assert stored == set(expected)
    assert report.stored == len(expected) and report.sources == 4 and report.sources_failed == 1
    # Dedup: each article URL was asked once, whatever spelling the feed, sitemap and section page used.
    for path in expected:
        if path != "/berita/sempat-gagal-1":
            assert len(site.requests(path)) == 1, path
    assert [h.status for h in site.requests("/berita/sempat-gagal-1")] == [500, 200]
    assert site.requests("/private/rahasia-1") == []
    failed = dict(rows(db, "SELECT url, outcome FROM watch_frontier WHERE state = 'failed'"))
    failed = {str(k).removeprefix(site.base): str(v) for k, v in failed.items()}
    assert failed["/berita/hilang-1"] == "http: HTTP 404"
    assert failed["/berita/besar-1"].startswith("too-large")
    assert failed["/berita/putar-1"].startswith("redirects") and "loop" in failed["/berita/putar-1"]
    assert failed["/berita/file-1"] == "not a page: application/pdf"
    assert failed["/private/rahasia-1"].startswith("robots")
    dead = rows(db, "SELECT error FROM watch_sources WHERE url = 'http://127.0.0.1:9/rss'")[0][0]
    assert str(dead).startswith("network: robots.txt unreadable: ConnectError")
    assert any("source failed: http://127.0.0.1:9/rss" in n for n in notes)
    logged = {str(o) for (o,) in rows(db, "SELECT DISTINCT outcome FROM watch_fetches")}
    assert {"ok", "busy", "http", "too-large", "redirect", "network"} <= logged
    # The windows-1252 page declared as UTF-8 reads right.
    text = rows(db, "SELECT text FROM articles WHERE input LIKE '%kafe-bandung'")[0][0]
    assert "café" in str(text) and "—" in str(text) and "\ufffd" not in str(text)
    # The redirected page is stored under the URL it was listed as, with its final URL as the source.
    moved = rows(db, "SELECT url FROM articles WHERE input LIKE '%/berita/pindah-1'")[0][0]
    assert str(moved).endswith("/berita/rumah-baru-1")


def test_next_passes_poll_conditionally_and_fetch_only_what_is_new(site: Site, db: Path) -> None:
    build(site)
    with Store(db) as store, Watcher(store, sources(site), policy=POLICY, config=CONFIG,
                                     factory=extract_factory) as watcher:  # fmt: skip
        first = watcher.run_once()
        before = len(site.requests())
        second = watcher.run_once()
        asked = [h.path for h in site.requests()[before:]]
        site.route("/berita/baru-sekali-1", Reply(body=article_html(50)))
        site.route("/rss", Reply(body=rss(site.base, ["/berita/baru-sekali-1", "/berita/artikel-1"]), etag='"feed-2"'))
        third = watcher.run_once()
    assert first.stored == 8
    # Second pass: the feed answered 304 to If-None-Match; the sitemap and the section page were read again (no
    # validators) but listed nothing new; no article was fetched again.
    assert second.sources_unchanged == 1 and second.fetched == 0 and second.discovered == 0
    assert sorted(asked) == ["/nasional", "/rss", "/sitemap-news.xml"]
    assert site.requests("/rss")[1].headers.get("If-None-Match") == '"feed-1"'
    assert third.discovered == 1 and third.fetched == 1 and third.stored == 1
    assert len(site.requests("/berita/artikel-1")) == 1
    assert rows(db, "SELECT count(*), count(DISTINCT input) FROM articles") == [(9, 9)]


def test_transient_failures_are_retried_on_later_passes_then_given_up(site: Site, db: Path) -> None:
    site.route("/rss", Reply(body=rss(site.base, ["/berita/sibuk-1", "/berita/sibuk-2"])))
    site.route("/berita/sibuk-1", Reply(503), Reply(503), Reply(body=article_html(3)))
    site.route("/berita/sibuk-2", Reply(503))
    config = WatchConfig(workers=2, retry_base=0.0, max_attempts=3)
    policy = FetchPolicy(rate=0.0, retries=0, backoff=0.01)
    with Store(db) as store, Watcher(store, [WatchSource(site.url("/rss"))], policy=policy, config=config,
                                     factory=extract_factory) as watcher:  # fmt: skip
        reports = [watcher.run_once() for _ in range(4)]
    assert [r.failed for r in reports] == [2, 2, 1, 0]
    assert reports[2].stored == 1
    assert len(site.requests("/berita/sibuk-2")) == 3  # max_attempts passes, then given up
    state = dict(rows(db, "SELECT url, state FROM watch_frontier"))
    assert state == {site.url("/berita/sibuk-1"): "done", site.url("/berita/sibuk-2"): "failed"}


def test_stored_urls_are_never_fetched_again(site: Site, db: Path) -> None:
    """The state a crash leaves between storing a page and marking it done: the next pass marks it, fetching nothing."""
    site.route("/rss", Reply(body=rss(site.base, ["/berita/artikel-1"])))
    site.route("/berita/artikel-1", Reply(body=article_html(1)))
    with Store(db) as store, Watcher(store, [WatchSource(site.url("/rss"))], policy=POLICY, config=CONFIG,
                                     factory=extract_factory) as watcher:  # fmt: skip
        watcher.run_once()
        store.conn.execute("UPDATE watch_frontier SET state = 'pending', outcome = NULL")
        again = watcher.run_once()
    assert again.skipped == 1 and again.fetched == 0
    assert len(site.requests("/berita/artikel-1")) == 1


def test_archive_replays_offline(site: Site, db: Path, tmp_path: Path) -> None:
    build(site)
    archive = tmp_path / "warc"
    with Store(db) as store, Watcher(store, sources(site), policy=POLICY, config=CONFIG, factory=extract_factory,
                                     archive=archive) as watcher:  # fmt: skip
        watcher.run_once()
    files = sorted(archive.glob("*.warc.gz"))
    assert len(files) == 1
    replayed = [item for item in read([str(archive)]) if isinstance(item, Article)]
    pages = {a.page.source.url for a in replayed if a.page is not None}
    stored = {str(u) for (u,) in rows(db, "SELECT url FROM articles")}
    assert stored <= pages  # every stored article can be read again from the archive, without the network
    assert not any(str(p).endswith("/rss") for p in pages)  # feeds and robots.txt are archived but are no pages


def test_the_sources_are_re_read_before_each_pass(site: Site, db: Path) -> None:
    build(site)
    lists: list[list[WatchSource] | Exception] = [
        [WatchSource(site.url("/rss"), SourceKind.FEED), WatchSource(site.url("/nasional"), SourceKind.PAGE)],
        ValueError("line 3: not an http(s) URL"),
    ]
    notes: list[str] = []

    def reload() -> list[WatchSource]:
        got = lists.pop(0)
        if isinstance(got, Exception):
            raise got
        return got

    first = [WatchSource(site.url("/rss"), SourceKind.FEED)]
    with Store(db) as store, Watcher(store, first, policy=POLICY, config=CONFIG, factory=extract_factory,
                                     on_note=notes.append, reload=reload) as watcher:  # fmt: skip
        assert watcher.run_once().sources == 1
        assert site.requests("/nasional") == []
        assert watcher.run_once().sources == 2  # the edited list: the section page is polled from now on
        assert len(site.requests("/nasional")) == 1
        assert watcher.run_once().sources == 2  # a broken file keeps the previous list
    assert "sources changed: 1 → 2" in notes
    assert any(n.startswith("sources not re-read (line 3") for n in notes)
    assert rows(db, "SELECT count(*) FROM watch_sources")[0][0] == 2
