"""The ASGI app: pages, JSON API, feeds, static assets, error handling and protections in one place."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from warta import __version__
from warta.errors import QueryError, UsageError, WartaError
from warta.query.db import reader
from warta.serve.config import ServeConfig
from warta.serve.security import Protect

HERE = Path(__file__).parent

DESCRIPTION = """Read-only JSON API over a Warta database: documents, full-text search with facets, coded events
(with CSV/JSON export), actors, quotes and commitments. Errors are `{"error": {"code", "message"}}`. Lists are
paginated in a stable order: follow `next` until it is null. Ingestion (`POST /api/ingest`) needs the server's token.
"""


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path.startswith("/openapi") or path.endswith(".atom")


def _error(request: Request, status: int, code: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    from warta.serve.pages import error_page

    return error_page(request, status, message)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "invalid request: " + "; ".join(parts)


def create_app(config: ServeConfig) -> FastAPI:
    """The app for ``config`` (checks the database once, so a wrong path fails at start, not on first request)."""
    with reader(config.db):
        pass
    app = FastAPI(title="Warta", version=__version__, description=DESCRIPTION, docs_url="/api/docs", redoc_url=None)
    app.state.config = config

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, exc.code, Exception.__str__(exc))

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Response:
        return _error(request, 400, exc.code, Exception.__str__(exc))

    @app.exception_handler(WartaError)
    async def warta_error(request: Request, exc: WartaError) -> Response:
        return _error(request, 500, exc.code, Exception.__str__(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 400, "W001", _validation_message(exc))

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", None) or "not found"
        return _error(request, 404, "HTTP404", str(detail))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        return _error(request, 500, "W000", f"internal error: {type(exc).__name__}")

    from warta.serve import alerts, api, feeds, ingest, pages, stories

    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(feeds.router)
    app.include_router(alerts.router)
    if stories.available():  # issue 6: only when the query layer offers stories
        app.include_router(stories.api)
        app.include_router(stories.pages)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/healthz", include_in_schema=False)
    def health() -> HTMLResponse:
        return HTMLResponse("ok")

    app.add_middleware(Protect, max_body=config.max_body_bytes, timeout=config.request_timeout_s)
    return app
