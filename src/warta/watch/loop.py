"""The watch loop: poll the sources, fetch what is new, run the pipeline, store, raise alerts — again every interval.

One pass: every source is fetched (conditionally) and its article URLs go to the frontier; then the frontier's due
URLs are fetched in rounds (a pool of threads, polite per host), each round's pages run through the same stages as
``warta ingest`` into the store, and the watchlists are evaluated on what was stored. Everything is committed as it
happens (see :mod:`warta.watch.state`), so a pass can be cut anywhere.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from warta.data import Hints, InputFormat, Page, Provenance, Rejection, Source
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
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def parse_duration(text: str) -> float:
    """Seconds in ``30s``, ``15m``, ``1h``, ``1h30m``, ``2d`` or a plain number of seconds."""
    value = text.strip().lower()
    try:
        return float(value)
    except ValueError:
        pass
    parts = _DURATION.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise ValueError(f"{text!r} is not a duration (like 30s, 15m, 1h or 1h30m)")
    return sum(float(n) * _UNITS[u] for n, u in parts)


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """How much one pass does and how failures are retried across passes."""

    workers: int = 8  # fetching threads, all hosts together (each host has its own cap: FetchPolicy.concurrency)
    round_size: int = 50  # URLs fetched, then run through the stages, at a time
    commit_every: int = 5  # documents per transaction (each with its frontier marks)
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
        on_round: Callable[[PassReport], None] | None = None,
        stop: threading.Event | None = None,
        reload: Callable[[], Sequence[WatchSource]] | None = None,
    ) -> None:
        self.store = store
        self.sources = list(sources)
        self.reload = reload  # re-reads the sources before each pass (the CLI's sources file): edits apply live
        self.config = config
        self.settings = settings
        self.factory = factory
        self.watchlists = list(watchlists)
        self.on_note = on_note or (lambda _line: None)
        self.on_round = on_round or (lambda _report: None)
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
            self._reload_sources()
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
                self.on_round(report)
            self._alerts(report)  # also what another process (warta ingest) stored meanwhile
            if self.webhook is not None and not self.stop.is_set():
                report.delivered += deliver(self.store.conn, self.webhook,
                                            max_attempts=self.config.webhook_attempts).delivered  # fmt: skip
        finally:
            self._flush_log()
            report.seconds = time.monotonic() - started
            report.pending = self.state.counts()["pending"]
        return report

    # -- sources -----------------------------------------------------------------------------------------------

    def _reload_sources(self) -> None:
        """The sources as :attr:`reload` reads them now; an unreadable list keeps the previous one, with a note."""
        if self.reload is None or self.passes == 1:  # the first pass watches what the caller passed
            return
        try:
            sources = list(self.reload())
        except Exception as exc:  # a half-saved or broken file must not stop a long-running watch
            self.on_note(f"sources not re-read ({exc}); watching the previous {len(self.sources)}")
            return
        if sources != self.sources:
            self.on_note(f"sources changed: {len(self.sources)} → {len(sources)}")
            self.sources = sources
            self.state.add_sources(sources)

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
        """Run the stages over the fetched pages, committing every ``commit_every`` results with their frontier
        marks, so a kill loses at most one uncommitted chunk (whose URLs stay pending and are fetched again). A stop
        request lets the round finish: pages already fetched are not thrown away to be fetched again."""
        stream = self.pipeline.run(article(_page(todo, fetched)) for todo, fetched in pages)
        seen: set[str] = set()
        while chunk := list(islice(stream, self.config.commit_every)):
            marks: list[tuple[str, str, str | None]] = []
            for item in chunk:
                if isinstance(item, Rejection):
                    marks.append((item.input, f"rejected: {item.stage}: {item.reason}", None))
                    report.rejected += 1
                    self.on_note(f"rejected: {item.input}: {item.reason}")
                elif item.provenance is not None:
                    marks.append((item.provenance.input, "stored", item.id))
                    report.stored += 1
            self.store.write(chunk, batch_size=len(chunk))
            self.state.done_many(marks)
            seen.update(url for url, _outcome, _id in marks)
        self.state.done_many((todo.url, "dropped by a stage", None) for todo, _f in pages if todo.url not in seen)

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
