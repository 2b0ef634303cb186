"""The web app's settings: one typed, validated object (the CLI maps its flags onto it)."""

from __future__ import annotations

import ipaddress
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


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server on this machine (``localhost``, ``127.x.x.x``, ``::1``)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def exposure_warnings(host: str, token: str | None) -> list[str]:
    """What to tell the operator before serving on ``host``: nothing on loopback; off it, who can read, and that a
    token crosses the network in clear text (the app speaks plain HTTP)."""
    if is_loopback(host):
        return []
    out = [f"warning: serving on {host}, not loopback: anyone who can reach this port can read the whole database"]
    if token is None:
        out.append("warning: no token is set, so ingestion stays off; use --host 127.0.0.1 to keep the server local")
    else:
        out.append("warning: the ingestion token travels in clear text over HTTP: put a TLS proxy in front")
    return out
