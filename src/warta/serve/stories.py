"""Stories (issue 6) as the web app sees them: pages and API routes over whatever :mod:`warta.query` offers.

Everything goes through ``getattr(warta.query, …)`` so the app runs (without story pages) on a Warta whose query
layer has no stories yet; routes are registered only when it does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

import warta.query
from warta.errors import WartaError
from warta.serve.deps import db
from warta.serve.models import ERRORS

Db = Annotated[Path, Depends(db)]
#: A story id SQLite can hold (a larger one was an OverflowError, answered 500).
StoryId = Annotated[int, PathParam(ge=1, le=2**63 - 1)]


def available() -> bool:
    """Whether the query layer offers stories (``stories``, ``story`` and ``story_of``)."""
    return all(callable(getattr(warta.query, name, None)) for name in ("stories", "story", "story_of"))


def _call(name: str, *args: Any, **kwargs: Any) -> Any:
    return getattr(warta.query, name)(*args, **kwargs)


def story_of(path: Path, article_id: str) -> dict[str, Any] | None:
    """``{"id", "title"}`` of the story the article belongs to, or None (also when stories are absent)."""
    if not available():
        return None
    try:
        story_id = _call("story_of", path, article_id)
        if story_id is None:
            return None
        detail = _call("story", path, story_id)
    except WartaError:
        return None
    return {"id": story_id, "title": detail.story.title or f"Story {story_id}"}


def related(path: Path, article_id: str) -> list[Any]:
    """Related articles by story and shared actors, when the query layer offers them."""
    func = getattr(warta.query, "related", None)
    if not callable(func):
        return []
    try:
        return list(func(path, article_id, limit=10))
    except WartaError:
        return []


def _detail(path: Path, story_id: int) -> Any:
    try:
        return _call("story", path, story_id)
    except WartaError as exc:
        raise HTTPException(404, Exception.__str__(exc)) from exc


api = APIRouter(prefix="/api", tags=["stories"], responses=ERRORS)
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@api.get("/stories")
def list_stories(
    path: Db, since: Annotated[str | None, Query(max_length=32)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:  # fmt: skip
    """Current stories (clusters of articles about one happening), newest first."""
    return [s.to_dict() for s in _call("stories", path, since=since or None, actor=actor or None, limit=limit)]


@api.get("/stories/{story_id}")
def get_story(path: Db, story_id: StoryId) -> dict[str, Any]:
    """One story: its articles across outlets (with copies) and its aggregated events."""
    return dict(_detail(path, story_id).to_dict())


@pages.get("/stories")
def stories_page(request: Request, path: Db) -> Response:
    from warta.serve.pages import page

    return page(request, "stories.html", items=_call("stories", path, limit=200))


@pages.get("/stories/{story_id}")
def story_page(request: Request, path: Db, story_id: StoryId) -> Response:
    from warta.serve.pages import page

    return page(request, "story.html", detail=_detail(path, story_id))
