"""The events explorer: a filtered, paginated event table and its time series by PLOVER quad class (read-only)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import QueryError
from warta.query.db import like, reader
from warta.query.parties import Party, attach_parties

#: The four PLOVER quad classes, by number.
QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

#: Most rows one call returns (a download of a filtered table is capped here too).
MAX_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What the explorer filters on; every field is optional and they all must hold.

    ``actor``/``recipient``/``participant`` match a party's country code (``PRK``), entity id (``wikidata:Q423``)
    or, case-insensitively, a part of its name; ``participant`` matches either role.
    """

    actor: str | None = None
    recipient: str | None = None
    participant: str | None = None
    event_type: str | None = None
    mode: str | None = None
    context: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    article_id: str | None = None

    def as_params(self) -> dict[str, str]:
        """The filters that are set, as URL query parameters (``event_type`` is ``type``)."""
        out = {}
        for key, value in asdict(self).items():
            if value not in (None, ""):
                out["type" if key == "event_type" else key] = str(value)
        return out


@dataclass(slots=True)
class EventRow:
    """One stored event, with its article, evidence sentence offsets and participants."""

    n: int
    article_id: str
    title: str | None
    published: str | None
    domain: str | None
    event: str
    mode: str
    cameo: str | None
    quad_class: int | None
    intensity: float | None
    context: str | None
    trigger: str
    sentence: str
    start: int
    end: int
    sentence_start: int | None
    sentence_end: int | None
    confidence: float
    date: str | None
    location: str | None
    actor: list[Party] = field(default_factory=list)
    recipient: list[Party] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventPage:
    """A page of the filtered table: ``total`` rows match, these are ``offset``… in a stable order."""

    total: int
    offset: int
    limit: int
    rows: list[EventRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """How many events of one quad class fall in one period (``YYYY-MM``, or ``undated``)."""

    period: str
    quad_class: int | None
    count: int


def party_sql(table: str, key: str, value: str, role: str | None) -> tuple[str, list[Any]]:
    """SQL (an EXISTS over ``table``) matching a party of ``x.n`` by country code, id or name part."""
    role_sql = "AND p.role = ? " if role else ""
    sql = (
        f"EXISTS (SELECT 1 FROM {table} p WHERE p.{key} = x.n {role_sql}"
        "AND (p.country = ? OR p.id = ? OR p.text LIKE ? ESCAPE '\\'))"
    )
    return sql, [*([role] if role else []), value.upper(), value, like(value)]


def _where(filters: EventFilters) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for role, value in (("actor", filters.actor), ("recipient", filters.recipient), (None, filters.participant)):
        if value:
            sql, args = party_sql("event_actors", "event_n", value.strip(), role)
            where.append(sql)
            params += args
    if filters.event_type:
        where.append("x.event = ?")
        params.append(filters.event_type.strip().upper())
    if filters.mode:
        where.append("x.mode = ?")
        params.append(filters.mode.strip().lower())
    if filters.context:
        where.append("x.context LIKE ? ESCAPE '\\'")
        params.append(like(filters.context.strip()))
    if filters.quad_class is not None:
        if filters.quad_class not in QUAD_CLASSES:
            raise QueryError(f"quad_class must be 1, 2, 3 or 4, not {filters.quad_class}")
        where.append("x.quad_class = ?")
        params.append(filters.quad_class)
    if filters.since:
        where.append("coalesce(x.date, a.published) >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("substr(coalesce(x.date, a.published), 1, ?) <= ?")
        params += [len(filters.until), filters.until]
    if filters.article_id:
        where.append("x.article_id = ?")
        params.append(filters.article_id)
    return ("WHERE " + " AND ".join(where)) if where else "", params


def has_events(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'events'").fetchone() is not None


def event_table(db_path: str | Path, filters: EventFilters, *, offset: int = 0, limit: int = 50) -> EventPage:
    """One page of the events matching ``filters``, newest first (ties by storage order, so pages are stable)."""
    if limit < 1 or limit > MAX_ROWS:
        raise QueryError(f"limit must be between 1 and {MAX_ROWS}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    where, params = _where(filters)
    with reader(db_path) as conn:
        if not has_events(conn):
            return EventPage(0, offset, limit)
        base = f"FROM events x JOIN articles a ON a.id = x.article_id {where}"
        total = int(conn.execute(f"SELECT count(*) {base}", params).fetchone()[0])
        rows = [
            EventRow(*r)
            for r in conn.execute(
                "SELECT x.n, x.article_id, a.title, a.published, a.domain, x.event, x.mode, x.cameo, x.quad_class, "
                'x.intensity, x.context, x.trigger, x.sentence, x.start, x."end", x.sentence_start, x.sentence_end, '
                f"x.confidence, x.date, x.location {base} "
                "ORDER BY coalesce(x.date, a.published) IS NULL, coalesce(x.date, a.published) DESC, x.n "
                "LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]
        attach_parties(conn, rows)
    return EventPage(total, offset, limit, rows)


def event_series(db_path: str | Path, filters: EventFilters) -> list[SeriesPoint]:
    """Counts of the matching events per month and quad class, oldest month first (undated events last)."""
    where, params = _where(filters)
    with reader(db_path) as conn:
        if not has_events(conn):
            return []
        rows = conn.execute(
            "SELECT coalesce(substr(coalesce(x.date, a.published), 1, 7), 'undated') AS period, x.quad_class, "
            f"count(*) FROM events x JOIN articles a ON a.id = x.article_id {where} "
            "GROUP BY period, x.quad_class ORDER BY period = 'undated', period, x.quad_class",
            params,
        ).fetchall()
    return [SeriesPoint(r[0], r[1], int(r[2])) for r in rows]


def event_types(db_path: str | Path) -> list[tuple[str, int]]:
    """The stored PLOVER event types with their counts, most frequent first."""
    with reader(db_path) as conn:
        if not has_events(conn):
            return []
        return [
            (r[0], int(r[1]))
            for r in conn.execute("SELECT event, count(*) AS c FROM events GROUP BY event ORDER BY c DESC, event")
        ]
