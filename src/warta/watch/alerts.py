"""Alerts: saved queries (watchlists) evaluated on the articles and events stored since they last were, each match
recorded once (``watch_alerts`` is unique per watchlist and article/event) and, with a webhook, POSTed to it until
it answers 2xx. ``warta serve`` shows them as Atom at ``/alerts.atom`` and ``/watchlists/NAME/alerts.atom``.

A watchlist with words (``q``) alerts on articles matching them (and, when it also names event types or parties, having
such an event); one without words alerts on events (types: any of them; actor and recipient: country code, entity id
or part of the name), like its Atom feed in ``warta serve``.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import httpx

from warta.errors import QueryError
from warta.query.search import to_fts
from warta.query.watchlists import Watchlist
from warta.watch.state import stamp

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Alert:
    n: int
    watchlist: str
    kind: str  # article or event
    ref: str  # the article id or event number
    article_id: str
    title: str
    summary: str
    published: str | None
    url: str | None
    at: str

    def payload(self) -> dict[str, Any]:
        """The webhook's JSON body."""
        return {"alert": asdict(self)}


_COLUMNS = "n, watchlist, kind, ref, article_id, title, summary, published, url, at"


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _event_conditions(w: Watchlist) -> tuple[list[str], list[Any]]:
    """SQL over an event ``x`` for the watchlist's types and parties."""
    where: list[str] = []
    params: list[Any] = []
    if w.types:
        where.append(f"x.event IN ({','.join('?' * len(w.types))})")
        params += [t.strip().upper() for t in w.types]
    for role, value in (("actor", w.actor), ("recipient", w.recipient)):
        if value and value.strip():
            where.append(
                "EXISTS (SELECT 1 FROM event_actors p WHERE p.event_n = x.n AND p.role = ? "
                "AND (p.country = ? OR p.id = ? OR p.text LIKE ? ESCAPE '\\'))"
            )
            params += [role, value.strip().upper(), value.strip(), _like(value.strip())]
    return where, params


def _max(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(n), 0) FROM {table}").fetchone()[0])


def start_marks(conn: sqlite3.Connection, watchlists: Sequence[Watchlist]) -> None:
    """A watchlist seen for the first time starts at what is stored now: it alerts on what comes, not on the past."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        articles, events = _max(conn, "articles"), _max(conn, "events")
        conn.executemany(
            "INSERT OR IGNORE INTO watch_marks (watchlist, article_n, event_n) VALUES (?, ?, ?)",
            [(w.name, articles, events) for w in watchlists],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def evaluate(conn: sqlite3.Connection, watchlists: Sequence[Watchlist]) -> list[Alert]:
    """Match each watchlist against what was stored since its mark; record and return the new alerts."""
    new: list[Alert] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        top_article, top_event = _max(conn, "articles"), _max(conn, "events")
        at = stamp()
        for w in watchlists:
            row = conn.execute("SELECT article_n, event_n FROM watch_marks WHERE watchlist = ?", (w.name,)).fetchone()
            after_article, after_event = (int(row[0]), int(row[1])) if row else (top_article, top_event)
            try:
                rows = _matches(conn, w, after_article, top_article, after_event, top_event)
            except (QueryError, sqlite3.OperationalError) as exc:
                log.error("watchlist %s cannot be evaluated: %s", w.name, exc)
                rows = []
            for kind, ref, article_id, title, summary, published, url in rows:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO watch_alerts (watchlist, kind, ref, article_id, title, summary, published, "
                    "url, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING n",
                    (w.name, kind, ref, article_id, title, summary, published, url, at),
                )
                got = cur.fetchone()
                if got is not None:
                    new.append(Alert(int(got[0]), w.name, kind, ref, article_id, title, summary, published, url, at))
            conn.execute(
                "INSERT INTO watch_marks (watchlist, article_n, event_n) VALUES (?, ?, ?) ON CONFLICT (watchlist) "
                "DO UPDATE SET article_n = excluded.article_n, event_n = excluded.event_n",
                (w.name, top_article, top_event),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return new


Row = tuple[str, str, str, str, str, str | None, str | None]


def _matches(
    conn: sqlite3.Connection, w: Watchlist, after_article: int, top_article: int, after_event: int, top_event: int
) -> list[Row]:
    conditions, params = _event_conditions(w)
    if w.q.strip():
        expression = to_fts(w.q)
        if not expression:
            return []
        extra = ""
        if conditions:
            extra = (
                " AND EXISTS (SELECT 1 FROM events x WHERE x.article_id = a.id AND " + " AND ".join(conditions) + ")"
            )
        sql = (
            "SELECT 'article', a.id, a.id, coalesce(a.title, a.id), snippet(articles_fts, -1, '', '', '…', 24), "
            "a.published, a.url FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND a.n > ? AND a.n <= ?{extra} ORDER BY a.n"
        )
        return [tuple(r) for r in conn.execute(sql, [expression, after_article, top_article, *params])]
    where = " AND ".join(["x.n > ?", "x.n <= ?", *conditions])
    out: list[Row] = []
    for n, article_id, event, sentence, published, url in conn.execute(
        "SELECT x.n, x.article_id, x.event, x.sentence, coalesce(x.date, a.published), a.url FROM events x "
        f"JOIN articles a ON a.id = x.article_id WHERE {where} ORDER BY x.n",
        [after_event, top_event, *params],
    ).fetchall():
        parties: dict[str, list[str]] = {"actor": [], "recipient": []}
        for role, text in conn.execute("SELECT role, text FROM event_actors WHERE event_n = ? ORDER BY rowid", (n,)):
            parties[str(role)].append(str(text))
        title = f"{event}: {', '.join(parties['actor']) or '?'} → {', '.join(parties['recipient']) or '?'}"
        out.append(("event", str(n), article_id, title, sentence, published, url))
    return out


def recent(conn: sqlite3.Connection, watchlist: str | None = None, limit: int = 50) -> list[Alert]:
    """The newest alerts (of one watchlist, or all), newest first; none when the database has no alert table."""
    if conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'watch_alerts'").fetchone() is None:
        return []
    where, params = ("WHERE watchlist = ?", [watchlist]) if watchlist else ("", [])
    rows = conn.execute(f"SELECT {_COLUMNS} FROM watch_alerts {where} ORDER BY n DESC LIMIT ?", [*params, limit])
    return [Alert(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class Delivery:
    delivered: int
    failed: int


class Webhook:
    """POST each alert as JSON to ``url``; a 5xx, 429 or network error is retried with backoff (``tries`` in all)."""

    def __init__(
        self, url: str, *, user_agent: str, tries: int = 3, backoff: float = 1.0, timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:  # fmt: skip
        self.url = url
        self.tries = tries
        self.backoff = backoff
        self.sleep = sleep
        self.client = httpx.Client(headers={"User-Agent": user_agent}, timeout=timeout, follow_redirects=True)

    def close(self) -> None:
        self.client.close()

    def post(self, alert: Alert) -> str | None:
        """Send one alert; ``None`` when the receiver took it, else why not."""
        error = "not tried"
        for attempt in range(self.tries):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                # The header lets a receiver drop a repeat if our copy of its 2xx was lost on the way.
                response = self.client.post(self.url, json=alert.payload(), headers={"X-Warta-Alert": str(alert.n)})
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
                continue
            if 200 <= response.status_code < 300:
                return None
            error = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break  # the receiver refuses it: asking again will not help
        return error


def deliver(conn: sqlite3.Connection, webhook: Webhook, *, max_attempts: int = 5, limit: int = 200) -> Delivery:
    """Send the alerts not delivered yet (oldest first); each is marked delivered the moment the receiver takes it, so
    a crash re-sends at most the one in flight. One given up after ``max_attempts`` rounds keeps its last error."""
    pending = [
        Alert(*r)
        for r in conn.execute(
            f"SELECT {_COLUMNS} FROM watch_alerts WHERE delivered IS NULL AND attempts < ? ORDER BY n LIMIT ?",
            (max_attempts, limit),
        )
    ]
    done = failed = 0
    for alert in pending:
        error = webhook.post(alert)
        if error is None:
            conn.execute("UPDATE watch_alerts SET delivered = ?, attempts = attempts + 1, error = NULL WHERE n = ?",
                         (stamp(), alert.n))  # fmt: skip
            done += 1
        else:
            conn.execute("UPDATE watch_alerts SET attempts = attempts + 1, error = ? WHERE n = ?", (error, alert.n))
            failed += 1
    return Delivery(done, failed)
