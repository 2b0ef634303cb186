"""Server-rendered HTML pages: search, article, events explorer, actors. They read through :mod:`warta.query` only
and work without JavaScript; scripts only draw the chart and the graph from JSON embedded in the page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from warta.errors import QueryError
from warta.query.actors import actor_profile, actors, country_name
from warta.query.documents import document
from warta.query.explore import QUAD_CLASSES, EventFilters, event_series, event_table, event_types
from warta.query.find import MAX_LIMIT, SearchFilters, find
from warta.query.places import placed_events
from warta.serve import render
from warta.serve.deps import Offset, db, event_filters, search_filters
from warta.serve.pagination import next_url, prev_url

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Db = Annotated[Path, Depends(db)]

_env = Environment(loader=PackageLoader("warta.serve", "templates"), autoescape=select_autoescape(default=True))
_env.globals.update(
    actor_url=render.actor_url, web_url=render.web_url, party_label=render.party_label, evidence=render.evidence,
    snippet=render.snippet, country_name=country_name, quads=QUAD_CLASSES,
)  # fmt: skip
templates = Jinja2Templates(env=_env)


def data_json(value: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&`` escaped, so no ``</script>``."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


_env.filters["data_json"] = data_json


def page(request: Request, name: str, code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, {"stories": _has_stories(), **context}, status_code=code)


def error_page(request: Request, status: int, message: str) -> Response:
    return page(request, "error.html", status, status=status, message=message)


def _has_stories() -> bool:
    from warta.serve import stories

    return stories.available()


def _pager(request: Request, total: int, offset: int, limit: int) -> dict[str, Any]:
    return {"total": total, "first": offset + 1, "last": min(total, offset + limit),
            "next": next_url(request, total, offset, limit), "prev": prev_url(request, offset, limit)}  # fmt: skip


@router.get("/")
@router.get("/search")
def search_page(
    request: Request, path: Db, filters: Annotated[SearchFilters, Depends(search_filters)],
    q: Annotated[str, Query(max_length=500)] = "", offset: Offset = 0,
) -> Response:  # fmt: skip
    limit = request.app.state.config.page_size
    try:
        found = find(path, q, filters, offset=offset, limit=min(limit, MAX_LIMIT), mark=render.MARK)
    except QueryError as exc:
        return page(request, "search.html", 400, q=q, filters=filters, found=None,
                    error=Exception.__str__(exc))  # fmt: skip
    facet_links = {
        name: [(v, _toggle(request, "type" if name == "event_type" else name, v.value)) for v in values]
        for name, values in found.facets.items()
    }
    return page(request, "search.html", q=q, filters=filters, found=found, facets=facet_links,
                pager=_pager(request, found.total, offset, found.limit), error=None,
                feed=_feed_url(request, "/feeds/search.atom"))  # fmt: skip


def _toggle(request: Request, key: str, value: str) -> tuple[str, bool]:
    """The URL with facet ``key`` set to ``value`` (or removed when it already is), and whether it is active."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in (key, "offset")]
    active = request.query_params.get(key) == value
    if not active:
        params.append((key, value))
    return request.url.path + ("?" + urlencode(params) if params else ""), active


def _feed_url(request: Request, feed: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    return feed + ("?" + urlencode(params) if params else "")


@router.get("/articles/{article_id}")
def article_page(request: Request, path: Db, article_id: str) -> Response:
    doc = document(path, article_id)
    if doc is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    from warta.serve import stories

    return page(request, "article.html", doc=doc, body=render.highlight(doc), story=stories.story_of(path, doc.id),
                more=stories.related(path, doc.id))  # fmt: skip


@router.get("/events")
def events_page(
    request: Request, path: Db, filters: Annotated[EventFilters, Depends(event_filters)], offset: Offset = 0,
) -> Response:  # fmt: skip
    limit = 50
    table = event_table(path, filters, offset=offset, limit=limit)
    series = event_series(path, filters)
    chart = {
        "periods": sorted({p.period for p in series}, key=lambda p: (p == "undated", p)),
        "classes": {str(k): v for k, v in QUAD_CLASSES.items()},
        "points": [[p.period, p.quad_class or 0, p.count] for p in series],
    }
    exports = {fmt: "/api/events/export?" + urlencode([*filters.as_params().items(), ("format", fmt)])
               for fmt in ("csv", "json")}  # fmt: skip
    return page(request, "events.html", filters=filters, table=table, chart=chart, types=event_types(path),
                pager=_pager(request, table.total, offset, limit), exports=exports,
                feed=_feed_url(request, "/feeds/events.atom"))  # fmt: skip


@router.get("/map")
def map_page(request: Request, path: Db, filters: Annotated[EventFilters, Depends(event_filters)]) -> Response:
    """Where the filtered events happened: Leaflet over offline country outlines, and the same events as a list."""
    placed = placed_events(path, filters, limit=1000)
    markers = [
        {"n": e.n, "lat": e.lat, "lon": e.lon, "place": e.place, "country": e.country, "precision": e.precision,
         "event": e.event, "quad": e.quad_class or 0, "date": (e.date or e.published or "")[:10],
         "title": e.title or e.domain or e.article_id, "url": f"/articles/{e.article_id}#event-{e.n}",
         "trigger": e.trigger}
        for e in placed.items
    ]  # fmt: skip
    api = "/api/events/places" + ("?" + urlencode(filters.as_params()) if filters.as_params() else "")
    return page(request, "map.html", filters=filters, placed=placed, markers=markers, types=event_types(path),
                api=api)  # fmt: skip


@router.get("/actors")
def actors_page(request: Request, path: Db) -> Response:
    return page(request, "actors.html", actors=actors(path, limit=200))


@router.get("/actors/{key:path}")
def actor_page(request: Request, path: Db, key: str) -> Response:
    if not key.strip() or len(key) > 200:
        raise HTTPException(400, "give an actor: a country code (PRK), an entity id (wikidata:Q423) or a name")
    profile = actor_profile(path, key)
    if not (profile.events or profile.quotes or profile.commitments or profile.aliases):
        raise HTTPException(404, f"nothing stored about actor {key!r}")
    me = profile.actor
    nodes = [{"id": me.key, "label": me.name, "focus": True}]
    edges = []
    for cp in profile.counterparts[:40]:
        nodes.append({"id": cp.actor.key, "label": cp.actor.name, "focus": False})
        if cp.outgoing:
            edges.append({"source": me.key, "target": cp.actor.key, "weight": cp.outgoing})
        if cp.incoming:
            edges.append({"source": cp.actor.key, "target": me.key, "weight": cp.incoming})
    graph = {"nodes": nodes, "edges": edges}
    return page(request, "actor.html", profile=profile, graph=graph)
