"""Faceted full-text search: filters (language, outlet, dates, actor country, event type), counts per facet value,
offset pagination in a stable order. The query language is :func:`warta.query.search.to_fts`'s."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import QueryError
from warta.query.db import reader
from warta.query.search import WEIGHTS, to_fts

#: Most hits one page holds.
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Facet filters; all that are set must hold. ``country`` is an ISO 3166-1 alpha-3 code of an actor or entity
    the article mentions, ``event_type`` a PLOVER type coded in it; dates compare with the publication date."""

    language: str | None = None
    domain: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    event_type: str | None = None

    def as_params(self) -> dict[str, str]:
        """The filters that are set, as URL query parameters (``event_type`` is ``type``)."""
        return {("type" if k == "event_type" else k): str(v) for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True, slots=True)
class FoundDocument:
    """One hit: ``snippet`` has the matches wrapped in the caller's marks; ``score`` is -bm25 (0 without a query)."""

    id: str
    title: str | None
    snippet: str
    score: float
    language: str | None
    published: str | None
    domain: str | None
    site_name: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int


@dataclass(slots=True)
class Found:
    """A page of results: ``total`` documents match; ``facets`` counts each facet's values among them."""

    query: str
    total: int
    offset: int
    limit: int
    hits: list[FoundDocument] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _filters(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.language:
        where.append("a.language = ?")
        params.append(filters.language.strip().lower())
    if filters.domain:
        where.append("a.domain = ?")
        params.append(filters.domain.strip().lower())
    if filters.since:
        where.append("a.published >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("substr(a.published, 1, ?) <= ?")
        params += [len(filters.until), filters.until]
    if filters.country:
        code = filters.country.strip().upper()
        where.append(
            "(EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.country = ?) OR EXISTS "
            "(SELECT 1 FROM events x JOIN event_actors p ON p.event_n = x.n WHERE x.article_id = a.id "
            "AND p.country = ?))"
        )
        params += [code, code]
    if filters.event_type:
        where.append("EXISTS (SELECT 1 FROM events x WHERE x.article_id = a.id AND x.event = ?)")
        params.append(filters.event_type.strip().upper())
    return where, params


_FACETS = {
    "language": "SELECT a.language, count(*) AS c FROM articles a WHERE a.n IN ({m}) GROUP BY 1",
    "domain": "SELECT a.domain, count(*) AS c FROM articles a WHERE a.n IN ({m}) AND a.domain IS NOT NULL GROUP BY 1",
    "country": (
        "SELECT e.country, count(DISTINCT a.n) AS c FROM articles a JOIN entities e ON e.article_id = a.id "
        "WHERE a.n IN ({m}) AND e.country IS NOT NULL GROUP BY 1"
    ),
    "event_type": (
        "SELECT x.event, count(DISTINCT a.n) AS c FROM articles a JOIN events x ON x.article_id = a.id "
        "WHERE a.n IN ({m}) GROUP BY 1"
    ),
}


def find(
    db_path: str | Path,
    query: str = "",
    filters: SearchFilters | None = None,
    *,
    offset: int = 0,
    limit: int = 10,
    mark: tuple[str, str] = ("[", "]"),
    facet_size: int = 15,
) -> Found:
    """Documents matching ``query`` (all documents when it is blank) and ``filters``: best first for a query, newest
    first without one; ties broken by storage order, so offset pages never overlap or skip.

    >>> find("warta.db", "putin", SearchFilters(language="id"), limit=5)    # doctest: +SKIP
    """
    filters = filters or SearchFilters()
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    where, params = _filters(filters)
    expression = to_fts(query) if query.strip() else None
    if expression:
        source = "articles_fts JOIN articles a ON a.n = articles_fts.rowid"
        where = ["articles_fts MATCH ?", *where]
        params = [expression, *params]
        weights = f"{WEIGHTS[0]}, {WEIGHTS[1]}"
        columns = f"snippet(articles_fts, -1, ?, ?, '…', 24), -bm25(articles_fts, {weights})"
        column_params: list[Any] = [mark[0], mark[1]]
        order = f"bm25(articles_fts, {weights}), a.n"
    else:
        source = "articles a"
        columns, column_params = "substr(a.text, 1, 240), 0.0", []
        order = "a.published IS NULL, a.published DESC, a.n DESC"
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    matched = f"SELECT a.n FROM {source} {clause}"
    with reader(db_path) as conn:
        try:
            total = int(conn.execute(f"SELECT count(*) FROM ({matched})", params).fetchone()[0])
            rows = conn.execute(
                f"SELECT a.id, a.title, {columns}, a.language, a.published, a.domain, a.site_name, a.url "
                f"FROM {source} {clause} ORDER BY {order} LIMIT ? OFFSET ?",
                [*column_params, *params, limit, offset],
            ).fetchall()
            facets = {}
            for name, sql in _FACETS.items():
                if name == "event_type" and not _has(conn, "events"):
                    continue
                found = conn.execute(
                    sql.format(m=matched) + " ORDER BY c DESC, 1 LIMIT ?", [*params, facet_size]
                ).fetchall()
                facets[name] = [FacetValue(str(v), int(c)) for v, c in found if v is not None]
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot run query {query!r}: {exc}") from exc
    joined = f"{mark[1]} {mark[0]}"
    hits = [FoundDocument(r[0], r[1], (r[2] or "").replace(joined, " "), float(r[3]), *r[4:]) for r in rows]
    return Found(query, total, offset, limit, hits, facets)


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE name = ?", (table,)).fetchone() is not None
