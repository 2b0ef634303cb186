from __future__ import annotations

import gzip
import io
from collections import Counter

import pytest

from warta.data import Article, InputFormat, Item, Rejection
from warta.ingest.warc import read_warc
from warta.settings import DEFAULTS, Settings

from .conftest import WarcRecord, warc_gz


def _read(data: bytes, settings: Settings = DEFAULTS) -> tuple[list[Article], list[Rejection], Counter[str]]:
    stats: Counter[str] = Counter()
    items: list[Item] = list(read_warc(io.BytesIO(data), "crawl.warc", settings, "2024-07-01T00:00:00+00:00", stats))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, Rejection)],
        stats,
    )


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_html_records_become_pages(sample_warc: tuple[bytes, ...], compress: bool) -> None:
    data = warc_gz(*sample_warc) if compress else b"".join(sample_warc)
    pages, rejects, stats = _read(data)
    assert rejects == []
    assert [a.source.url for a in pages] == ["https://www.example.com/news/1", "https://berita.example.id/2"]
    first, second = pages
    assert first.page is not None and second.page is not None
    assert first.page.format is InputFormat.HTML
    assert first.page.content == b"<html><body><p>First story.</p></body></html>"  # HTTP headers stripped
    assert (first.source.domain, first.source.path) == ("example.com", "crawl.warc")
    assert first.provenance is not None and first.provenance.record == "0"
    assert first.provenance.fetched == "2024-06-20T10:00:00Z"
    assert second.provenance is not None and second.provenance.fetched == "2024-06-21T08:30:00Z"
    assert second.provenance.record == str(sum(len(r) for r in (gzip.compress(x) if compress else x
                                                                 for x in sample_warc[:3])))
    assert second.page.encoding == "cp1252"
    assert "Caf\xe9" in second.page.content.decode(second.page.encoding)
    assert stats == Counter(warc_skipped_non_html=1, warc_other_records=1)


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("cut", [-5, -20, -60, -300])
def test_truncated_warc_keeps_records_before_the_break(
    sample_warc: tuple[bytes, ...], compress: bool, cut: int
) -> None:
    data = warc_gz(*sample_warc) if compress else b"".join(sample_warc)
    if compress and cut == -5:
        cut = -20  # the last 8 bytes of a gzip member are its checksum: cutting only those loses no content
    pages, rejects, _ = _read(data[:cut])
    assert [a.source.url for a in pages] == ["https://www.example.com/news/1"]
    assert len(rejects) == 1
    assert rejects[0].reason.startswith("broken WARC: ")
    assert rejects[0].stage == "ingest"


def test_garbage_between_records(make_record: WarcRecord) -> None:
    first = make_record("https://a.example/1", b"<html>one</html>")
    second = make_record("https://a.example/2", b"<html>two</html>", record_id="<urn:uuid:9>")
    pages, rejects, _ = _read(first + b"this is not a WARC header\r\n\r\n" + second)
    assert [a.source.url for a in pages] == ["https://a.example/1"]
    assert [r.reason for r in rejects] == ["broken WARC: Invalid WARC header after record at offset 0"]


def test_not_a_warc_at_all() -> None:
    pages, rejects, _ = _read(b"WARC/1.0 and then nonsense\n" * 3)
    assert pages == [] and len(rejects) == 1 and rejects[0].reason.startswith("broken WARC")


def test_resource_record_with_html(make_record: WarcRecord) -> None:
    record = make_record(
        "file:///site/index.html", b"<html>resource</html>", record_type="resource",
        content_type="text/html; charset=iso-8859-1",
    )
    pages, rejects, _ = _read(record)
    assert rejects == [] and pages[0].page is not None
    assert pages[0].page.content == b"<html>resource</html>"


def test_error_statuses_are_skipped_not_rejected(make_record: WarcRecord) -> None:
    pages, rejects, stats = _read(make_record("https://a.example/404", b"<html>gone</html>", status="404 Not Found"))
    assert (pages, rejects, stats["warc_skipped_status"]) == ([], [], 1)


def test_gzip_content_encoding_and_chunking_are_undone(make_record: WarcRecord) -> None:
    html = b"<html><body>" + b"Berita terkini hari ini. " * 50 + b"</body></html>"
    zipped = make_record("https://a.example/z", gzip.compress(html), http_headers="Content-Encoding: gzip\r\n")
    chunked_body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(html), html)
    chunked = make_record("https://a.example/c", chunked_body, http_headers="Transfer-Encoding: chunked\r\n")
    pages, rejects, _ = _read(zipped + chunked)
    assert rejects == []
    assert [a.page.content for a in pages if a.page] == [html, html]


def test_missing_content_type_is_sniffed(make_record: WarcRecord) -> None:
    html = make_record("https://a.example/h", b"<!doctype html><html>x</html>", content_type=None)
    blob = make_record("https://a.example/b", b"\x00\x01binary", content_type=None)
    pages, rejects, stats = _read(html + blob)
    assert ([a.source.url for a in pages], rejects) == (["https://a.example/h"], [])
    assert stats["warc_skipped_non_html"] == 1


def test_oversized_record_is_rejected_and_the_rest_goes_on(make_record: WarcRecord) -> None:
    big = make_record("https://a.example/big", b"<html>" + b"x" * 500 + b"</html>")
    small = make_record("https://a.example/small", b"<html>ok</html>")
    pages, rejects, _ = _read(big + small, DEFAULTS.with_(max_page_bytes=200))
    assert [a.source.url for a in pages] == ["https://a.example/small"]
    assert [(r.record, r.reason) for r in rejects] == [("0", "page too large: 513 bytes > 200")]
