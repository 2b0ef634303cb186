"""Request parameters shared by the pages and the API, parsed once into the query layer's filter objects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Query, Request

from warta.query.explore import EventFilters
from warta.query.find import SearchFilters
from warta.serve.config import ServeConfig

Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(max_length=32, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="YYYY[-MM[-DD]]")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip (stable order)")]


def config(request: Request) -> ServeConfig:
    cfg: ServeConfig = request.app.state.config
    return cfg


def db(request: Request) -> Path:
    return config(request).db


def search_filters(
    language: Annotated[str | None, Query(max_length=8, description="ISO 639-1 code")] = None,
    domain: Annotated[str | None, Query(max_length=200, description="Outlet (web domain)")] = None,
    since: Day = None,
    until: Day = None,
    country: Annotated[str | None, Query(max_length=8, description="Actor/entity country (ISO alpha-3)")] = None,
    type: Annotated[str | None, Query(max_length=32, description="PLOVER event type")] = None,
) -> SearchFilters:
    return SearchFilters(language or None, domain or None, since or None, until or None, country or None, type or None)


def event_filters(
    actor: Text = None,
    recipient: Text = None,
    participant: Text = None,
    type: Annotated[str | None, Query(max_length=32, description="PLOVER event type")] = None,
    mode: Annotated[str | None, Query(max_length=32)] = None,
    context: Text = None,
    quad_class: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="PLOVER quad class 1-4")] = None,
    since: Day = None,
    until: Day = None,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
) -> EventFilters:
    return EventFilters(
        actor or None,
        recipient or None,
        participant or None,
        type or None,
        mode or None,
        context or None,
        int(quad_class) if quad_class else None,
        since or None,
        until or None,
        article_id or None,
    )
