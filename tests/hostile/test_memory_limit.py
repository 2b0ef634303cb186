"""Per-page memory limit (issue 9): ``page_memory_mb`` caps each worker's address space above its size with models
loaded; a page that needs more is a rejection saying so, a worker that runs out between pages is replaced, and the
run goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.hostile.memhog import hog_factory
from tests.pipeline.conftest import write_shards

from warta.pipeline.local import LocalRunner
from warta.pipeline.worker import extract_factory
from warta.settings import Settings
from warta.store import Store

pytestmark = [pytest.mark.issue(9), pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc, RLIMIT_AS")]

GIANT = "<html><body>" + "<div><p>kata</p></div>" * 700_000 + "</body></html>"  # 15 MB; > 1 GiB to parse


def good_ids(folder: Path) -> set[str]:
    out = set()
    for shard in folder.glob("*.jsonl"):
        for line in shard.read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                out.add(json.loads(line)["id"])
    return out


def stored_ids(db: Path) -> set[str]:
    with Store(db) as store:
        return {row[0] for row in store.conn.execute("SELECT id FROM articles")}


def test_limit_memory_caps_this_process_above_its_size() -> None:
    code = (
        "from warta.pipeline.worker import limit_memory\n"
        "assert limit_memory(64)\n"
        "kept = bytearray(16 << 20)\n"  # within the cap
        "try:\n    bytearray(256 << 20)\nexcept MemoryError:\n    print('capped')\n"
        "assert limit_memory(0) is None\n"
        "bytearray(256 << 20)\nprint('lifted')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["capped", "lifted"], out.stderr


def test_a_giant_page_is_rejected_as_out_of_memory_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = write_shards(tmp_path / "in", shards=3, docs=10)
    (folder / "giant.html").write_text(GIANT, encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        report = LocalRunner(store, Settings(page_memory_mb=64), workers=2, factory=extract_factory).run([str(folder)])
    assert report.rejections["extract: out of memory"] == 1
    assert stored_ids(tmp_path / "w.db") == good_ids(folder)
    assert max(report.peak_rss_mb.values()) < 600  # uncapped, this page alone takes ~1.6 GiB


def test_a_worker_out_of_memory_between_pages_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))  # workers import tests.hostile.memhog
    folder = write_shards(tmp_path / "in", shards=4, docs=6)
    (folder / "hog.jsonl").write_text(json.dumps({"id": "hog", "text": "HOG " * 20}) + "\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        report = LocalRunner(store, Settings(page_memory_mb=64), workers=2, factory=hog_factory).run([str(folder)])
        shards_done = store.conn.execute("SELECT count(*) FROM shards").fetchone()[0]
    assert report.rejections["ingest: out of memory"] == 1
    assert stored_ids(tmp_path / "w.db") == good_ids(folder) - {"hog"}  # every other shard, after the replacement
    assert shards_done == 4  # the hog shard is not marked done: a rerun with more room tries it again
