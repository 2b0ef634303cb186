from __future__ import annotations

import pytest

from warta.data import InputFormat, Provenance
from warta.errors import RejectError
from warta.ingest.pages import html_page, split_domain, text_page


@pytest.mark.parametrize(
    ("data", "domain", "rest"),
    [
        (b"visitaaponce.com\n\nTitle\n", "visitaaponce.com", b"\nTitle\n"),
        (b"www.Kompas.com\r\nBody", "kompas.com", b"Body"),
        (b"\xef\xbb\xbfnews.detik.com\nBody", "news.detik.com", b"Body"),
        (b"xn--80ak6aa92e.com\nBody", "xn--80ak6aa92e.com", b"Body"),
        (b"Not a domain.\nBody", None, b"Not a domain.\nBody"),
        (b"example.com is great\nBody", None, b"example.com is great\nBody"),
        (b"3.14\nBody", None, b"3.14\nBody"),
        (b"example.com", None, b"example.com"),  # no page text follows
    ],
)
def test_split_domain(data: bytes, domain: str | None, rest: bytes) -> None:
    assert split_domain(data) == (domain, rest)


def test_text_page() -> None:
    prov = Provenance(input="x.txt")
    page = text_page("kompas.com\nPRESIDEN berkata caf\xe9.\n".encode("cp1252"), prov, "x.txt")
    assert page.format is InputFormat.TEXT
    assert (page.source.domain, page.source.path) == ("kompas.com", "x.txt")
    assert page.content == "PRESIDEN berkata caf\xe9.\n".encode("cp1252")
    assert page.encoding is not None


def test_text_page_with_only_a_domain_line_is_rejected() -> None:
    with pytest.raises(RejectError, match="no text after the domain line"):
        text_page(b"kompas.com\n\n  \n", Provenance(input="x"), None)


def test_html_page_keeps_bytes_and_records_encoding() -> None:
    data = '<meta charset="windows-1252"><p>caf\xe9</p>'.encode("cp1252")
    page = html_page(data, Provenance(input="p.html"), "p.html")
    assert (page.content, page.encoding, page.format) == (data, "cp1252", InputFormat.HTML)
