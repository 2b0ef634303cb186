"""Response envelopes of the JSON API (the payload types are the query layer's dataclasses)."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

from warta.query.find import FacetValue, FoundDocument

T = TypeVar("T")


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """Every error the API returns: ``{"error": {"code": ..., "message": ...}}``."""

    error: ErrorBody


class Page(BaseModel, Generic[T]):
    """A page of a list in a stable order: ask for ``next`` (a relative URL) until it is null."""

    total: int
    offset: int
    limit: int
    next: str | None
    items: list[T]


class SearchPage(Page[FoundDocument]):
    query: str
    facets: dict[str, list[FacetValue]]


class ActorSummary(BaseModel):
    key: str
    name: str
    kind: str
    events: int


class IngestReport(BaseModel):
    inserted: int
    unchanged: int
    rejected: int
    rejections: list[str]


ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorResponse, "description": "Malformed request (a bad query, a bad parameter)"},
    404: {"model": ErrorResponse, "description": "Not found"},
}
