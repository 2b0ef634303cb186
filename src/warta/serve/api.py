"""The JSON API under ``/api``: documents, search, events (with CSV/JSON export), actors, quotes, commitments."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from warta.query import CommitmentHit, QuoteHit, Stats, commitments, quotes, stats
from warta.query.actors import ActorProfile, actor_profile, actors
from warta.query.explore import MAX_ROWS, EventFilters, EventRow, SeriesPoint, event_series, event_table
from warta.query.find import FoundDocument, SearchFilters, find
from warta.query.places import PlacedEvents, placed_events
from warta.serve.deps import Offset, db, event_filters, search_filters
from warta.serve.models import ERRORS, ActorSummary, Page, SearchPage
from warta.serve.pagination import next_url

router = APIRouter(prefix="/api", responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=100, description="Page size")]
Db = Annotated[Path, Depends(db)]


@router.get("/documents", response_model=Page[FoundDocument], tags=["documents"])
def list_documents(
    request: Request, path: Db, filters: Annotated[SearchFilters, Depends(search_filters)],
    offset: Offset = 0, limit: Limit = 20,
) -> dict[str, Any]:  # fmt: skip
    """Stored documents, newest first, filtered like search (without a query)."""
    found = find(path, "", filters, offset=offset, limit=limit)
    return {"total": found.total, "offset": offset, "limit": limit,
            "next": next_url(request, found.total, offset, limit), "items": found.hits}  # fmt: skip


@router.get("/documents/{article_id}", tags=["documents"])
def get_document(path: Db, article_id: str) -> dict[str, Any]:
    """One stored document as document schema v1 JSON (see docs/schema.md)."""
    from warta.query.documents import document_json

    doc = document_json(path, article_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {article_id!r}")
    return doc


@router.get("/search", response_model=SearchPage, tags=["search"])
def search(
    request: Request, path: Db, filters: Annotated[SearchFilters, Depends(search_filters)],
    q: Annotated[str, Query(max_length=500, description='Words (all must match), "phrases", pre*, OR, NOT')] = "",
    offset: Offset = 0, limit: Limit = 10,
) -> dict[str, Any]:  # fmt: skip
    """Full-text search with facet counts; matches in snippets are wrapped in ``[`` and ``]``."""
    found = find(path, q, filters, offset=offset, limit=limit)
    return {"query": q, "total": found.total, "offset": offset, "limit": limit,
            "next": next_url(request, found.total, offset, limit), "items": found.hits,
            "facets": found.facets}  # fmt: skip


@router.get("/events", response_model=Page[EventRow], tags=["events"])
def list_events(
    request: Request, path: Db, filters: Annotated[EventFilters, Depends(event_filters)],
    offset: Offset = 0, limit: Limit = 50,
) -> dict[str, Any]:  # fmt: skip
    """Coded events, newest first (by the event's own date, else the article's), filtered."""
    page = event_table(path, filters, offset=offset, limit=limit)
    return {"total": page.total, "offset": offset, "limit": limit,
            "next": next_url(request, page.total, offset, limit), "items": page.rows}  # fmt: skip


@router.get("/events/series", response_model=list[SeriesPoint], tags=["events"])
def events_series(path: Db, filters: Annotated[EventFilters, Depends(event_filters)]) -> list[SeriesPoint]:
    """How many of the filtered events fall in each month, by PLOVER quad class."""
    return event_series(path, filters)


@router.get("/events/places", response_model=PlacedEvents, tags=["events"])
def events_places(
    path: Db, filters: Annotated[EventFilters, Depends(event_filters)],
    limit: Annotated[int, Query(ge=1, le=MAX_ROWS, description="Most located events returned")] = 1000,
) -> PlacedEvents:  # fmt: skip
    """The filtered events that have a location (place, admin levels, country, lat/lon, precision), newest first,
    with how many matching events have none. Events are located only where their text names a place."""
    return placed_events(path, filters, limit=limit)


CSV_COLUMNS = ["n", "article_id", "title", "published", "domain", "event", "mode", "cameo", "quad_class",
               "intensity", "context", "trigger", "sentence", "date", "location", "actor", "recipient",
               "confidence"]  # fmt: skip


def _cell(row: EventRow, column: str) -> Any:
    if column in ("actor", "recipient"):
        return "; ".join("/".join(x for x in (p.text, p.country, p.sector) if x) for p in getattr(row, column))
    return getattr(row, column)


@router.get(
    "/events/export",
    tags=["events"],
    responses={200: {"content": {"text/csv": {}, "application/json": {}}, "description": "The whole filtered table"}},
)
def export_events(
    path: Db, filters: Annotated[EventFilters, Depends(event_filters)],
    format: Literal["csv", "json"] = "csv",
) -> Response:  # fmt: skip
    """Download the filtered event table (every row, up to 10,000) as CSV or JSON."""
    rows = event_table(path, filters, limit=MAX_ROWS).rows
    if format == "json":
        body = json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1)
        return Response(body, media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="warta-events.json"'})  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row, c) for c in CSV_COLUMNS])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="warta-events.csv"'})  # fmt: skip


@router.get("/actors", response_model=list[ActorSummary], tags=["actors"])
def list_actors(path: Db, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[ActorSummary]:
    """Actors taking part in stored events (countries by ISO code, others by entity id or name), busiest first."""
    return [ActorSummary(key=a.key, name=a.name, kind=a.kind, events=n) for a, n in actors(path, limit=limit)]


@router.get("/actors/{key:path}", response_model=ActorProfile, tags=["actors"])
def get_actor(path: Db, key: str) -> ActorProfile:
    """An actor (``PRK``, ``wikidata:Q56226`` or a name): its events, counterparts, quotes and commitments."""
    if not key.strip() or len(key) > 200:
        raise HTTPException(400, "give an actor: a country code (PRK), an entity id (wikidata:Q423) or a name")
    return actor_profile(path, key)


@router.get("/quotes", response_model=Page[QuoteHit], tags=["quotes"])
def list_quotes(
    request: Request, path: Db,
    speaker: Annotated[str | None, Query(max_length=200, description="A word or more of the name, or an id")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words in the quote (search syntax)")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0, limit: Limit = 20,
) -> dict[str, Any]:  # fmt: skip
    """Who said what, newest article first."""
    hits = quotes(path, speaker=speaker or None, text=q or None, limit=offset + limit + 1)
    items = hits[offset : offset + limit]
    more = len(hits) > offset + limit
    return {"total": offset + len(items) + (1 if more else 0), "offset": offset, "limit": limit,
            "next": next_url(request, offset + limit + 1, offset, limit) if more else None,
            "items": items}  # fmt: skip


@router.get("/commitments", response_model=Page[CommitmentHit], tags=["commitments"])
def list_commitments(
    request: Request, path: Db,
    country: Annotated[str | None, Query(max_length=200, description="A party or beneficiary: code/name/id")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0, limit: Limit = 20,
) -> dict[str, Any]:  # fmt: skip
    """Treaties and pledges (who is committed to whom, to what), with their evidence sentences."""
    hits = commitments(path, country=country or None, limit=offset + limit + 1)
    items = hits[offset : offset + limit]
    more = len(hits) > offset + limit
    return {"total": offset + len(items) + (1 if more else 0), "offset": offset, "limit": limit,
            "next": next_url(request, offset + limit + 1, offset, limit) if more else None,
            "items": items}  # fmt: skip


@router.get("/stats", response_model=Stats, tags=["documents"])
def get_stats(path: Db) -> Stats:
    """Counts of documents, entities and rejections."""
    return replace(stats(path), path=path.name)  # the file name only: the server's directories are its own
