from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from warta.errors import RejectError
from warta.ingest.files import STDIN, content_stream, expand, open_input, peek, read_all


def test_expand_walks_directories_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["b.html", "a/z.txt", "a/b.txt", ".hidden.txt", ".git/config", "a/.cache/x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    names = [name for name, _ in expand([str(tmp_path)])]
    assert names == [str(tmp_path / rel) for rel in ["a/b.txt", "a/z.txt", "b.html"]]


def test_expand_reports_missing_and_empty(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    missing = str(tmp_path / "nope.html")
    assert list(expand([missing, str(tmp_path / "empty"), STDIN])) == [
        (missing, "no such file or directory"),
        (str(tmp_path / "empty"), "no files in directory"),
        (STDIN, None),
    ]


def test_stdin_is_spooled_and_seekable() -> None:
    with open_input(STDIN, io.BytesIO(b"hello")) as stream:
        assert stream.read(2) == b"he"
        stream.seek(0)
        assert stream.read() == b"hello"


def test_peek_decompresses_gzip_head_and_rewinds() -> None:
    stream = io.BytesIO(gzip.compress(b"<html>" + b"x" * 100_000))
    head, compressed = peek(stream)
    assert compressed and head.startswith(b"<html>xxx") and stream.tell() == 0


def test_peek_on_a_truncated_gzip_gives_what_it_has() -> None:
    data = gzip.compress(b"<html>hello</html>" * 100)
    head, compressed = peek(io.BytesIO(data[: len(data) // 2]))
    assert compressed and head.startswith(b"<html>hello")


def test_read_all_truncated_gzip() -> None:
    data = gzip.compress(b"<html>hello</html>" * 1000)
    with pytest.raises(RejectError, match=r"^truncated gzip: "):
        read_all(content_stream(io.BytesIO(data[:-20]), compressed=True), 1_000_000)


def test_read_all_corrupt_gzip() -> None:
    data = bytearray(gzip.compress(b"<html>hello</html>" * 1000))
    data[20:40] = b"\x00" * 20
    with pytest.raises(RejectError, match=r"^(corrupt|truncated) gzip: "):
        read_all(content_stream(io.BytesIO(bytes(data)), compressed=True), 1_000_000)


def test_read_all_limit_names_the_size() -> None:
    assert read_all(io.BytesIO(b"x" * 10), 10) == b"x" * 10
    with pytest.raises(RejectError, match=r"^page too large: 11 bytes > 10$"):
        read_all(io.BytesIO(b"x" * 11), 10)
