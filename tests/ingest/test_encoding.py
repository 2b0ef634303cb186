from __future__ import annotations

import codecs

import pytest

from warta.ingest.encoding import decode, normalize, sniff_declared

FRENCH = "Le café était fermé à Noël ; déjà les élèves répétaient leurs leçons près de la fenêtre. " * 8
JAPANESE = "東京都は新しい政策を発表しました。住民の生活を改善するための計画です。" * 8


def test_plain_utf8() -> None:
    assert decode(FRENCH.encode("utf-8")) == (FRENCH, "utf-8")


def test_ascii_defaults_to_utf8() -> None:
    assert decode(b"<p>Hello</p>") == ("<p>Hello</p>", "utf-8")


def test_windows_1252_without_declaration() -> None:
    text, encoding = decode(f"<html><body><p>{FRENCH}</p></body></html>".encode("cp1252"))
    assert FRENCH in text
    assert encoding in ("cp1252", "iso8859-15", "latin_1")


def test_shift_jis_without_declaration() -> None:
    text, encoding = decode(f"<p>{JAPANESE}</p>".encode("shift_jis"))
    assert JAPANESE in text
    assert codecs.lookup(encoding).name in ("cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213")


def test_meta_charset_is_used() -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body>{FRENCH}</body></html>'
    text, encoding = decode(page.encode("cp1252"))
    assert (FRENCH in text, encoding) == (True, "cp1252")


def test_http_equiv_iso_8859_1_reads_as_windows_1252() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    page = meta + "<p>\u201cquoted\u201d caf\xe9</p>"
    text, encoding = decode(page.encode("cp1252"))
    assert encoding == "cp1252"
    assert "\u201cquoted\u201d café" in text  # 0x93/0x94 are curly quotes in windows-1252, controls in latin-1


def test_declared_beats_meta() -> None:
    page = '<meta charset="iso-8859-2"><p>Łódź</p>'.encode("iso-8859-2")
    assert decode(page, "iso-8859-2")[1] == "iso8859-2"
    assert decode(page, "koi8-r")[1] == "koi8-r"


def test_valid_utf8_beats_a_wrong_declaration() -> None:
    assert decode(FRENCH.encode("utf-8"), "iso-8859-1") == (FRENCH, "utf-8")


def test_bom_wins() -> None:
    assert decode(codecs.BOM_UTF16_LE + "<p>héllo</p>".encode("utf-16-le")) == ("<p>héllo</p>", "utf-16")
    assert decode(codecs.BOM_UTF16_BE + "<p>héllo</p>".encode("utf-16-be")) == ("<p>héllo</p>", "utf-16")
    assert decode(codecs.BOM_UTF8 + b"<p>x</p>", "cp1252") == ("<p>x</p>", "utf-8-sig")


def test_the_encoding_found_decodes_the_bytes_directly() -> None:
    """Other stages may call ``content.decode(page.encoding)``: a BOM must not survive that."""
    data = codecs.BOM_UTF8 + "<p>héllo</p>".encode()
    assert data.decode(decode(data)[1]) == "<p>héllo</p>"


def test_invalid_utf8_bytes_are_replaced_not_fatal() -> None:
    data = FRENCH.encode("utf-8") + b"\xff\xfe broken \xc3"
    text, encoding = decode(data)
    assert encoding == "utf-8"
    assert text.startswith(FRENCH)
    assert "\ufffd" in text


def test_truncated_multibyte_at_end_is_still_utf8() -> None:
    assert decode(FRENCH.encode("utf-8") + "é".encode()[:1])[1] == "utf-8"


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("utf-8"),
        FRENCH.encode("cp1252"),
        JAPANESE.encode("shift_jis"),
        JAPANESE.encode("euc-jp"),
        FRENCH.encode("utf-8") + b"\xff",
        bytes(range(128, 256)) * 4,
        b"plain ascii",
    ],
)
def test_decoding_again_with_the_found_encoding_gives_the_same_text(data: bytes) -> None:
    text, encoding = decode(data)
    assert decode(data, encoding) == (text, encoding)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("UTF-8", "utf-8"),
        ("latin1", "cp1252"),
        ("Shift_JIS", "cp932"),
        ("gb2312", "gb18030"),
        ("utf-16", "utf-8"),
        ('"windows-1251"', "cp1251"),
        ("no-such-charset", None),
        (None, None),
        ("", None),
    ],
)
def test_normalize(label: str | None, expected: str | None) -> None:
    assert normalize(label) == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<META CHARSET=Shift_JIS>", "Shift_JIS"),
        (b'<meta http-equiv="content-type" content="text/html; charset=windows-1252">', "windows-1252"),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>', "ISO-8859-1"),
        (b"<p>charset=utf-8 in text is not a declaration</p>", None),
    ],
)
def test_sniff_declared(page: bytes, expected: str | None) -> None:
    assert sniff_declared(page) == expected
