"""End to end over ``warta.ingest.read``: every format, every bad input, one batch that never stops."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from warta.data import Article, InputFormat, Item, Rejection
from warta.errors import UsageError
from warta.ingest import Reader, read
from warta.settings import DEFAULTS

from .conftest import warc_gz, warc_record
from .test_feed import ATOM, RSS

SEED = Path(__file__).parents[2] / "examples" / "000_3634da77584c6100.txt"
FRENCH = "Le café était fermé à Noël ; déjà les élèves répétaient leurs leçons près de la fenêtre. " * 5
JAPANESE = "東京都は新しい政策を発表しました。住民の生活を改善するための計画です。" * 5
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def _split(items: list[Item]) -> tuple[list[Article], list[Rejection]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejection)]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A directory holding one of everything, good and bad."""
    root = tmp_path / "inputs"
    files: dict[str, bytes] = {
        "a_record.txt": b"kompas.com\n\nJudul\n\nPRESIDEN berkata sesuatu yang penting.\n",
        "b_cp1252.html": f"<html><body><p>{FRENCH}</p></body></html>".encode("cp1252"),
        "c_sjis.htm": f"<html><body><p>{JAPANESE}</p></body></html>".encode("shift_jis"),
        "d_page.html.gz": gzip.compress(b"<html><body><p>Zipped page.</p></body></html>"),
        "e_truncated.html.gz": gzip.compress(b"<html><body>" + b"<p>Lost.</p>" * 500 + b"</body></html>")[:-40],
        "f_crawl.warc.gz": warc_gz(warc_record("https://example.com/w", b"<html><p>From WARC.</p></html>")),
        "g_broken.warc": warc_record("https://example.com/ok", b"<html>kept</html>")
        + warc_record("https://example.com/cut", b"<html>" + b"x" * 200 + b"</html>")[:-100],
        "h_lines.jsonl": b'{"id": "j1", "text": "Body one."}\n{oops\n{"text": "Body two."}\n',
        "i_feed.rss": RSS,
        "j_feed.xml": ATOM,
        "k_image.png": PNG,
        "l_empty.html": b"",
        "m_invalid_utf8.txt": FRENCH.encode() + b"\xff\xfe\xc3(",
        "n_random.bin": bytes((i * 7919 + 13) % 256 for i in range(5000)),
        ".hidden.html": b"<html>never read</html>",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_a_mixed_directory_goes_through_and_every_bad_input_has_a_reason(mixed: Path) -> None:
    reader = Reader()
    pages, rejects = _split(list(reader.read([str(mixed)])))
    by_file = {(Path(r.input).name, r.record): r.reason for r in rejects}
    assert by_file.keys() == {
        ("e_truncated.html.gz", "0"),
        ("g_broken.warc", str(len(warc_record("https://example.com/ok", b"<html>kept</html>")))),
        ("h_lines.jsonl", "2"),
        ("i_feed.rss", "3"),
        ("k_image.png", "0"),
        ("l_empty.html", "0"),
        ("n_random.bin", "0"),
    }
    assert by_file["e_truncated.html.gz", "0"].startswith("truncated gzip: ")
    assert by_file["k_image.png", "0"] == "binary content (PNG image)"
    assert by_file["l_empty.html", "0"] == "empty input"
    assert by_file["n_random.bin", "0"].startswith("binary content (")
    assert all(r.stage == "ingest" for r in rejects)

    found = [(Path(a.provenance.input).name, a.provenance.record) for a in pages if a.provenance]
    assert found == [
        ("a_record.txt", "0"),
        ("b_cp1252.html", "0"),
        ("c_sjis.htm", "0"),
        ("d_page.html.gz", "0"),
        ("f_crawl.warc.gz", "0"),
        ("g_broken.warc", "0"),
        ("h_lines.jsonl", "1"),
        ("h_lines.jsonl", "3"),
        ("i_feed.rss", "1"),
        ("i_feed.rss", "2"),
        ("j_feed.xml", "1"),
        ("m_invalid_utf8.txt", "0"),
    ]
    assert all(a.page is not None and a.provenance is a.page.provenance for a in pages)
    assert reader.stats["pages"] == len(pages) and reader.stats["rejected"] == len(rejects)
    assert reader.stats["inputs"] == 14


def test_decoding_the_pages_with_their_encoding(mixed: Path) -> None:
    pages = {Path(a.provenance.input).name: a.page for a in read([str(mixed)]) if isinstance(a, Article)
             and a.provenance}
    texts = {name: page.content.decode(page.encoding or "utf-8", errors="replace") for name, page in pages.items()
             if page is not None}
    assert FRENCH in texts["b_cp1252.html"]
    assert JAPANESE in texts["c_sjis.htm"]
    assert texts["d_page.html.gz"] == "<html><body><p>Zipped page.</p></body></html>"
    assert texts["m_invalid_utf8.txt"].startswith(FRENCH)
    assert pages["m_invalid_utf8.txt"] is not None and pages["m_invalid_utf8.txt"].encoding == "utf-8"


def test_seed_text_record() -> None:
    (item,) = read([str(SEED)])
    assert isinstance(item, Article) and item.page is not None and item.provenance is not None
    assert item.page.format is InputFormat.TEXT
    assert item.source.domain == "visitaaponce.com"
    assert item.source.path == str(SEED)
    assert b"PRESIDEN Rusia Vladimir Putin" in item.page.content
    assert not item.page.content.startswith(b"visitaaponce.com")
    assert item.provenance.ingested is not None and item.provenance.ingested.endswith("+00:00")
    assert item.id == "" and item.text == ""  # extraction is a later stage


def test_stdin() -> None:
    reader = Reader(stdin=io.BytesIO(gzip.compress(b'{"text": "from stdin"}\n')))
    (item,) = reader.read(["-"])
    assert isinstance(item, Article) and item.page is not None and item.provenance is not None
    assert (item.page.format, item.page.content, item.provenance.input) == (InputFormat.JSONL, b"from stdin", "-")
    assert item.source.path is None


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"<html><body>not a text record</body></html>")
    (auto,) = read([str(path)])
    (forced,) = read([str(path)], InputFormat.HTML)
    (by_name,) = read([str(path)], "html")
    assert isinstance(auto, Article) and auto.page is not None and auto.page.format is InputFormat.TEXT
    for item in (forced, by_name):
        assert isinstance(item, Article) and item.page is not None and item.page.format is InputFormat.HTML


def test_unknown_format_name_is_a_usage_error_raised_at_once() -> None:
    with pytest.raises(UsageError, match="unknown input format"):
        read(["whatever"], "docx")


def test_missing_path_is_a_rejection_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "ok.html"
    good.write_bytes(b"<html>ok</html>")
    pages, rejects = _split(list(read([str(tmp_path / "missing.html"), str(good)])))
    assert [(r.input, r.reason) for r in rejects] == [(str(tmp_path / "missing.html"), "no such file or directory")]
    assert len(pages) == 1


def test_page_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.html.gz"
    path.write_bytes(gzip.compress(b"<html>" + b"x" * 1000 + b"</html>"))
    (item,) = read([str(path)], settings=DEFAULTS.with_(max_page_bytes=100))
    assert isinstance(item, Rejection) and item.reason == "page too large: 1013 bytes > 100"


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_break(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"text": f"line {n} " + "x" * 50}).encode() + b"\n" for n in range(200))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(lines)[:-30])
    pages, rejects = _split(list(read([str(path)])))
    assert len(pages) > 100
    assert len(rejects) == 1
    assert rejects[0].reason.startswith("truncated gzip: ")
    assert rejects[0].reason.endswith(f"; the rest after record {len(pages)} is lost")


def test_a_lone_string_path_is_one_path(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(b"<html>x</html>")
    assert len(list(read(str(path)))) == 1
