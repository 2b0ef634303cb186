"""Single-page inputs: scraped text records (a domain line, then the page text) and HTML files."""

from __future__ import annotations

import re

from warta.data import InputFormat, Page, Provenance, Source
from warta.errors import RejectError
from warta.ingest.encoding import decode

# A bare host name: labels of letters, digits and hyphens, a alphabetic top-level label (punycode allowed).
_DOMAIN = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})",
    re.IGNORECASE,
)


def split_domain(data: bytes) -> tuple[str | None, bytes]:
    """``(domain, rest)`` when the first line is a bare domain, else ``(None, data)``."""
    first, newline, rest = data.partition(b"\n")
    line = first.strip().removeprefix(b"\xef\xbb\xbf").strip()  # a UTF-8 BOM may precede the domain
    if not newline or not line.isascii() or len(line) > 253:
        return None, data
    host = line.decode("ascii").rstrip(".").lower()
    if _DOMAIN.fullmatch(host) is None:
        return None, data
    return host.removeprefix("www."), rest


def text_page(data: bytes, provenance: Provenance, path: str | None) -> Page:
    """A scraped text record; the domain line, when there is one, goes to ``source.domain``."""
    domain, body = split_domain(data)
    if not body.strip():
        raise RejectError("empty input" if domain is None else f"no text after the domain line ({domain})")
    return Page(
        content=body,
        format=InputFormat.TEXT,
        provenance=provenance,
        source=Source(path=path, domain=domain),
        encoding=decode(body)[1],
    )


def html_page(data: bytes, provenance: Provenance, path: str | None) -> Page:
    """An HTML file, bytes kept as they are, with the encoding detection settled on."""
    return Page(
        content=data,
        format=InputFormat.HTML,
        provenance=provenance,
        source=Source(path=path),
        encoding=decode(data)[1],
    )
