"""Located events for the map: stored events joined with where they happened (``event_places``), filtered like the
events explorer (read-only)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import QueryError
from warta.query.db import reader
from warta.query.explore import MAX_ROWS, EventFilters, _where, has_events
from warta.query.parties import Party, attach_parties


@dataclass(slots=True)
class PlacedEvent:
    """One event with its location: the place, its admin levels and country, coordinates and precision."""

    n: int
    article_id: str
    title: str | None
    published: str | None
    domain: str | None
    event: str
    mode: str
    quad_class: int | None
    trigger: str
    sentence: str
    date: str | None
    place: str
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float
    lon: float
    precision: str
    confidence: float
    feature_id: str | None
    text: str | None
    actor: list[Party] = field(default_factory=list)
    recipient: list[Party] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class PlacedEvents:
    """The located events matching the filters (up to ``limit``), and how many matching events have no location."""

    total: int
    unlocated: int
    items: list[PlacedEvent] = field(default_factory=list)


def _has_places(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'event_places'").fetchone() is not None


def placed_events(db_path: str | Path, filters: EventFilters, *, limit: int = 1000) -> PlacedEvents:
    """The events matching ``filters`` that have a location, newest first (ties by storage order)."""
    if limit < 1 or limit > MAX_ROWS:
        raise QueryError(f"limit must be between 1 and {MAX_ROWS}")
    where, params = _where(filters)
    with reader(db_path) as conn:
        if not has_events(conn):
            return PlacedEvents(0, 0)
        base = f"FROM events x JOIN articles a ON a.id = x.article_id {where}"
        matching = int(conn.execute(f"SELECT count(*) {base}", params).fetchone()[0])
        if not _has_places(conn):
            return PlacedEvents(0, matching)
        located = base.replace("FROM events x ", "FROM events x JOIN event_places g ON g.event_n = x.n ", 1)
        total = int(conn.execute(f"SELECT count(*) {located}", params).fetchone()[0])
        rows = [
            PlacedEvent(*r)
            for r in conn.execute(
                "SELECT x.n, x.article_id, a.title, a.published, a.domain, x.event, x.mode, x.quad_class, x.trigger, "
                "x.sentence, x.date, g.place, g.admin1, g.admin2, g.country, g.lat, g.lon, g.precision, g.confidence, "
                f"g.feature_id, g.text {located} "
                "ORDER BY coalesce(x.date, a.published) IS NULL, coalesce(x.date, a.published) DESC, x.n LIMIT ?",
                [*params, limit],
            )
        ]
        attach_parties(conn, rows)
    return PlacedEvents(total, matching - total, rows)
