"""Atom feeds of the alerts ``warta watch`` raised: all of them at ``/alerts.atom``, one watchlist's at
``/watchlists/NAME/alerts.atom``. Unlike a saved query's feed, an alert feed lists each match once, when it was
found, so a feed reader sees every new match even when older articles rank above it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from warta.query.db import reader
from warta.serve.deps import db
from warta.serve.feeds import Entry, atom
from warta.watch.alerts import Alert, recent

router = APIRouter(include_in_schema=False)
Db = Annotated[Path, Depends(db)]


def _entries(alerts: list[Alert]) -> list[Entry]:
    out = []
    for a in alerts:
        link = f"/articles/{a.article_id}" + (f"#event-{a.ref}" if a.kind == "event" else "")
        out.append(Entry(f"/alerts/{a.n}", f"[{a.watchlist}] {a.title}", link, a.at, a.summary))
    return out


@router.get("/alerts.atom")
def alerts_feed(request: Request, path: Db) -> Response:
    """The newest 50 alerts of every watchlist, as Atom."""
    with reader(path) as conn:
        alerts = recent(conn, None, limit=50)
    return atom(request, "Warta alerts", _entries(alerts))


@router.get("/watchlists/{name}/alerts.atom")
def watchlist_alerts_feed(request: Request, name: str, path: Db) -> Response:
    """The newest 50 alerts of one watchlist, as Atom (empty until `warta watch --watchlists` raises one)."""
    with reader(path) as conn:
        alerts = recent(conn, name, limit=50)
    return atom(request, f"Warta alerts: {name}", _entries(alerts))
