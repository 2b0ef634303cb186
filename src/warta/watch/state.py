"""The watcher's memory in the store (tables of schema v8): sources and their validators, the frontier, the fetch log.

All of it is in SQLite, committed as it happens, so that ``kill -9`` loses nothing: a URL is in the frontier from the
moment it is seen until it is stored, rejected or given up on, and a URL already stored is never fetched again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from warta.watch.fetcher import Exchange
from warta.watch.sources import Found, SourceKind, WatchSource


def stamp(at: datetime | None = None) -> str:
    """A UTC time as ISO 8601 to the millisecond (same width always, so strings compare as times)."""
    return (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="milliseconds")


def later(seconds: float) -> str:
    return stamp(datetime.now(UTC) + timedelta(seconds=seconds))


@dataclass(frozen=True, slots=True)
class Todo:
    """A frontier URL due for fetching."""

    url: str
    source: str | None
    title: str | None
    published: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None
    last_modified: str | None


#: Exchanges the fetch log keeps (the newest): a watcher that runs for months must not grow its database without
#: bound for a log. At a few thousand exchanges a day this is weeks of history.
FETCH_LOG_ROWS = 200_000


class WatchState:
    """Reads and writes of the watch tables on one connection (the store's; used from one thread only)."""

    def __init__(self, conn: sqlite3.Connection, fetch_log_rows: int = FETCH_LOG_ROWS) -> None:
        self.conn = conn
        self.fetch_log_rows = fetch_log_rows

    # -- sources -----------------------------------------------------------------------------------------------

    def add_sources(self, sources: Iterable[WatchSource]) -> None:
        """Record the sources file's entries (a kind written there wins over an earlier one)."""
        with self._tx():
            for source in sources:
                self.conn.execute(
                    "INSERT INTO watch_sources (url, kind) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET kind = "
                    "excluded.kind, parent = NULL",
                    (source.url, str(source.kind)),
                )

    def add_child_sitemap(self, url: str, parent: str) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT OR IGNORE INTO watch_sources (url, kind, parent) VALUES (?, ?, ?)",
                (url, str(SourceKind.SITEMAP), parent),
            )

    def validators(self, url: str) -> Validators:
        row = self.conn.execute("SELECT etag, last_modified FROM watch_sources WHERE url = ?", (url,)).fetchone()
        return Validators(*row) if row else Validators(None, None)

    def polled(self, url: str, status: int | None, error: str | None, validators: Validators | None) -> None:
        """Note a poll of a source; new validators (from a 200) replace the stored ones."""
        with self._tx():
            self.conn.execute("UPDATE watch_sources SET checked = ?, status = ?, error = ? WHERE url = ?",
                              (stamp(), status, error, url))  # fmt: skip
            if validators is not None:
                self.conn.execute("UPDATE watch_sources SET etag = ?, last_modified = ? WHERE url = ?",
                                  (validators.etag, validators.last_modified, url))  # fmt: skip

    # -- the frontier ------------------------------------------------------------------------------------------

    def discovered(self, source: str, found: Iterable[Found]) -> int:
        """Add URLs a source listed; those already known (in any state) are left alone. Returns how many were new."""
        at = stamp()
        new = 0
        with self._tx():
            for item in found:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO watch_frontier (url, source, title, published, next_try, discovered) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (item.url, source, item.title, item.published, at, at),
                )
                new += cur.rowcount
            if new:
                self.conn.execute("UPDATE watch_sources SET found = found + ? WHERE url = ?", (new, source))
        return new

    def due(self, limit: int) -> list[Todo]:
        """Pending URLs whose time has come, oldest discovery first."""
        rows = self.conn.execute(
            "SELECT url, source, title, published, attempts FROM watch_frontier "
            "WHERE state = 'pending' AND next_try <= ? ORDER BY discovered, rowid LIMIT ?",
            (stamp(), limit),
        ).fetchall()
        return [Todo(*row) for row in rows]

    def stored_as(self, url: str) -> tuple[str, str | None] | None:
        """``(outcome, article id)`` when the store already holds what ``url`` gave (a document, a copy of one, or a
        stage's rejection), else ``None``: a crash between storing and marking the frontier costs no refetch."""
        row = self.conn.execute("SELECT id FROM articles WHERE input = ? LIMIT 1", (url,)).fetchone()
        if row:
            return "stored", str(row[0])
        row = self.conn.execute("SELECT article_id FROM copies WHERE input = ? LIMIT 1", (url,)).fetchone()
        if row:
            return "copy", str(row[0])
        row = self.conn.execute("SELECT stage, reason FROM rejected WHERE input = ? LIMIT 1", (url,)).fetchone()
        if row:
            return f"rejected: {row[0]}: {row[1]}", None
        return None

    def done(self, url: str, outcome: str, article_id: str | None) -> None:
        with self._tx():
            self._done(url, outcome, article_id)

    def done_many(self, rows: Iterable[tuple[str, str, str | None]]) -> None:
        with self._tx():
            for url, outcome, article_id in rows:
                self._done(url, outcome, article_id)

    def _done(self, url: str, outcome: str, article_id: str | None) -> None:
        self.conn.execute(
            "UPDATE watch_frontier SET state = 'done', finished = ?, outcome = ?, article_id = ?, "
            "attempts = attempts + 1 WHERE url = ?",
            (stamp(), outcome, article_id, url),
        )

    def failed(self, url: str, reason: str, *, retry_in: float | None, max_attempts: int) -> bool:
        """Record a failed fetch: with ``retry_in`` (a transient failure) the URL is tried again after that many
        seconds, until ``max_attempts``; otherwise, or then, it is given up. Returns whether it was given up."""
        with self._tx():
            row = self.conn.execute("SELECT attempts FROM watch_frontier WHERE url = ?", (url,)).fetchone()
            attempts = (int(row[0]) if row else 0) + 1
            give_up = retry_in is None or attempts >= max_attempts
            if give_up:
                self.conn.execute(
                    "UPDATE watch_frontier SET state = 'failed', attempts = ?, finished = ?, outcome = ? WHERE url = ?",
                    (attempts, stamp(), reason, url),
                )
            else:
                self.conn.execute(
                    "UPDATE watch_frontier SET attempts = ?, next_try = ?, outcome = ? WHERE url = ?",
                    (attempts, later(retry_in or 0.0), reason, url),
                )
        return give_up

    # -- the fetch log -----------------------------------------------------------------------------------------

    def log(self, exchanges: Iterable[Exchange]) -> None:
        at = stamp()
        with self._tx():
            self.conn.executemany(
                "INSERT INTO watch_fetches (url, at, status, outcome, reason, bytes, seconds) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(e.url, at, e.status, e.outcome, e.reason, e.bytes, round(e.seconds, 4)) for e in exchanges],
            )
            # the oldest rows past the limit go; ``n`` only grows, so this is a range of the primary key
            self.conn.execute(
                "DELETE FROM watch_fetches WHERE n <= (SELECT max(n) FROM watch_fetches) - ?", (self.fetch_log_rows,)
            )

    def counts(self) -> dict[str, int]:
        """Frontier URLs by state (``pending``, ``done``, ``failed``)."""
        out = {"pending": 0, "done": 0, "failed": 0}
        for state, count in self.conn.execute("SELECT state, count(*) FROM watch_frontier GROUP BY state"):
            out[str(state)] = int(count)
        return out

    # -- helpers -----------------------------------------------------------------------------------------------

    def _tx(self) -> _Transaction:
        return _Transaction(self.conn)


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error) on an autocommit connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
