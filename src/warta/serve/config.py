"""The web app's settings: one typed, validated object (the CLI maps its flags onto it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: Environment variable holding the ingestion token (the ``--token-file`` flag reads one from a file instead).
TOKEN_ENV = "WARTA_TOKEN"


@dataclass(frozen=True, kw_only=True)
class ServeConfig:
    """What ``warta serve`` runs with. Without ``token`` the app is read-only: the ingest endpoint answers 403."""

    db: Path
    token: str | None = field(default=None, repr=False)
    max_body_bytes: int = 10 * 1024 * 1024  # whole request bodies (ingestion); reads carry none
    request_timeout_s: float = 30.0  # a request still running after this answers 503
    page_size: int = 20
    watchlists: Path | None = None  # a JSON file of saved queries, each served as an Atom feed

    @staticmethod
    def token_from_env() -> str | None:
        value = os.environ.get(TOKEN_ENV, "").strip()
        return value or None
