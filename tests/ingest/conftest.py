"""Builders for tiny ingest fixtures, made in the test rather than stored."""

from __future__ import annotations

import gzip
from collections.abc import Callable

import pytest

WarcRecord = Callable[..., bytes]


def warc_record(
    uri: str,
    body: bytes,
    *,
    content_type: str | None = "text/html; charset=utf-8",
    record_type: str = "response",
    record_id: str = "<urn:uuid:00000000-0000-0000-0000-000000000001>",
    date: str = "2024-06-20T10:00:00Z",
    status: str = "200 OK",
    http_headers: str = "",
) -> bytes:
    """One WARC/1.1 record, written by hand: the format is a few text headers and a length-prefixed block."""
    if record_type == "response":
        head = f"HTTP/1.1 {status}\r\n"
        if content_type is not None:
            head += f"Content-Type: {content_type}\r\n"
        block = (head + http_headers + f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        block_type = "application/http; msgtype=response"
    else:
        block, block_type = body, content_type or "application/octet-stream"
    header = (
        f"WARC/1.1\r\nWARC-Type: {record_type}\r\nWARC-Record-ID: {record_id}\r\nWARC-Date: {date}\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: {block_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def warc_gz(*records: bytes) -> bytes:
    """A WARC.gz: each record its own gzip member, as crawlers write them."""
    return b"".join(gzip.compress(record) for record in records)


@pytest.fixture
def make_record() -> WarcRecord:
    return warc_record


@pytest.fixture
def sample_warc() -> tuple[bytes, ...]:
    """Four records: an HTML page, a PNG, a request, another HTML page (windows-1252)."""
    return (
        warc_record("https://www.example.com/news/1", b"<html><body><p>First story.</p></body></html>"),
        warc_record(
            "https://example.com/logo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
            content_type="image/png",
            record_id="<urn:uuid:2>",
        ),
        warc_record("https://example.com/", b"GET / HTTP/1.1\r\n\r\n", record_type="request",
                    content_type="application/http; msgtype=request", record_id="<urn:uuid:3>"),
        warc_record(
            "https://berita.example.id/2",
            "<html><body><p>Caf\xe9 cr\xe8me, d\xe9j\xe0 vu.</p></body></html>".encode("cp1252"),
            content_type="text/html; charset=windows-1252",
            record_id="<urn:uuid:4>",
            date="2024-06-21T08:30:00Z",
        ),
    )
