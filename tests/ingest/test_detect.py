from __future__ import annotations

import codecs
import random

import pytest

from warta.data import InputFormat
from warta.errors import RejectError, UsageError
from warta.ingest.detect import check_text, parse_format, sniff


def test_parse_format() -> None:
    assert parse_format("WARC") is InputFormat.WARC
    assert parse_format(InputFormat.FEED) is InputFormat.FEED
    assert parse_format(None) is None
    with pytest.raises(UsageError, match="unknown input format 'pdf'"):
        parse_format("pdf")


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl.bin", InputFormat.WARC),
        (b"WARC/1.1\r\n", "page.html", InputFormat.WARC),  # content beats a misleading name
        (b"garbage", "crawl.warc.gz", InputFormat.WARC),  # ... and a broken WARC is still read as one
        (b"<!DOCTYPE html><html><body>x</body></html>", "page", InputFormat.HTML),
        (b"  \n<html lang='id'><head>", "-", InputFormat.HTML),
        (b"<p>fragment</p>", "x", InputFormat.HTML),
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed.xml", InputFormat.FEED),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "atom", InputFormat.FEED),
        (b'{"text": "hello"}\n{"text": "world"}\n', "data", InputFormat.JSONL),
        (b"{not json", "dump.jsonl.gz", InputFormat.JSONL),
        (b"kompas.com\n\nJudul berita\n", "000.txt", InputFormat.TEXT),
        (b"Just some words.\n", "notes", InputFormat.TEXT),
        (b"<html>looks like html</html>", "notes.txt", InputFormat.TEXT),  # the name says so
        (b"anything", "page.htm.gz", InputFormat.HTML),
        (b"anything", "feed.atom", InputFormat.FEED),
    ],
)
def test_sniff(head: bytes, name: str, expected: InputFormat) -> None:
    assert sniff(head, name) is expected


def test_pretty_printed_json_is_not_json_lines() -> None:
    with pytest.raises(RejectError, match="JSON but not JSON Lines"):
        sniff(b'{\n  "pages": [1, 2]\n}\n', "ground-truth.json")


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b"", "empty input"),
        (b" \n\t\n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (PNG image)"),
        (b"\x7fELF\x02\x01\x01\x00", "binary content (ELF executable)"),
        (b"%PDF-1.7\n", "binary content (PDF document)"),
        (b"text with a \x00 NUL", "binary content (NUL bytes)"),
        (random.Random(7).randbytes(4096).replace(b"\x00", b"\x01"), "binary content ("),  # no NUL: control ratio
    ],
)
def test_check_text_rejects(head: bytes, reason: str) -> None:
    with pytest.raises(RejectError) as info:
        check_text(head)
    assert str(info.value).startswith(reason)


@pytest.mark.parametrize(
    "head",
    [
        b"plain text\r\nwith\ttabs\x0c",
        "caf\xe9".encode("cp1252"),
        codecs.BOM_UTF16_LE + "<html>x</html>".encode("utf-16-le"),
        b"\x1b$B4A;z\x1b(B",  # ISO-2022-JP uses ESC
    ],
)
def test_check_text_accepts_text(head: bytes) -> None:
    check_text(head)
