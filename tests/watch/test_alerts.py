"""Alerts: watchlists evaluated on new articles and events, each match recorded and POSTed once (retried on 5xx),
none raised again on a later pass or after a restart, and served as Atom."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from tests.watch.conftest import Reply, Site, article_html, rss

from warta.data import Actor, Article, Event, EventMode
from warta.pipeline.stage import Stage
from warta.pipeline.worker import extract_factory
from warta.query.watchlists import load_watchlists
from warta.settings import Settings
from warta.store import Store
from warta.watch.alerts import evaluate, recent
from warta.watch.fetcher import FetchPolicy
from warta.watch.loop import WatchConfig, Watcher
from warta.watch.sources import SourceKind, WatchSource

POLICY = FetchPolicy(rate=0.0, retries=0, backoff=0.01)
CONFIG = WatchConfig(workers=2, retry_base=0.0)


class TsunamiAid(Stage):
    """A stand-in for the event coder (its models take seconds to load): USA aids IDN wherever 'tsunami' is written."""

    name = "events"
    requires = frozenset({"text"})
    assigns = frozenset({"events"})

    def process(self, article: Article) -> Article:
        at = article.text.find("tsunami")
        if at >= 0:
            usa, idn = Actor("Amerika Serikat", "USA"), Actor("Indonesia", "IDN")
            article.events = [Event("AID", EventMode.ASSERTED, "070", [usa], [idn], "tsunami", "s", at, at + 7)]
        return article


def factory(settings: Settings) -> Sequence[Stage]:
    return [*extract_factory(settings), TsunamiAid()]


def tsunami_page(n: int) -> bytes:
    return article_html(n, title=f"Tsunami melanda pesisir nomor {n}").replace(b"<p>", b"<p>Bantuan tsunami tiba. ", 1)


@pytest.fixture
def watchlists(tmp_path: Path) -> Path:
    path = tmp_path / "watchlists.json"
    spec = {
        "tsunami": {"title": "Tsunami", "q": "tsunami"},
        "aid-idn": {"title": "Aid to Indonesia", "types": ["AID"], "recipient": "IDN"},
        "aid-prk": {"title": "Aid to North Korea", "types": ["AID"], "recipient": "PRK"},
    }
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def serve_feed(site: Site, paths: list[str], tag: str) -> None:
    site.route("/rss", Reply(body=rss(site.base, paths), etag=f'"{tag}"'))


def test_alerts_once_each_to_atom_and_webhook(site: Site, tmp_path: Path, watchlists: Path) -> None:
    site.route("/berita/tsunami-1", Reply(body=tsunami_page(1)))
    site.route("/berita/tsunami-2", Reply(body=tsunami_page(2)))
    site.route("/berita/biasa-3", Reply(body=article_html(3)))
    site.route("/berita/tsunami-4", Reply(body=tsunami_page(4)))
    site.route("/hook", Reply(500), Reply(200, b"ok"))  # the receiver fails once, then takes everything
    serve_feed(site, ["/berita/tsunami-1", "/berita/biasa-3", "/berita/tsunami-2"], "1")
    db = tmp_path / "w.db"
    lists = load_watchlists(watchlists)
    source = [WatchSource(site.url("/rss"), SourceKind.FEED)]
    with Store(db) as store:
        with Watcher(store, source, policy=POLICY, config=CONFIG, factory=factory, watchlists=lists,
                     webhook=site.url("/hook")) as watcher:  # fmt: skip
            first = watcher.run_once()
            serve_feed(site, ["/berita/tsunami-4", "/berita/tsunami-1"], "2")
            second = watcher.run_once()
            third = watcher.run_once()
            assert evaluate(store.conn, lists) == []  # nothing new: nothing raised again
        with Watcher(store, source, policy=POLICY, config=CONFIG, factory=factory, watchlists=lists,
                     webhook=site.url("/hook")) as restarted:  # fmt: skip
            after_restart = restarted.run_once()
        stored = recent(store.conn, limit=100)
    assert (first.alerts, second.alerts, third.alerts, after_restart.alerts) == (4, 2, 0, 0)
    assert (first.delivered, second.delivered, third.delivered, after_restart.delivered) == (4, 2, 0, 0)
    by_list: dict[str, int] = {}
    for alert in stored:
        by_list[alert.watchlist] = by_list.get(alert.watchlist, 0) + 1
    assert by_list == {"tsunami": 3, "aid-idn": 3}
    assert {a.kind for a in stored if a.watchlist == "aid-idn"} == {"event"}
    assert all(a.title.startswith("AID: Amerika Serikat → Indonesia") for a in stored if a.kind == "event")
    # The webhook: 7 POSTs (one answered 500 and retried), each alert taken exactly once.
    hooks = site.requests("/hook", "POST")
    assert [h.status for h in hooks] == [500] + [200] * 6
    taken = [h.headers["X-Warta-Alert"] for h in hooks if h.status == 200]
    assert len(taken) == len(set(taken)) == 6
    body = json.loads(hooks[1].body)["alert"]
    assert body["watchlist"] in ("tsunami", "aid-idn") and body["url"].startswith(site.base)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM watch_alerts WHERE delivered IS NULL").fetchone() == (0,)
    conn.close()


def test_undelivered_alerts_wait_for_the_next_pass(site: Site, tmp_path: Path, watchlists: Path) -> None:
    site.route("/berita/tsunami-1", Reply(body=tsunami_page(1)))
    site.route("/hook", Reply(503), Reply(503), Reply(503), Reply(503), Reply(503), Reply(503), Reply(204))
    serve_feed(site, ["/berita/tsunami-1"], "1")
    lists = [w for w in load_watchlists(watchlists) if w.name == "tsunami"]
    with Store(tmp_path / "w.db") as store, Watcher(store, [WatchSource(site.url("/rss"))], policy=POLICY,
                                                    config=CONFIG, factory=factory, watchlists=lists,
                                                    webhook=site.url("/hook")) as watcher:  # fmt: skip
        first = watcher.run_once()
        error = store.conn.execute("SELECT error, attempts FROM watch_alerts").fetchone()
        second = watcher.run_once()
        third = watcher.run_once()
    assert (first.alerts, first.delivered) == (1, 0)
    assert error == ("HTTP 503", 1)
    assert (second.delivered, third.delivered) == (0, 1)  # 3 tries a pass: 503 ×6, then 204
    assert len(site.requests("/hook", "POST")) == 7


def test_a_new_watchlist_starts_from_now(site: Site, tmp_path: Path, watchlists: Path) -> None:
    site.route("/berita/tsunami-1", Reply(body=tsunami_page(1)))
    serve_feed(site, ["/berita/tsunami-1"], "1")
    source = [WatchSource(site.url("/rss"))]
    with Store(tmp_path / "w.db") as store:
        with Watcher(store, source, policy=POLICY, config=CONFIG, factory=factory) as watcher:
            watcher.run_once()
        lists = load_watchlists(watchlists)
        with Watcher(store, source, policy=POLICY, config=CONFIG, factory=factory, watchlists=lists) as watcher:
            report = watcher.run_once()
    assert report.alerts == 0  # the article stored before the watchlist existed raises no alert


def test_alert_feeds_are_served(site: Site, tmp_path: Path, watchlists: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from warta.serve.app import create_app
    from warta.serve.config import ServeConfig

    site.route("/berita/tsunami-1", Reply(body=tsunami_page(1)))
    serve_feed(site, ["/berita/tsunami-1"], "1")
    db = tmp_path / "w.db"
    with Store(db) as store, Watcher(store, [WatchSource(site.url("/rss"))], policy=POLICY, config=CONFIG,
                                     factory=factory, watchlists=load_watchlists(watchlists)) as watcher:  # fmt: skip
        watcher.run_once()
    with TestClient(create_app(ServeConfig(db=db, watchlists=watchlists))) as app:
        one = app.get("/watchlists/tsunami/alerts.atom")
        every = app.get("/alerts.atom")
        none = app.get("/watchlists/aid-prk/alerts.atom")
        page = app.get("/watchlists")
    assert one.status_code == 200 and one.headers["content-type"].startswith("application/atom+xml")
    assert one.text.count("<entry>") == 1 and "[tsunami] Tsunami melanda pesisir nomor 1" in one.text
    assert every.text.count("<entry>") == 2 and "#event-" in every.text
    assert none.text.count("<entry>") == 0
    assert "/watchlists/tsunami/alerts.atom" in page.text
