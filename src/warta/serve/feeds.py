"""Atom feeds for saved queries (watchlists): any search or event filter URL has a feed, so a feed reader can
follow it like a news alert; a ``--watchlists`` JSON file names saved queries, listed at ``/watchlists``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode
from xml.sax.saxutils import escape as xml_escape

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from warta.query.explore import EventFilters, event_table
from warta.query.find import SearchFilters, find
from warta.query.watchlists import Watchlist, load_watchlists
from warta.serve.deps import config, db, event_filters, search_filters

router = APIRouter(include_in_schema=False)
Db = Annotated[Path, Depends(db)]
ATOM = "application/atom+xml; charset=utf-8"
__all__ = ["ATOM", "Entry", "Watchlist", "atom", "load_watchlists", "router"]  # Watchlist moved to warta.query


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    link: str
    updated: str | None
    summary: str


#: Characters XML 1.0 cannot hold even as references (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F):
#: one in a query or a stored title would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    """Text safe in XML content and in double-quoted attributes (a raw ``"`` in a query string must not end one)."""
    return xml_escape(_NOT_XML.sub("", text), {'"': "&quot;"})


def _iso(value: str | None) -> str:
    if value and len(value) >= 10:
        return _x(value[:10] + "T00:00:00Z" if len(value) == 10 else value)
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def atom(request: Request, title: str, entries: list[Entry]) -> Response:
    base = str(request.base_url).rstrip("/")
    updated = max((_iso(e.updated) for e in entries), default=_iso(None))
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{_x(title)}</title>",
        f"<id>{_x(str(request.url))}</id>",
        f'<link rel="self" href="{_x(str(request.url))}"/>',
        f"<updated>{updated}</updated>",
        "<author><name>Warta</name></author>",
    ]
    for e in entries:
        parts += [
            "<entry>",
            f"<title>{_x(e.title)}</title>",
            f"<id>{_x(base + e.id)}</id>",
            f'<link href="{_x(base + e.link)}"/>',
            f"<updated>{_iso(e.updated)}</updated>",
            f'<summary type="text">{_x(e.summary)}</summary>',
            "</entry>",
        ]
    parts.append("</feed>")
    return Response("\n".join(parts), media_type=ATOM)


@router.get("/feeds/search.atom")
def search_feed(
    request: Request, path: Db, filters: Annotated[SearchFilters, Depends(search_filters)],
    q: Annotated[str, Query(max_length=500)] = "",
) -> Response:  # fmt: skip
    """The newest 50 documents matching a search, as Atom."""
    found = find(path, q, filters, limit=50)
    hits = sorted(found.hits, key=lambda h: (h.published or ""), reverse=True)
    entries = [Entry(f"/articles/{h.id}", h.title or h.id, f"/articles/{h.id}", h.published, h.snippet) for h in hits]
    return atom(request, f"Warta: {q or 'all documents'}", entries)


@router.get("/feeds/events.atom")
def events_feed(
    request: Request, path: Db, filters: Annotated[EventFilters, Depends(event_filters)],
    type_: Annotated[list[str] | None, Query(alias="type", max_length=32)] = None,
) -> Response:  # fmt: skip
    """The newest 50 events matching the filters (several ``type`` values: any of them), as Atom."""
    rows = []
    wanted: list[str | None] = [*type_] if type_ else [None]
    for event_type in wanted:
        rows += event_table(path, EventFilters(**{**_fields(filters), "event_type": event_type}), limit=50).rows
    rows.sort(key=lambda r: (r.date or r.published or "", r.n), reverse=True)
    entries = []
    for r in rows[:50]:
        who = ", ".join(p.text for p in r.actor) or "?"
        whom = ", ".join(p.text for p in r.recipient) or "?"
        link = f"/articles/{r.article_id}#event-{r.n}"
        entries.append(Entry(f"/events/{r.n}", f"{r.event}: {who} → {whom}", link, r.date or r.published, r.sentence))
    return atom(request, "Warta events: " + (urlencode(filters.as_params()) or "all"), entries)


def _fields(filters: EventFilters) -> dict[str, Any]:
    return {k: getattr(filters, k) for k in EventFilters.__dataclass_fields__}


@router.get("/watchlists")
def watchlists_page(request: Request) -> Response:
    from warta.serve.pages import page

    return page(request, "watchlists.html", watchlists=load_watchlists(config(request).watchlists))


@router.get("/watchlists/{name}.atom")
def watchlist_feed(request: Request, name: str) -> Response:
    for w in load_watchlists(config(request).watchlists):
        if w.name == name:
            return Response(status_code=307, headers={"Location": w.feed_path()})
    raise HTTPException(404, f"no watchlist named {name!r}")
