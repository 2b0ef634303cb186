"""Which format an input is in, from its first bytes and its name; and which inputs are not text at all."""

from __future__ import annotations

import json
import re

from warta.data import InputFormat
from warta.errors import RejectError, UsageError
from warta.ingest.encoding import BOMS, utf16_without_bom

HEAD_BYTES = 8192  # how much of an input (decompressed) the sniffers look at

# Magic numbers of formats that are certainly not pages, named in the rejection reason.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_EXTENSIONS = {
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".shtml": InputFormat.HTML,
    ".warc": InputFormat.WARC,
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".rss": InputFormat.FEED,
    ".atom": InputFormat.FEED,
    ".txt": InputFormat.TEXT,
}
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27} | {127}  # 27 (ESC) appears in ISO-2022 text
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>/]", re.IGNORECASE)
_JSON_START = re.compile(rb"\A\s*\{")


def parse_format(name: InputFormat | str | None) -> InputFormat | None:
    """``--input-format`` value to :class:`InputFormat`; an unknown name is the caller's mistake."""
    if name is None or isinstance(name, InputFormat):
        return name
    try:
        return InputFormat(name.strip().lower())
    except ValueError:
        known = ", ".join(f.value for f in InputFormat)
        raise UsageError(f"unknown input format {name!r} (known: {known})") from None


def check_text(head: bytes) -> None:
    """Raise :class:`RejectError` if ``head`` is empty or binary rather than text."""
    if not head.strip():
        raise RejectError("empty input")
    if any(head.startswith(bom) for bom, _ in BOMS):
        return  # UTF-16/32 text is full of NUL bytes yet is text
    if utf16_without_bom(head) is not None:
        return  # ... even without a byte-order mark
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise RejectError(f"binary content ({kind})")
    if b"\x00" in head:
        raise RejectError("binary content (NUL bytes)")
    control = sum(1 for byte in head if byte in _CONTROL)
    if control > len(head) * 0.02:
        raise RejectError(f"binary content ({100 * control // len(head)}% control bytes)")


def is_warc(head: bytes, name: str) -> bool:
    """A WARC by its first bytes or by its name; checked before :func:`check_text` as payloads may be binary."""
    return head.lstrip().startswith(b"WARC/") or _extension(name) == ".warc"


def sniff(head: bytes, name: str) -> InputFormat:
    """Guess the format of a (decompressed) input from its first bytes, then its name (without ``.gz``)."""
    if is_warc(head, name):
        return InputFormat.WARC
    start = head.lstrip()[:512]
    by_name = _EXTENSIONS.get(_extension(name))
    if by_name is not None:
        return by_name
    if _JSON_START.match(start):
        if not _first_line_is_object(head):
            raise RejectError("JSON but not JSON Lines (the first line is not a whole object)")
        return InputFormat.JSONL
    feed = _FEED.search(head)
    html = _HTML.search(head)
    if feed is not None and (html is None or feed.start() < html.start()):
        return InputFormat.FEED
    if html is not None:
        return InputFormat.HTML
    return InputFormat.TEXT


def _first_line_is_object(head: bytes) -> bool:
    """Whether the first non-blank line is a JSON object (or too long to tell from the head, given the benefit)."""
    line = head.lstrip().split(b"\n", 1)
    if len(line) == 1 and len(head) >= HEAD_BYTES:
        return True
    try:
        return isinstance(json.loads(line[0].decode("utf-8", errors="replace")), dict)
    except json.JSONDecodeError:
        return False


def _extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1].lower()
    if base.endswith(".gz"):
        base = base[:-3]
    dot = base.rfind(".")
    return base[dot:] if dot > 0 else ""
