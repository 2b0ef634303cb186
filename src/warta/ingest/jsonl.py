"""JSON Lines of pre-extracted text: one page per object, ``text`` taken as the body, other keys as hints."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from warta.data import Hints, InputFormat, Item, Page, Provenance, Source
from warta.errors import RejectError
from warta.ingest.items import article, domain_of, reject
from warta.settings import Settings

_HINT_KEYS = ("id", "title", "url", "published", "language")


def read_jsonl(
    lines: Iterable[bytes], name: str, path: str | None, settings: Settings, ingested: str
) -> Iterator[Item]:
    """One article per good line; a rejection (record = line number) per bad one. Blank lines are skipped."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = str(number)
        try:
            page = _page(line, number, Provenance(input=name, record=record, ingested=ingested), path, settings)
        except RejectError as exc:
            yield reject(name, str(exc), record)
            continue
        yield article(page)


def _page(line: bytes, number: int, provenance: Provenance, path: str | None, settings: Settings) -> Page:
    if len(line) > settings.max_page_bytes:
        raise RejectError(f"page too large: {len(line)} bytes > {settings.max_page_bytes}")
    if number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")
    try:
        obj = json.loads(line.decode("utf-8", errors="replace"))  # JSON is UTF-8; bad bytes become U+FFFD
    except json.JSONDecodeError as exc:
        raise RejectError(f"invalid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise RejectError(f"JSON line is not an object but {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise RejectError("missing 'text' field" if text is None else "'text' is not a string")
    if not text.strip():
        raise RejectError("empty 'text' field")
    hints = {key: _string(obj.get(key)) for key in _HINT_KEYS}
    return Page(
        content=text.encode("utf-8"),
        format=InputFormat.JSONL,
        provenance=provenance,
        source=Source(path=path, url=hints["url"], domain=domain_of(hints["url"])),
        hints=Hints(**hints, clean=settings.clean_jsonl),
        encoding="utf-8",
    )


def _string(value: Any) -> str | None:
    """A hint as text: numbers (ids) become strings; empty values and nested data are dropped."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None
