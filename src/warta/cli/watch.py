"""``warta watch``: poll feeds, news sitemaps and section pages; fetch, extract and store new articles; raise alerts."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

import click

from warta.cli.common import StatusLine
from warta.cli.options import db_option, settings_from, settings_options
from warta.cli.show import plural
from warta.errors import UsageError

EPILOG = """\b
Examples:
  warta watch docs/sources.txt --db news.db --every 15m
  warta watch sources.txt --db news.db --once                 # one pass, then exit (cron)
  warta watch sources.txt --db news.db --watchlists saved.json --webhook https://hooks.example/warta
  warta watch sources.txt --db news.db --archive warc/        # keep every response; replay: warta ingest warc/

\b
SOURCES_FILE: one URL per line, optionally followed by its kind (feed, sitemap or page; detected when left
out); '#' starts a comment. Alerts appear in `warta serve --watchlists saved.json` at /alerts.atom and
/watchlists/NAME/alerts.atom.
"""


class Duration(click.ParamType[float]):
    """``30s``, ``15m``, ``1h``, ``1h30m`` or plain seconds."""

    name = "DURATION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        from warta.watch.loop import parse_duration

        if isinstance(value, (int, float)):
            return float(value)
        try:
            return parse_duration(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class _Status(StatusLine):
    def show(self, line: str) -> None:
        if self.due():
            self.draw(line)


@click.command(epilog=EPILOG)
@click.argument("sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="SOURCES_FILE")
@db_option
@click.option("--every", type=Duration(), default="15m", show_default=True, help="Start a pass this often.")
@click.option("--once", is_flag=True, help="Run one pass, then exit (for cron and tests).")
@click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Write every response fetched to gzipped WARC files in DIR.",
)
@click.option(
    "--watchlists",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="JSON file of saved queries (as for warta serve): new matching articles and events become alerts.",
)
@click.option("--webhook", default=None, metavar="URL", help="POST each alert as JSON to URL (retried until 2xx).")
@click.option(
    "--rate",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between requests to one host (robots.txt Crawl-delay may ask for more).",
)
@click.option(
    "--concurrency", type=click.IntRange(min=1), default=2, show_default=True, help="Requests in flight per host."
)
@click.option("--user-agent", default=None, help="User-Agent header [default: Warta/VERSION (news monitor; +URL)].")
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="Seconds to wait for a server."
)
@settings_options
def watch(
    sources_file: Path,
    db: str,
    every: float,
    once: bool,
    archive: Path | None,
    watchlists: Path | None,
    webhook: str | None,
    rate: float,
    concurrency: int,
    user_agent: str | None,
    timeout: float,
    **options: Any,
) -> None:
    """Watch the outlets in SOURCES_FILE: poll their feeds, news sitemaps and section pages, fetch each new article
    once (politely: robots.txt, a rate and a concurrency cap per host, conditional requests, retries with backoff),
    run it through the same stages as `warta ingest` and store it in --db.

    Every failure is recorded with its reason (table watch_fetches; the frontier in watch_frontier) and a dead
    source never stops the others. Everything is committed as it happens: stopped with Ctrl-C, SIGTERM or even
    SIGKILL, a restart refetches nothing that was stored and forgets no URL that was found. SOURCES_FILE is read
    again before every pass: edits apply from the next pass.
    """
    from warta.query.watchlists import load_watchlists
    from warta.store import Store
    from warta.watch.fetcher import DEFAULT_USER_AGENT, FetchPolicy
    from warta.watch.loop import PassReport, Watcher
    from warta.watch.sources import read_sources

    if every < 1:
        raise UsageError("--every must be at least 1s")
    if webhook and not webhook.startswith(("http://", "https://")):
        raise UsageError(f"--webhook must be an http(s) URL, not {webhook!r}")
    settings = settings_from(options)
    sources = read_sources(sources_file)
    saved = load_watchlists(watchlists)
    policy = FetchPolicy(
        user_agent=user_agent or DEFAULT_USER_AGENT, rate=rate, concurrency=concurrency, timeout=timeout,
        max_seconds=max(3 * timeout, 60.0), max_bytes=settings.max_page_bytes,
    )  # fmt: skip
    stop = threading.Event()
    status = _Status()

    def note(line: str) -> None:
        status.clear()
        click.echo(line, err=True)

    def on_pass(report: PassReport) -> None:
        status.clear()
        click.echo(_pass_line(report, db), err=True)
        if status.enabled and not once and not stop.is_set():
            status.draw(f"  next pass at {time.strftime('%H:%M:%S', time.localtime(time.time() + every))} …")

    def on_round(report: PassReport) -> None:
        status.show(
            f"  pass {report.number}: {report.fetched} fetched, {report.stored} stored, {report.failed} failed …"
        )

    previous = _on_signals(stop)
    try:
        with Store(db) as store:
            click.echo(
                f"warta: watching {plural(len(sources), 'source')} into {db}"
                + ("" if once else f", a pass every {_duration(every)}")
                + (f", {plural(len(saved), 'watchlist')}" if saved else ""),
                err=True,
            )
            with Watcher(
                store, sources, policy=policy, settings=settings, watchlists=saved, webhook=webhook,
                archive=archive, on_note=note, on_round=on_round, stop=stop,
                reload=lambda: read_sources(sources_file),
            ) as watcher:  # fmt: skip
                if once:
                    report = watcher.run_once()
                    on_pass(report)
                    if report.sources and report.sources_failed == report.sources:
                        raise click.ClickException(f"all {plural(report.sources, 'source')} failed")
                else:
                    watcher.run(every, on_pass=on_pass)
                    status.clear()
                    passes = f"{watcher.passes} pass{'' if watcher.passes == 1 else 'es'}"
                    click.echo(f"warta: stopped after {passes}", err=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _on_signals(stop: threading.Event) -> dict[signal.Signals, Any]:
    """SIGINT and SIGTERM end the watch after the current round; a second SIGINT stops at once."""
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, handler)
    return previous


def _duration(seconds: float) -> str:
    if seconds % 3600 == 0:
        return f"{seconds / 3600:g}h"
    if seconds % 60 == 0:
        return f"{seconds / 60:g}m"
    return f"{seconds:g}s"


def _pass_line(r: Any, db: str) -> str:
    sources = plural(r.sources, "source")
    extra = ", ".join(x for x in (f"{r.sources_unchanged} unchanged" if r.sources_unchanged else "",
                                  f"{r.sources_failed} failed" if r.sources_failed else "") if x)  # fmt: skip
    line = (
        f"pass {r.number}: {sources}{f' ({extra})' if extra else ''}, {plural(r.discovered, 'new URL')}; "
        f"{r.fetched} fetched ({r.pages_per_second:.1f} pages/s), {r.stored} stored, {r.rejected} rejected, "
        f"{r.failed} failed"
    )
    if r.skipped:
        line += f", {r.skipped} already stored"
    if r.alerts or r.delivered:
        line += f"; {plural(r.alerts, 'alert')} ({r.delivered} delivered)"
    return line + f"; {r.pending} pending, {r.seconds:.1f} s → {db}"
