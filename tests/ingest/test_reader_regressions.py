"""Regressions found by running the CLI on hand-made bad inputs."""

from __future__ import annotations

import gzip
from pathlib import Path

from warta.data import Rejection
from warta.ingest import read


def test_gzip_cut_inside_its_header_is_truncated_not_empty(tmp_path: Path) -> None:
    whole = gzip.compress(b"<html><body><p>" + b"kata " * 200 + b"</p></body></html>")
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(whole[:9])  # the magic and part of the header, no deflate data at all
    (item,) = list(read([str(cut)]))
    assert isinstance(item, Rejection)
    assert item.reason.startswith(("truncated gzip", "corrupt gzip")), item.reason
