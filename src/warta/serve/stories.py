"""Stories (issue 6) as the web app sees them: only what :mod:`warta.query` offers; absent until it does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import warta.query


def available() -> bool:
    """Whether the query layer offers stories yet."""
    return callable(getattr(warta.query, "stories", None))


def story_of(db: Path, article_id: str) -> Any:
    """The story the article belongs to, when stories exist (None otherwise)."""
    return None
