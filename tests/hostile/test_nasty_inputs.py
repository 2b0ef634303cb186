"""A corpus of hostile inputs, made by the test: each gives a clean document or a precise rejection (issue 9).

All of them go through one ``read`` → ``build_pipeline().run`` → ``Store.write`` batch, with one good page at the
end that must be stored: no input may stop the batch.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warta.data import Article, Rejection
from warta.ingest.reader import read
from warta.pipeline.default import build_pipeline
from warta.store import Store

pytestmark = pytest.mark.issue(9)

BODY = (
    "Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada hari Senin pagi. "
    "Peresmian itu dihadiri para menteri dan gubernur, yang menyebut jalan tol akan memangkas waktu tempuh."
)
ACCENTED = "Kafe “Déjà vu” di Bandung menjual crème brûlée dan café au lait — harganya naik tahun ini."

VARIED = " ".join(f"kata{i * 7919 % 10007}" for i in range(5000))  # compresses poorly, so a cut lands mid-stream

#: The last page, unlike the others (near-duplicates of one another are folded into one stored article).
GOOD = (
    "Bank Indonesia menahan suku bunga acuan di level enam persen pada rapat dewan gubernur bulan ini. "
    "Gubernur Perry Warjiyo mengatakan keputusan itu sejalan dengan upaya menjaga stabilitas nilai tukar rupiah."
)


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Kabar</title></head><body><article><p>{body}</p></article></body></html>"


def warc_record(body: bytes, *, content_type: str = "text/html", length_delta: int = 0, header: str = "") -> bytes:
    """One WARC/1.1 response record by hand; ``length_delta`` makes its Content-Length lie."""
    block = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "WARC-Date: 2024-06-20T10:00:00Z\r\nWARC-Target-URI: https://example.id/a\r\n"
        f"Content-Type: application/http; msgtype=response\r\n{header}"
        f"Content-Length: {len(block) + length_delta}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def gzip_bomb(decompressed: int) -> bytes:
    """A small gzip file of many members that inflates to ``decompressed`` bytes of spaces inside a <p>."""
    member = gzip.compress(b" " * (16 << 20), 9)  # 16 MiB → ~16 KB
    return gzip.compress(b"<html><body><p>") + member * (decompressed // (16 << 20))


OK = "ok"
#: name → (content, expected: OK and a fragment of the stored text, or a regex the rejection reason must match)
CASES: dict[str, tuple[bytes, str, str]] = {
    "binary_png.html": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "ingest", r"^binary content \(PNG image\)$"),
    "binary_nul.html": (bytes(range(256)) * 40, "ingest", r"^binary content \(NUL bytes\)$"),
    "truncated.html.gz": (gzip.compress(html(VARIED).encode())[:2000], "ingest", r"^truncated gzip: "),
    "corrupt.html.gz": (b"\x1f\x8b\x08\x00" + b"\xde\xad\xbe\xef" * 100, "ingest", r"^corrupt gzip: "),
    "empty.html": (b"", "ingest", r"^empty input$"),
    "blank.html": (b"  \n\t\r\n ", "ingest", r"^empty input$"),
    "empty.html.gz": (gzip.compress(b""), "ingest", r"^empty input$"),
    "warc_bad_header.warc": (b"WARC/1.1\r\nthis is no header at all\r\n\r\n" + b"x" * 200, "ingest", r"^broken WARC: "),
    "warc_no_length.warc": (
        b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2024-06-20T10:00:00Z\r\n\r\n<html>hi</html>\r\n\r\n",
        "ingest",
        r"^broken WARC: ",
    ),
    "warc_length_too_long.warc": (warc_record(html(BODY).encode(), length_delta=500), "ingest", r"truncated"),
    # The record as its header declares it is whole (and a page); what follows is no record: the file ends there.
    "warc_length_too_short.warc": (
        warc_record(html(BODY).encode(), length_delta=-40),
        "ingest",
        r"^broken WARC: Invalid WARC header after",
    ),
    "warc_undeclared_cp1252.warc": (warc_record(html(ACCENTED + " " + BODY).encode("cp1252")), OK, "crème brûlée"),
    "warc_bad_charset.warc": (
        warc_record(html(BODY).encode(), content_type="text/html; charset=no-such-charset"),
        OK,
        "jalan tol",
    ),
    "cp1252_declared.html": (
        html(ACCENTED + " " + BODY, '<meta charset="windows-1252">').encode("cp1252"),
        OK,
        "“Déjà vu”",
    ),
    "cp1252_undeclared.html": (html(ACCENTED + " " + BODY).encode("cp1252"), OK, "“Déjà vu”"),
    "latin1_declared.html": (
        html("Café crème à Jakarta. " + BODY, '<meta charset="iso-8859-1">').encode("latin-1"),
        OK,
        "Café crème",
    ),
    "latin1_undeclared.html": (html("Café crème à Jakarta. " + BODY).encode("latin-1"), OK, "Café crème"),
    "utf16le_bom.html": (html(ACCENTED + " " + BODY).encode("utf-16"), OK, "crème brûlée"),
    "utf16be_bom.html": (b"\xfe\xff" + html(ACCENTED + " " + BODY).encode("utf-16-be"), OK, "crème brûlée"),
    "utf16le_declared_no_bom.html": (
        html(ACCENTED + " " + BODY, '<meta charset="utf-16">').encode("utf-16-le"),
        OK,
        "crème brûlée",
    ),
    "utf16le_no_bom.html": (html(ACCENTED + " " + BODY).encode("utf-16-le"), OK, "crème brûlée"),
    "utf16be_no_bom.html": (html(ACCENTED + " " + BODY).encode("utf-16-be"), OK, "crème brûlée"),
    "invalid_utf8.html": (
        html(ACCENTED + " " + BODY).encode().replace(b"Bandung", b"Ban\xffdung"),  # one stray byte
        OK,
        "crème brûlée",
    ),
    "big_50mb.html": (
        b"<html><body><p>" + b"kata " * 10_000_000 + b"</p></body></html>",
        "ingest",
        r"^page too large: 50000033 bytes > 20000000$",
    ),
    "bomb.html.gz": (gzip_bomb(1 << 30), "ingest", r"^page too large: over \d+ bytes > 20000000"),
    "nested_100k.html": (
        b"<html><body>" + b"<div>" * 100_000 + BODY.encode() + b"</div>" * 100_000 + b"</body></html>",
        "extract",
        r"^no article text found$",  # lxml stops building the tree at its depth limit: a clean rejection
    ),
    "all_script.html": (
        b"<html><head><script>" + b"var a = 1;" * 100_000 + b"</script></head><body><script>go()</script></body>",
        "extract",
        r"^no article text found$",
    ),
    "wrong_types.jsonl": (
        b"\n".join(
            json.dumps(v).encode()
            for v in (
                {"text": 42},
                {"text": ["a", "b"]},
                {"text": None},
                {"title": "no text"},
                ["top", "level", "array"],
                "just a string",
                {"text": BODY, "title": ["x"], "id": {"nested": 1}, "url": 7},
            )
        )
        + b"\n{broken\n",
        "ingest",
        "",  # checked record by record below
    ),
    "no_body.txt": (b"detik.com\n\n   \n", "ingest", r"^no text after the domain line \(detik\.com\)$"),
    "zz_good.html": (html(GOOD, '<meta charset="utf-8">').encode(), OK, "Bank Indonesia"),
}

JSONL_REASONS = {
    "1": "'text' is not a string",
    "2": "'text' is not a string",
    "3": "missing 'text' field",
    "4": "missing 'text' field",
    "5": "JSON line is not an object but list",
    "6": "JSON line is not an object but str",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nasty")
    for name, (content, _, _) in CASES.items():
        (folder / name).write_bytes(content)
    return folder


@pytest.fixture(scope="module")
def outcome(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[object], sqlite3.Connection, float]:
    """Every input through one read → pipeline → store batch; the items, the database and the seconds taken."""
    db = tmp_path_factory.mktemp("db") / "w.db"
    start = time.perf_counter()
    items: list[object] = []

    def keep(stream: object) -> object:
        for item in stream:  # type: ignore[attr-defined]
            items.append(item)
            yield item

    with Store(db) as store:
        store.write(keep(build_pipeline().run(read([str(corpus)]))))  # type: ignore[arg-type]
    return items, sqlite3.connect(db), time.perf_counter() - start


def by_input(items: list[object], name: str) -> list[object]:
    def where(item: object) -> str:
        if isinstance(item, Rejection):
            return item.input
        assert isinstance(item, Article) and item.provenance is not None
        return item.provenance.input

    return [item for item in items if Path(where(item)).name == name]


@pytest.mark.parametrize("name", [n for n in CASES if n != "wrong_types.jsonl"])
def test_each_input_gives_a_document_or_a_precise_rejection(
    name: str, outcome: tuple[list[object], sqlite3.Connection, float]
) -> None:
    items, _, _ = outcome
    _, stage, expected = CASES[name]
    got = by_input(items, name)
    if name == "warc_length_too_short.warc":
        assert isinstance(got[0], Article) and got[0].text and "jalan tol" in got[0].text
        got = got[1:]
    assert len(got) == 1, got
    (item,) = got
    if stage == OK:
        assert isinstance(item, Article), item
        assert item.text is not None and expected in item.text
        assert "\ufffd" not in item.text or name == "invalid_utf8.html"
    else:
        assert isinstance(item, Rejection), item
        assert (item.stage, re.search(expected, item.reason)) != (stage, None), item


def test_jsonl_with_wrong_types_rejects_each_bad_line_and_keeps_the_good_one(
    outcome: tuple[list[object], sqlite3.Connection, float],
) -> None:
    items, _, _ = outcome
    got = by_input(items, "wrong_types.jsonl")
    reasons = {item.record: item.reason for item in got if isinstance(item, Rejection)}
    assert {k: reasons[k] for k in JSONL_REASONS} == JSONL_REASONS
    assert reasons["8"].startswith("invalid JSON: ")
    (good,) = [item for item in got if isinstance(item, Article)]
    assert good.title is None and good.text is not None and "jalan tol" in good.text  # nested hints dropped


def test_the_batch_goes_on_and_stores_the_good_page(outcome: tuple[list[object], sqlite3.Connection, float]) -> None:
    items, conn, seconds = outcome
    stored = {row[0] for row in conn.execute("SELECT path FROM articles")}
    assert any(path.endswith("zz_good.html") for path in stored)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rejected = conn.execute("SELECT count(*) FROM rejected").fetchone()[0]
    assert rejected == sum(isinstance(item, Rejection) for item in items)
    assert seconds < 30, f"the hostile batch took {seconds:.1f} s"


BOMB_CHILD = """
import resource, sys
from warta.ingest.reader import read
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
(item,) = list(read([sys.argv[1]]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(item.reason, (after - before) // 1024, sep="\\n")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_a_gzip_bomb_is_rejected_in_bounded_memory(corpus: Path) -> None:
    """1 GiB inflated from ~1 MB: rejected at the page limit, peak RSS growing by tens of MB, not by GBs."""
    bomb = corpus / "bomb.html.gz"
    assert bomb.stat().st_size < 2 << 20
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", BOMB_CHILD, str(bomb)], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    reason, growth_mib = result.stdout.strip().splitlines()
    assert reason.startswith("page too large: over ")
    assert int(growth_mib) < 200, f"peak RSS grew by {growth_mib} MiB"
    assert seconds < 20
