"""``warta ingest --engine ray`` then ``warta load`` fills the database as the local runner does (issue 8).

Runs a local Ray (2 CPUs, no dashboard) in a subprocess with a hard timeout; needs ``pip install '.[ray]'``
(``make test-ray``) and is skipped without it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.pipeline.conftest import write_shards

pytestmark = [
    pytest.mark.issue(8),
    pytest.mark.ray,
    pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed: make test-ray"),
]

ROOT = Path(__file__).resolve().parents[2]
WARTA = [sys.executable, "-c", "from warta.cli.main import main; main()"]
#: Hard limit for one command: a local Ray starts in ~10 s and the examples take ~20 s on 2 busy cores.
TIMEOUT = 300
#: Row sets compared, without ingest timestamps, run ids or row numbers.
TABLES = {
    "articles": "SELECT id, title, published, language, text, url, domain, input, record FROM articles",
    "entities": 'SELECT article_id, text, label, start, "end", country, id FROM entities',
    "quotes": 'SELECT article_id, text, start, "end", direct, cue, speaker, role, affiliation FROM quotes',
    "events": 'SELECT article_id, event, mode, cameo, quad_class, trigger, start, "end", date, location FROM events',
    "event_actors": "SELECT e.article_id, e.start, a.role, a.text, a.country FROM event_actors a "
    "JOIN events e ON e.n = a.event_n",
    "commitments": "SELECT article_id, kind, mutual, trigger, start FROM commitments",
    "rejected": "SELECT input, record, stage, reason FROM rejected",
}


def warta(*args: str, cwd: Path) -> str:
    """Run ``warta ARGS`` in its own process group, killed as a whole (Ray's processes too) after TIMEOUT."""
    proc = subprocess.Popen(
        [*WARTA, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"warta {' '.join(args)} ran over {TIMEOUT} s")
    assert proc.returncode == 0, err
    return out + err


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {name: sorted(conn.execute(sql), key=repr) for name, sql in TABLES.items()}
    finally:
        conn.close()


def test_ray_then_load_equals_the_local_runner(tmp_path: Path) -> None:
    inputs = write_shards(tmp_path / "in" / "gen", shards=2, docs=5)  # with lines that are not JSON: rejections
    shutil.copytree(ROOT / "examples", tmp_path / "in" / "examples")
    local, ray_db, out = tmp_path / "local.db", tmp_path / "ray.db", tmp_path / "out"
    warta("ingest", "in", "--db", str(local), "--workers", "1", cwd=tmp_path)
    err = warta("ingest", "in", "--db", str(ray_db), "--engine", "ray", "--workers", "2", "--parquet", str(out),
                cwd=tmp_path)  # fmt: skip
    assert "7 files read on Ray (2 CPUs)" in err
    expected = rows(local)
    assert len(expected["articles"]) == 7 + 9 and len(expected["rejected"]) == 1
    assert expected["entities"] and expected["events"] and expected["quotes"] and expected["commitments"]
    assert rows(ray_db) == expected

    again = warta("load", str(out), "--db", str(ray_db), cwd=tmp_path)  # idempotent
    assert "16 documents (0 new, 16 unchanged), 1 rejected" in again
    assert rows(ray_db) == expected
    assert inputs.is_dir()
