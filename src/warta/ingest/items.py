"""Small constructors shared by the format readers: articles, rejections, provenance, domains."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from warta.data import Article, Page, Rejection

STAGE = "ingest"


def now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def article(page: Page) -> Article:
    """An article holding only what ingest owns: the page, its provenance and its source."""
    return Article(page=page, provenance=page.provenance, source=replace(page.source))


def reject(name: str, reason: str, record: str = "0") -> Rejection:
    return Rejection(input=name, reason=reason, stage=STAGE, record=record)


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` in lower case, without ``www.``; ``None`` when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")
