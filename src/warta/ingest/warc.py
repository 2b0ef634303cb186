"""WARC and WARC.gz: HTML response (and resource) records become HTML pages, via fastwarc.

Records read before a break are kept; a truncated or unparsable record ends the file with one rejection.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any, BinaryIO

from fastwarc.stream_io import BrotliReader
from fastwarc.warc import ArchiveIterator, WarcRecordType

from warta.data import InputFormat, Item, Page, Provenance, Source
from warta.errors import RejectError
from warta.ingest.encoding import decode
from warta.ingest.items import article, domain_of, reject
from warta.settings import Settings

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_START = re.compile(rb"\A\s*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\"';\s]+)", re.IGNORECASE)


class BrokenWarc(Exception):
    """The WARC stream cannot be read past this record."""


def read_warc(
    stream: BinaryIO, name: str, settings: Settings, ingested: str, stats: Counter[str]
) -> Iterator[Item]:
    """Pages from the HTML records of a WARC file (gzip or not: fastwarc detects it)."""
    records = ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False, fsspec_args=False)
    position = "0"
    count = 0
    try:
        for record in records:
            position = str(record.stream_pos)
            count += 1
            try:
                page = _page(record, name, position, settings, ingested, stats)
            except RejectError as exc:
                yield reject(name, str(exc), position)
                continue
            if page is not None:
                yield article(page)
    except BrokenWarc as exc:
        yield reject(name, f"broken WARC: {exc}; records after offset {position} lost", position)
    except OSError as exc:
        where = f"after record at offset {position}" if count else "at the start"
        yield reject(name, f"broken WARC: {exc} {where}", position if count else "0")
    else:
        if count == 0:
            yield reject(name, "broken WARC: no records")


def _page(
    record: Any, name: str, position: str, settings: Settings, ingested: str, stats: Counter[str]
) -> Page | None:
    """The page in one record, ``None`` for records that hold none (counted), or a rejection."""
    declared = record.headers.get("Content-Length")
    if declared is None or not declared.strip().isdigit():
        raise BrokenWarc(f"record at offset {position} has no Content-Length (truncated header?)")
    kind = record.record_type
    if kind == WarcRecordType.response:
        record.parse_http(auto_decode="none")  # we decode ourselves, after checking the record is whole
        http = record.http_headers
        status = http.status_code if http is not None else None
        mime, charset = record.http_content_type, record.http_charset
    elif kind == WarcRecordType.resource:
        http, status = None, 200
        mime, charset = _content_type(record.headers.get("Content-Type"))
    else:
        _consume(record, position, record.content_length)
        stats["warc_other_records"] += 1
        return None

    expected = record.content_length  # what is left after the HTTP header, as the WARC header promised
    if status is None or not 200 <= status < 300:
        _consume(record, position, expected)
        stats["warc_skipped_status"] += 1
        return None
    if mime is not None and mime.lower() not in _HTML_TYPES:
        _consume(record, position, expected)
        stats["warc_skipped_non_html"] += 1
        return None
    limit = settings.max_page_bytes
    raw = record.reader.read(limit + 1)
    if mime is None and not _HTML_START.match(raw):  # no declared type: keep it only if it plainly is HTML
        _consume(record, position, expected, len(raw))
        stats["warc_skipped_non_html"] += 1
        return None
    if len(raw) > limit:
        size = len(raw) + record.reader.consume()
        if size < expected:
            raise BrokenWarc(f"record at offset {position} is truncated ({size} of {expected} bytes)")
        raise RejectError(f"page too large: {size} bytes > {limit}")
    if len(raw) < expected:
        raise BrokenWarc(f"record at offset {position} is truncated ({len(raw)} of {expected} bytes)")

    if http is not None:
        raw = _unchunk(raw) if "chunked" in (http.get("Transfer-Encoding") or "").lower() else raw
        raw = _decompress(raw, http.get("Content-Encoding"), limit)
    if not raw.strip():
        raise RejectError("empty input")
    url = record.headers.get("WARC-Target-URI")
    url = url.strip().strip("<>") if url else None  # WARC 1.0 drafts wrote the URI in angle brackets
    return Page(
        content=raw,
        format=InputFormat.HTML,
        provenance=Provenance(
            input=name, record=position, ingested=ingested, fetched=record.headers.get("WARC-Date")
        ),
        source=Source(path=name, url=url, domain=domain_of(url)),
        encoding=decode(raw, charset)[1],
    )


def _consume(record: Any, position: str, expected: int, already: int = 0) -> None:
    """Skip the rest of a record, checking that it is all there."""
    got = already + record.reader.consume()
    if got < expected:
        raise BrokenWarc(f"record at offset {position} is truncated ({got} of {expected} bytes)")


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    mime = value.split(";", 1)[0].strip().lower() or None
    match = _CHARSET.search(value)
    return mime, match.group(1) if match else None


def _unchunk(raw: bytes) -> bytes:
    """Undo HTTP chunked transfer coding; crawlers often store it already undone, so fall back to ``raw``."""
    out = bytearray()
    pos = 0
    while True:
        end = raw.find(b"\r\n", pos)
        if end < 0:
            return raw
        try:
            size = int(raw[pos:end].split(b";", 1)[0], 16)
        except ValueError:
            return raw
        if size == 0:
            return bytes(out)
        out += raw[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2


def _decompress(raw: bytes, coding: str | None, limit: int) -> bytes:
    """Undo HTTP content coding (bounded by ``limit``); bodies stored already decoded are passed through."""
    coding = (coding or "").strip().lower()
    try:
        if coding in ("gzip", "x-gzip") and raw.startswith(b"\x1f\x8b"):
            out = zlib.decompressobj(wbits=31).decompress(raw, limit + 1)
        elif coding == "deflate" and not _HTML_START.match(raw):
            try:
                out = zlib.decompressobj().decompress(raw, limit + 1)
            except zlib.error:  # servers send raw deflate without the zlib wrapper
                out = zlib.decompressobj(wbits=-15).decompress(raw, limit + 1)
        elif coding == "br" and not _HTML_START.match(raw):
            out = BrotliReader(io.BytesIO(raw), fsspec_args=False).read(limit + 1)
        else:
            return raw
    except (zlib.error, OSError) as exc:
        raise RejectError(f"cannot decode {coding} body: {exc}") from None
    if len(out) > limit:
        raise RejectError(f"page too large: over {limit} bytes once decompressed")
    return out
