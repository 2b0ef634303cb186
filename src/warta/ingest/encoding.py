"""Character-set detection for raw pages: BOM, transport declaration, ``<meta>``, then statistics.

Shared by ingest (to record the encoding it found) and extract (to decode HTML and text pages), so both agree.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Codecs that consume the mark themselves, so ``content.decode(page.encoding)`` elsewhere leaves no U+FEFF behind.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels browsers read as a superset (WHATWG Encoding Standard): the superset decodes what pages really contain.
_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
}

_META = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)"""  # <meta charset> and http-equiv content=...charset=
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.+-]+)""",  # XHTML and feeds
    re.IGNORECASE,
)
_UTF16_SAMPLE = 4096  # bytes looked at for the NUL pattern of BOM-less UTF-16
_PRESCAN = 16384  # bytes searched for a declaration; real heads put it well before this
_SAMPLE = 1 << 20  # bytes given to the statistical detector; more costs time and rarely changes its mind
_WESTERN_SLACK = 0.1  # how much more "chaos" windows-1252 may show and still be preferred (see _guess)


def decode(content: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``content`` and return ``(text, encoding used)``; never raises for bad bytes.

    Order: byte-order mark; valid UTF-8 with non-ASCII bytes (a near-certain signal, and servers often declare
    ISO-8859-1 by default); the ``declared`` (transport) charset; a ``<meta>``/XML declaration; mostly-UTF-8 text
    with a few bad bytes; charset-normalizer's guess; finally the first label found, with replacement characters.
    Feeding the returned encoding back as ``declared`` gives the same result.
    """
    for bom, name in BOMS:
        if content.startswith(bom):
            return content.decode(name, errors="replace"), name
    bare = utf16_without_bom(content)
    if bare is not None:
        return content.decode(bare, errors="replace"), bare
    labels = _unique([normalize(declared), normalize(sniff_declared(content))])
    if not content.isascii() and _is_utf8(content):
        return content.decode("utf-8", errors="replace"), "utf-8"
    for label in labels:
        text = _strict(content, label)
        if text is not None:
            return text, label
    if content.isascii() and b"\x1b" not in content:  # ESC: ISO-2022 encodings are 7-bit too
        return content.decode("ascii"), "utf-8"
    if _mostly_utf8(content):
        return content.decode("utf-8", errors="replace"), "utf-8"
    guess = _guess(content)
    if guess is not None:
        text = _strict(content, guess)
        if text is not None:
            return text, guess
    fallback = labels[0] if labels else guess or "cp1252"  # cp1252 maps nearly every byte to something readable
    return content.decode(fallback, errors="replace"), fallback


def normalize(label: str | None) -> str | None:
    """A charset label as a Python codec name (browser supersets applied), or ``None`` if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = _SUPERSETS.get(name, name)
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a UTF-16 label in an ASCII-readable byte stream is wrong; browsers read UTF-8 then
    return name


def utf16_without_bom(content: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for UTF-16 without a BOM (Latin-script text: every other byte NUL), else ``None``.

    Such pages exist (saved by old Windows tools); without this they read as binary because of their NUL bytes.
    """
    head = content[:_UTF16_SAMPLE]
    half = len(head) // 2
    if half < 4:
        return None
    even, odd = head[0 : half * 2 : 2].count(0), head[1 : half * 2 : 2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def sniff_declared(content: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` or an XML declaration, as written, if any."""
    match = _META.search(content[:_PRESCAN])
    if match is None:
        return None
    raw = match.group(1) or match.group(2)
    return raw.decode("ascii", errors="replace")


def _unique(labels: list[str | None]) -> list[str]:
    out: list[str] = []
    for label in labels:
        if label is not None and label not in out:
            out.append(label)
    return out


def _strict(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_utf8(content: bytes) -> bool:
    """Valid UTF-8, allowing a multi-byte character cut off at the very end (truncated pages)."""
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.start >= len(content) - 3
    return True


def _mostly_utf8(content: bytes) -> bool:
    """UTF-8 text with a few invalid bytes: well-formed multi-byte characters clearly outnumber the errors."""
    text = content.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good >= 3 and good >= 4 * bad


def _guess(content: bytes) -> str | None:
    """charset-normalizer's guess, nudged towards windows-1252 when that reads nearly as well.

    Short Western European texts often score a hair better as Baltic or Central European code pages; browsers in
    Western locales fall back to windows-1252, and so does Warta when the detector's own numbers allow it.
    """
    matches = list(from_bytes(content[:_SAMPLE]))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _WESTERN_SLACK:
            return "cp1252"
    return normalize(best.encoding)
