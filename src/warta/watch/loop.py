"""The watch loop: poll the sources, fetch what is new, run the pipeline, store, raise alerts — again every interval.

One pass: every source is fetched (conditionally) and its article URLs go to the frontier; then the frontier's due
URLs are fetched in rounds (a pool of threads, polite per host), each round's pages run through the same stages as
``warta ingest`` into the store, and the watchlists are evaluated on what was stored. Everything is committed as it
happens (see :mod:`warta.watch.state`), so a pass can be cut anywhere.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from warta.data import Hints, InputFormat, Item, Page, Provenance, Rejection, Source
from warta.ingest.encoding import decode
from warta.ingest.items import article, domain_of, now
from warta.pipeline.runner import Pipeline
from warta.pipeline.worker import StageFactory, default_factory
from warta.query.watchlists import Watchlist
from warta.settings import DEFAULTS, Settings
from warta.store import Store
from warta.watch.alerts import Alert, Webhook, deliver, evaluate, start_marks
from warta.watch.archive import WarcArchive
from warta.watch.fetcher import POLITE, Exchange, Fetched, Fetcher, FetchPolicy, Outcome
from warta.watch.sources import Discovery, SourceKind, WatchSource, discover
from warta.watch.state import Todo, Validators, WatchState

#: Content types read as article pages (a missing one too); anything else (PDF, images, JSON) is given up on.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """How much one pass does and how failures are retried across passes."""

    workers: int = 8  # fetching threads, all hosts together (each host has its own cap: FetchPolicy.concurrency)
    round_size: int = 50  # URLs fetched, then run through the stages and committed, at a time
    max_per_pass: int = 2000  # frontier URLs one pass fetches at most (the rest wait for the next pass)
    max_attempts: int = 5  # passes a URL failing transiently (429, 5xx, network) is tried before it is given up
    retry_base: float = 60.0  # seconds before such a URL is tried again; doubled each time, at most 6 hours
    webhook_attempts: int = 5  # delivery rounds an alert gets before it is left undelivered (with its error)


DEFAULT_CONFIG = WatchConfig()


@dataclass
class PassReport:
    """What one pass did."""

    number: int = 0
    sources: int = 0
    sources_unchanged: int = 0  # 304 Not Modified
    sources_failed: int = 0
    discovered: int = 0  # URLs new to the frontier
    fetched: int = 0  # article pages fetched (200)
    stored: int = 0  # pages that became documents (new, or already stored under another URL)
    rejected: int = 0  # pages a stage rejected (too short, not an article…)
    failed: int = 0  # fetches that failed (to be retried, or given up)
    skipped: int = 0  # frontier URLs found already stored (after a crash): not fetched again
    alerts: int = 0
    delivered: int = 0
    seconds: float = 0.0
    pending: int = 0  # frontier URLs still to fetch after the pass

    @property
    def pages_per_second(self) -> float:
        return self.fetched / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Round:
    results: list[tuple[Todo, Fetched]] = field(default_factory=list)


class Watcher:
    """Watch ``sources`` into ``store``. Call :meth:`run_once` for one pass or :meth:`run` until stopped; close it."""

    def __init__(
        self,
        store: Store,
        sources: Sequence[WatchSource],
        *,
        policy: FetchPolicy = POLITE,
        config: WatchConfig = DEFAULT_CONFIG,
        settings: Settings = DEFAULTS,
        factory: StageFactory = default_factory,
        watchlists: Sequence[Watchlist] = (),
        webhook: str | None = None,
        archive: Path | None = None,
        on_note: Callable[[str], None] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.sources = list(sources)
        self.config = config
        self.settings = settings
        self.factory = factory
        self.watchlists = list(watchlists)
        self.on_note = on_note or (lambda _line: None)
        self.stop = stop or threading.Event()
        self.state = WatchState(store.conn)
        self.archive = WarcArchive(archive) if archive else None
        self._exchanges: list[Exchange] = []
        self._lock = threading.Lock()
        self.fetcher = Fetcher(policy, on_exchange=self._exchange, recorder=self.archive, sleep=self._sleep)
        self.webhook = None
        if webhook:
            self.webhook = Webhook(webhook, user_agent=policy.user_agent, backoff=policy.backoff, sleep=self._sleep)
        self.pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="warta-fetch")
        self._pipeline: Pipeline | None = None
        self.passes = 0
        self.state.add_sources(self.sources)
        if self.watchlists:
            start_marks(store.conn, self.watchlists)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.fetcher.close()
        if self.webhook is not None:
            self.webhook.close()
        if self.archive is not None:
            self.archive.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- running -----------------------------------------------------------------------------------------------

    def run(self, every: float, on_pass: Callable[[PassReport], None] | None = None) -> None:
        """Pass after pass, one starting every ``every`` seconds (or at once when a pass took longer), until
        :attr:`stop` is set (the CLI sets it on SIGINT/SIGTERM; the pass in progress ends after its current round)."""
        while not self.stop.is_set():
            started = time.monotonic()
            report = self.run_once()
            if on_pass is not None:
                on_pass(report)
            self.stop.wait(max(0.0, every - (time.monotonic() - started)))

    def run_once(self) -> PassReport:
        """One pass: sources, then the frontier in rounds, alerts after each round."""
        self.passes += 1
        report = PassReport(number=self.passes)
        started = time.monotonic()
        try:
            self._poll_sources(report)
            tried: set[str] = set()
            while not self.stop.is_set() and len(tried) < self.config.max_per_pass:
                room = min(self.config.round_size, self.config.max_per_pass - len(tried))
                todo = [t for t in self.state.due(room + len(tried)) if t.url not in tried][:room]
                if not todo:
                    break
                tried.update(t.url for t in todo)
                self._round(todo, report)
                self._alerts(report)
            if self.webhook is not None and not self.stop.is_set():
                report.delivered += deliver(self.store.conn, self.webhook,
                                            max_attempts=self.config.webhook_attempts).delivered  # fmt: skip
        finally:
            self._flush_log()
            report.seconds = time.monotonic() - started
            report.pending = self.state.counts()["pending"]
        return report

    # -- sources -----------------------------------------------------------------------------------------------

    def _poll_sources(self, report: PassReport) -> None:
        level: list[tuple[str, SourceKind]] = [(s.url, s.kind) for s in self.sources]
        for _depth in range(2):  # the sources, then the child sitemaps of the sitemap indexes among them
            if self.stop.is_set() or not level:
                return
            futures = []
            for url, kind in level:  # validators are read here: the connection belongs to this thread
                v = self.state.validators(url)
                futures.append((url, kind, self.pool.submit(self.fetcher.fetch, url, etag=v.etag,
                                                            last_modified=v.last_modified)))  # fmt: skip
            level = []
            for url, kind, future in futures:
                fetched = future.result()
                report.sources += 1
                found = self._source_result(url, kind, fetched, report)
                if found is not None:
                    for child in found.sitemaps:
                        self.state.add_child_sitemap(child, url)
                        level.append((child, SourceKind.SITEMAP))
            self._flush_log()

    def _source_result(self, url: str, kind: SourceKind, fetched: Fetched, report: PassReport) -> Discovery | None:
        if fetched.outcome is Outcome.NOT_MODIFIED:
            report.sources_unchanged += 1
            self.state.polled(url, fetched.status, None, None)
            return None
        if not fetched.ok:
            report.sources_failed += 1
            self.state.polled(url, fetched.status, f"{fetched.outcome}: {fetched.reason}", None)
            self.on_note(f"source failed: {url}: {fetched.reason}")
            return None
        try:
            found = discover(fetched.body, kind, fetched.final_url or url)
        except Exception as exc:  # a source body no parser can read must not stop the others
            report.sources_failed += 1
            self.state.polled(url, fetched.status, f"unreadable: {type(exc).__name__}: {exc}", None)
            self.on_note(f"source unreadable: {url}: {exc}")
            return None
        self.state.polled(url, fetched.status, None, Validators(fetched.etag, fetched.last_modified))
        report.discovered += self.state.discovered(url, found.articles)
        return found

    # -- the frontier ------------------------------------------------------------------------------------------

    def _round(self, todo: list[Todo], report: PassReport) -> None:
        fresh: list[Todo] = []
        for item in todo:
            stored = self.state.stored_as(item.url)
            if stored is not None:  # stored before a crash let us mark it: never fetch it again
                self.state.done(item.url, stored[0], stored[1])
                report.skipped += 1
            else:
                fresh.append(item)
        futures = [(item, self.pool.submit(self.fetcher.fetch, item.url)) for item in fresh]
        pages: list[tuple[Todo, Fetched]] = []
        for item, future in futures:
            fetched = future.result()
            if fetched.ok and (fetched.content_type or "text/html") in HTML_TYPES:
                report.fetched += 1
                pages.append((item, fetched))
                continue
            report.failed += 1
            if fetched.ok:
                reason, retry = f"not a page: {fetched.content_type}", None
            else:
                reason = f"{fetched.outcome}: {fetched.reason}"
                retry = self._retry_in(item, fetched) if fetched.outcome.transient else None
            gave_up = self.state.failed(item.url, reason, retry_in=retry, max_attempts=self.config.max_attempts)
            self.on_note(f"fetch failed: {item.url}: {reason}" + ("" if gave_up else " (will retry)"))
        self._flush_log()
        if pages:
            self._ingest(pages, report)

    def _retry_in(self, item: Todo, fetched: Fetched) -> float:
        wait = self.config.retry_base * float(2**item.attempts)
        if fetched.retry_after is not None:
            wait = max(wait, fetched.retry_after)
        return min(wait, 6 * 3600.0)

    def _ingest(self, pages: list[tuple[Todo, Fetched]], report: PassReport) -> None:
        outcome: dict[str, tuple[str, str | None]] = {}

        def tap(items: Iterable[Item]) -> Iterator[Item]:
            for item in items:
                if isinstance(item, Rejection):
                    outcome[item.input] = (f"rejected: {item.stage}: {item.reason}", None)
                    report.rejected += 1
                    self.on_note(f"rejected: {item.input}: {item.reason}")
                else:
                    prov = item.provenance
                    if prov is not None:
                        outcome[prov.input] = ("stored", item.id)
                    report.stored += 1
                yield item

        items = [article(_page(todo, fetched)) for todo, fetched in pages]
        self.store.write(tap(self.pipeline.run(items)), batch_size=max(1, len(items)))
        self.state.done_many(
            (todo.url, *outcome.get(todo.url, ("dropped by a stage", None))) for todo, _fetched in pages
        )

    @property
    def pipeline(self) -> Pipeline:
        """Built on the first page, so a pass with nothing new costs no model loading."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.factory(self.settings))
        return self._pipeline

    # -- alerts ------------------------------------------------------------------------------------------------

    def _alerts(self, report: PassReport) -> list[Alert]:
        if not self.watchlists:
            return []
        new = evaluate(self.store.conn, self.watchlists)
        report.alerts += len(new)
        for alert in new:
            self.on_note(f"alert: {alert.watchlist}: {alert.title}")
        return new

    # -- plumbing ----------------------------------------------------------------------------------------------

    def _exchange(self, exchange: Exchange) -> None:
        with self._lock:
            self._exchanges.append(exchange)

    def _flush_log(self) -> None:
        with self._lock:
            batch, self._exchanges = self._exchanges, []
        if batch:
            self.state.log(batch)

    def _sleep(self, seconds: float) -> None:
        self.stop.wait(seconds)  # a backoff ends at once on SIGINT/SIGTERM


def _page(todo: Todo, fetched: Fetched) -> Page:
    """The fetched page as ingest would read it from a WARC record: HTML bytes, the charset settled on, its URL."""
    url = fetched.final_url or todo.url
    return Page(
        content=fetched.body,
        format=InputFormat.HTML,
        # The input is the frontier URL, so that "already stored?" finds it after a crash (articles.input).
        provenance=Provenance(input=todo.url, record="0", ingested=now(), fetched=now()),
        source=Source(url=url, domain=domain_of(url)),
        hints=Hints(title=todo.title, url=url, published=todo.published),
        encoding=decode(fetched.body, fetched.charset)[1],
    )
