"""Soak: the watcher runs for a while over a site that keeps publishing (loopback only); nothing is lost or stored
twice, no article is fetched twice, and memory stays flat. ~20 s in the default suite, 3 minutes with ``-m slow``."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from tests.watch.conftest import Reply, Site, article_html, news_sitemap, rss

from warta.pipeline.worker import extract_factory
from warta.store import Store
from warta.watch.fetcher import FetchPolicy
from warta.watch.loop import PassReport, WatchConfig, Watcher
from warta.watch.sources import SourceKind, WatchSource


def rss_mib() -> float:
    """This process's resident memory (VmRSS), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


class Newsroom:
    """Publishes ``per_tick`` articles every ``tick`` seconds; the feed shows the newest 15, the news sitemap the newest
    30 with tracking parameters; every seventh article answers 500 the first time it is asked."""

    def __init__(self, site: Site, per_tick: int, tick: float) -> None:
        self.site, self.per_tick, self.tick = site, per_tick, tick
        self.start = time.monotonic()
        self.frozen: int | None = None
        self.lock = threading.Lock()
        self.flaky_done: set[int] = set()
        site.dynamic("/rss", self.feed)
        site.dynamic("/sitemap-news.xml", self.sitemap)

    def published(self) -> int:
        if self.frozen is not None:
            return self.frozen
        return 10 + self.per_tick * int((time.monotonic() - self.start) / self.tick)

    def freeze(self) -> int:
        self.frozen = self.published()
        return self.frozen

    def _ensure_routes(self, upto: int) -> None:
        for n in range(upto):
            path = f"/berita/artikel-{n}"
            if path not in self.site.routes:
                self.site.dynamic(path, lambda n=n: self.article(n))

    def article(self, n: int) -> Reply:
        with self.lock:
            if n % 7 == 3 and n not in self.flaky_done:
                self.flaky_done.add(n)
                return Reply(500)
        return Reply(body=article_html(n))

    def feed(self) -> Reply:
        count = self.published()
        self._ensure_routes(count)
        paths = [f"/berita/artikel-{n}" for n in range(count - 1, max(-1, count - 16), -1)]
        return Reply(body=rss(self.site.base, paths), etag=f'"{count}"', content_type="application/rss+xml")

    def sitemap(self) -> Reply:
        count = self.published()
        self._ensure_routes(count)
        paths = [f"/berita/artikel-{n}/?utm_source=sitemap" for n in range(count - 1, max(-1, count - 31), -1)]
        return Reply(body=news_sitemap(self.site.base, paths), content_type="application/xml")


def soak(site: Site, db: Path, seconds: float) -> dict[str, float]:
    newsroom = Newsroom(site, per_tick=3, tick=0.5)
    sources = [WatchSource(site.url("/rss"), SourceKind.FEED), WatchSource(site.url("/sitemap-news.xml"))]
    policy = FetchPolicy(rate=0.0, concurrency=4, retries=0, timeout=5.0)
    config = WatchConfig(workers=4, retry_base=0.0, max_attempts=3)
    memory: list[float] = []
    passes: list[PassReport] = []

    def on_pass(report: PassReport) -> None:
        passes.append(report)
        memory.append(rss_mib())

    with Store(db) as store, Watcher(store, sources, policy=policy, config=config, factory=extract_factory) as w:
        timer = threading.Timer(seconds, w.stop.set)  # as SIGTERM would; the store's connection stays in this thread
        timer.start()
        w.run(0.3, on_pass=on_pass)
        total = newsroom.freeze()
        w.stop.clear()
        for _ in range(5):  # drain: what the last passes found, and the flaky ones' second tries
            if w.run_once().pending == 0 and w.state.counts()["done"] == total:
                break
    conn = sqlite3.connect(db)
    inputs = [str(u) for (u,) in conn.execute("SELECT input FROM articles")]
    conn.close()
    assert len(inputs) == len(set(inputs)) == total  # nothing lost, nothing stored twice
    assert set(inputs) == {site.url(f"/berita/artikel-{n}") for n in range(total)}
    for n in range(total):
        expected = 2 if n % 7 == 3 else 1  # the flaky ones: a 500, then the page
        assert len(site.requests(f"/berita/artikel-{n}")) == expected, n
    # Memory: after a warm-up quarter of the passes, resident memory may not keep growing.
    assert len(memory) >= 8, f"only {len(memory)} passes"
    settled = memory[len(memory) // 4]
    growth = max(memory[len(memory) // 4 :]) - settled
    fetched = sum(p.fetched for p in passes)
    busy = sum(p.seconds for p in passes)
    return {"articles": total, "passes": len(passes), "growth_mib": growth, "rss_mib": settled,
            "pages_per_s": fetched / busy if busy else 0.0}  # fmt: skip


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmRSS from /proc")
def test_soak_short(site: Site, tmp_path: Path) -> None:
    result = soak(site, tmp_path / "soak.db", seconds=18)
    print(f"soak 18 s: {result}")
    assert result["articles"] >= 80
    assert result["growth_mib"] < 25, result


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmRSS from /proc")
def test_soak_three_minutes(site: Site, tmp_path: Path) -> None:
    result = soak(site, tmp_path / "soak.db", seconds=180)
    print(f"soak 180 s: {result}")
    assert result["articles"] >= 800
    assert result["growth_mib"] < 25, result
