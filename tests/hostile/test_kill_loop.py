"""``warta ingest`` killed with SIGKILL at random moments, again and again (issue 9): after every kill the database
passes its integrity check with no duplicate; the final rerun ends exactly as one uninterrupted run does, so no
partial document survived any kill. Slow (about 2 minutes): ``pytest -m slow tests/hostile/test_kill_loop.py``."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest
import tests.cli.test_ingest_resume as resume

pytestmark = [pytest.mark.issue(9), pytest.mark.slow,
              pytest.mark.skipif(sys.platform != "linux", reason="uses SIGKILL")]  # fmt: skip

KILLS = 6


def stored(db: Path) -> int:
    """Articles committed so far, read without waiting on the writer."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def check(db: Path) -> int:
    """Integrity ok, no duplicate ids, every stored article indexed; the number of articles."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        assert total == distinct
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == total
        return int(total)
    finally:
        conn.close()


def test_random_kills_then_rerun_equal_a_clean_run(tmp_path: Path) -> None:
    folder = resume.make_inputs(tmp_path / "in")
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    reference = resume.ingest(folder, clean, "--workers", "1")
    _, ref_err = reference.communicate(timeout=600)
    assert reference.returncode == 0, ref_err

    rng = random.Random(9)
    seen = [0]
    for _ in range(KILLS):
        run = resume.ingest(folder, killed, "--workers", "2")
        deadline = time.monotonic() + 240
        while stored(killed) <= seen[-1] and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)  # wait for this run's first write, then kill at a random moment after it
        time.sleep(rng.uniform(0.0, 0.6))
        if run.poll() is not None:
            break  # it finished: nothing left to interrupt
        os.kill(run.pid, signal.SIGKILL)
        run.communicate()
        seen.append(check(killed))
    final = resume.ingest(folder, killed, "--workers", "2")
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    print(f"\narticles after each kill: {seen[1:]}")
    assert len(seen) - 1 >= KILLS - 1, "too few kills landed while the run was writing"
    assert resume.contents(killed) == resume.contents(clean)
