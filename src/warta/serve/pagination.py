"""Offset pagination links that keep every other query parameter (so a page URL is shareable as it is)."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request


def page_url(request: Request, offset: int) -> str:
    """This request's path and query with ``offset`` replaced."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    if offset:
        params.append(("offset", str(offset)))
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def next_url(request: Request, total: int, offset: int, limit: int) -> str | None:
    return page_url(request, offset + limit) if offset + limit < total else None


def prev_url(request: Request, offset: int, limit: int) -> str | None:
    return page_url(request, max(0, offset - limit)) if offset > 0 else None
