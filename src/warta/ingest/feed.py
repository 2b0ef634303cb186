"""RSS and Atom files (feedparser): each entry becomes a page holding the entry's HTML content or summary.

Entries that carry only a link still come out (with whatever summary they have); fetching the linked page is left
to a later ``--fetch``.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from warta.data import Hints, InputFormat, Item, Page, Provenance, Source
from warta.errors import RejectError
from warta.ingest.items import article, domain_of, reject


def read_feed(data: bytes, name: str, path: str | None, ingested: str) -> Iterator[Item]:
    """One article per entry (record = entry number, from 1); a rejection for an unreadable or empty feed."""
    parsed = feedparser.parse(data)  # bytes, never a URL: feedparser would fetch it
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise RejectError(f"unreadable feed: {parsed.get('bozo_exception')}")
        raise RejectError("feed has no entries")
    for number, entry in enumerate(entries, start=1):
        record = str(number)
        content = _content(entry)
        link = _text(entry.get("link"))
        if not content and not link:
            yield reject(name, "feed entry has no content, summary or link", record)
            continue
        published = _date(entry, "published") or _date(entry, "updated")
        page = Page(
            content=content.encode("utf-8"),
            format=InputFormat.FEED,
            provenance=Provenance(
                input=name, record=record, ingested=ingested, fetched=_date(entry, "updated") or published
            ),
            source=Source(path=path, url=link, domain=domain_of(link)),
            hints=Hints(title=_text(entry.get("title")), url=link, published=published),
            encoding="utf-8",
        )
        yield article(page)


def _content(entry: Any) -> str:
    """The entry's fullest HTML: ``content`` when present, else ``summary``; plain text is escaped into HTML."""
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            return _as_html(value, part.get("type"))
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return _as_html(summary, detail.get("type")) if summary.strip() else ""


def _as_html(value: str, mime: str | None) -> str:
    if mime == "text/plain":
        return "".join(f"<p>{html.escape(p.strip())}</p>" for p in value.split("\n\n") if p.strip())
    return value


def _date(entry: Any, key: str) -> str | None:
    """An entry date as ISO 8601 UTC when feedparser could parse it, else as written."""
    # dict.get: FeedParserDict.get maps a missing updated_* to published_* (with a warning); we want the raw keys
    parsed: time.struct_time | None = dict.get(entry, f"{key}_parsed")
    if parsed is not None:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    return _text(dict.get(entry, key))


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None
