from __future__ import annotations

import json

from warta.data import Article, Hints, InputFormat, Rejection
from warta.ingest.jsonl import read_jsonl
from warta.settings import DEFAULTS

LINES = [
    json.dumps({"id": 42, "title": "Judul", "url": "https://www.kompas.com/a", "published": "2024-06-20",
                "language": "id", "text": "PRESIDEN berkata.\n\nParagraf kedua."}).encode() + b"\n",
    b"{broken json\n",
    b"\n",  # blank lines are skipped, but still counted for line numbers
    json.dumps({"title": "no text"}).encode() + b"\n",
    b'["not", "an", "object"]\n',
    json.dumps({"text": "   "}).encode() + b"\n",
    json.dumps({"text": "Teks saja, tanpa metadata."}, ensure_ascii=False).encode() + b"\n",
    b'{"text": 7}\n',
]


def test_good_lines_come_out_and_bad_lines_are_rejected_by_line_number() -> None:
    items = list(read_jsonl(LINES, "in.jsonl", "in.jsonl", DEFAULTS, "2024-07-01T00:00:00+00:00"))
    pages = [i for i in items if isinstance(i, Article)]
    rejects = [(r.record, r.reason.split(":")[0]) for r in items if isinstance(r, Rejection)]
    assert rejects == [
        ("2", "invalid JSON"),
        ("4", "missing 'text' field"),
        ("5", "JSON line is not an object but list"),
        ("6", "empty 'text' field"),
        ("8", "'text' is not a string"),
    ]
    assert [a.provenance.record for a in pages if a.provenance] == ["1", "7"]
    first = pages[0].page
    assert first is not None and first.format is InputFormat.JSONL
    assert first.content == b"PRESIDEN berkata.\n\nParagraf kedua."
    assert first.hints == Hints(
        id="42", title="Judul", url="https://www.kompas.com/a", published="2024-06-20", language="id", clean=False
    )
    assert (pages[0].source.url, pages[0].source.domain) == ("https://www.kompas.com/a", "kompas.com")
    assert pages[1].page is not None and pages[1].page.hints == Hints()


def test_clean_setting_is_passed_as_a_hint() -> None:
    items = list(read_jsonl([b'{"text": "x"}'], "-", None, DEFAULTS.with_(clean_jsonl=True), "t"))
    assert isinstance(items[0], Article) and items[0].page is not None and items[0].page.hints.clean


def test_oversized_line() -> None:
    (item,) = read_jsonl([b'{"text": "' + b"x" * 100 + b'"}'], "f", None, DEFAULTS.with_(max_page_bytes=50), "t")
    assert isinstance(item, Rejection) and item.reason == "page too large: 112 bytes > 50"


def test_invalid_utf8_inside_a_line_is_replaced() -> None:
    (item,) = read_jsonl([b'{"text": "caf\xe9 au lait"}'], "f", None, DEFAULTS, "t")
    assert isinstance(item, Article) and item.page is not None
    assert item.page.content == "caf\ufffd au lait".encode()
