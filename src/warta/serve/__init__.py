"""The web app and HTTP API (``warta serve``): server-rendered pages and a JSON API over the store, read-only
unless a token enables ingestion. FastAPI, Jinja2 and uvicorn are the ``serve`` extra."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.serve.config import ServeConfig

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["ServeConfig", "create_app", "run"]


def create_app(config: ServeConfig) -> FastAPI:
    """The ASGI app for ``config`` (raises :class:`~warta.errors.MissingDependency` without the extra)."""
    try:
        from warta.serve.app import create_app as build
    except ImportError as exc:  # fastapi, jinja2 or uvicorn missing
        from warta.errors import MissingDependency

        raise MissingDependency(exc.name or "fastapi", "serve") from exc
    return build(config)


def run(config: ServeConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``config`` with uvicorn until interrupted."""
    app = create_app(config)
    import uvicorn

    # limit_concurrency counts tasks as well as connections, and a keep-alive client's next request can start
    # before its previous task is reaped: at 64, 50 steady clients got a few 503s (tests/serve/test_load.py)
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_keep_alive=5, limit_concurrency=128,
                h11_max_incomplete_event_size=64 * 1024, server_header=False)  # fmt: skip
