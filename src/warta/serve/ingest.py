"""``POST /api/ingest``: send pages to a running server. Disabled unless the server was given a token; the token is
compared in constant time; one ingest writes at a time while reads go on (SQLite WAL)."""

from __future__ import annotations

import hmac
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Header, HTTPException, Query, Request

from warta.data import Item
from warta.serve.deps import config
from warta.serve.models import ERRORS, ErrorResponse, IngestReport

router = APIRouter(prefix="/api", tags=["ingest"])

_WRITE = threading.Lock()
_SUFFIX = {"text": ".txt", "html": ".html", "jsonl": ".jsonl", "feed": ".xml"}


def _authorised(expected: str | None, authorization: str | None) -> None:
    if expected is None:
        raise HTTPException(403, "ingestion is disabled: start `warta serve` with a token (WARTA_TOKEN) to enable it")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is needed: send `Authorization: Bearer TOKEN`")


def ingest_bytes(db: Path, data: bytes, input_format: str, name: str) -> IngestReport:
    """Run the default pipeline over one posted input and store the result (one writer at a time)."""
    from warta.data import InputFormat, Rejection
    from warta.ingest import read
    from warta.pipeline.default import build_pipeline
    from warta.store import Store

    rejections: list[str] = []
    with tempfile.TemporaryDirectory(prefix="warta-ingest-") as tmp, _WRITE:
        path = Path(tmp) / f"{name}{_SUFFIX[input_format]}"
        path.write_bytes(data)
        items = build_pipeline().run(read([str(path)], input_format=InputFormat(input_format)))

        def note(stream: Iterable[Item]) -> Iterator[Item]:
            for item in stream:
                if isinstance(item, Rejection):
                    rejections.append(f"{item.record}: {item.reason}")
                yield item

        with Store(db) as store:
            report = store.write(note(items))
    return IngestReport(
        inserted=report.inserted, unchanged=report.unchanged, rejected=report.rejected, rejections=rejections
    )


@router.post(
    "/ingest",
    response_model=IngestReport,
    responses={**ERRORS, 401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, 413: {"model": ErrorResponse}},
    openapi_extra={"requestBody": {"content": {"application/octet-stream": {}}, "required": True}},
)
async def ingest(
    request: Request,
    format: Annotated[Literal["text", "html", "jsonl", "feed"], Query(description="How to read the body")] = "html",
    name: Annotated[str, Query(max_length=80, pattern=r"^[A-Za-z0-9._-]+$", description="Input name")] = "api",
    authorization: Annotated[str | None, Header()] = None,
) -> IngestReport:
    """Ingest one page (HTML or a text record), a JSON Lines file or a feed sent as the request body."""
    cfg = config(request)
    _authorised(cfg.token, authorization)
    data = await request.body()
    if not data.strip():
        raise HTTPException(400, "the request body is empty: send the page, JSON Lines or feed as the body")
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(ingest_bytes, cfg.db, data, format, name)
