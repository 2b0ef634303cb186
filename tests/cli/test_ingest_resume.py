"""``warta ingest`` killed with SIGKILL mid-run, then rerun, ends as an uninterrupted run does (issue 8)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.issue(8), pytest.mark.skipif(sys.platform != "linux", reason="uses /proc and SIGKILL")]

WARTA = [sys.executable, "-c", "from warta.cli.main import main; main()"]
SYLLABLES = [c + v for c in "bdklmnrst" for v in "aeiou"]


def pseudo_words(rng: random.Random, n: int) -> str:
    """Text no two documents share much of: near-duplicates would be folded into one stored article."""
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n))


SHARDS, DOCS = 16, 10
TABLES = {
    "articles": "SELECT id, title, text, language FROM articles",
    "entities": 'SELECT article_id, text, label, start, "end", country FROM entities',
    "quotes": "SELECT article_id, text, speaker FROM quotes",
    "events": "SELECT article_id, event, cameo, start FROM events",
    "rejected": "SELECT input, record, stage, reason FROM rejected",
}


def make_inputs(folder: Path) -> Path:
    folder.mkdir()
    n = 0
    for s in range(SHARDS):
        lines = []
        for _ in range(DOCS):
            n += 1
            if n % 10 == 0:
                lines.append("{broken")
                continue
            words = pseudo_words(random.Random(n), 60)
            text = (f"Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Pyongyang ({n}). {words}. "
                    f'"Kami akan saling membantu," kata Putin.')  # fmt: skip
            lines.append(json.dumps({"id": f"d{n}", "title": f"Kabar {n}", "text": text}))
        (folder / f"s{s:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def ingest(folder: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*WARTA, "ingest", str(folder), "--db", str(db), "--batch-size", "5", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone() == (0,)
        return {name: sorted(conn.execute(sql)) for name, sql in TABLES.items()}
    finally:
        conn.close()


def finished_shards(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM shards").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def descendants(pid: int) -> set[int]:
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for c in map(int, children):
            out.add(c)
            todo.append(c)
    return out


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def test_kill_minus_9_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path / "in")
    clean, resumed = tmp_path / "clean.db", tmp_path / "resumed.db"
    reference = ingest(folder, clean, "--workers", "1")

    first = ingest(folder, resumed, "--workers", "2")
    deadline = time.monotonic() + 240
    while finished_shards(resumed) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = descendants(first.pid)
    assert first.poll() is None, "the run finished before it could be interrupted: " + first.communicate()[1]
    os.kill(first.pid, signal.SIGKILL)
    first.communicate()
    done = finished_shards(resumed)
    assert 3 <= done < SHARDS
    # the workers notice that nobody is left to write their results, and stop
    stop_by = time.monotonic() + 30
    while any(alive(p) for p in workers) and time.monotonic() < stop_by:
        time.sleep(0.2)
    assert not any(alive(p) for p in workers), "worker processes outlived the killed run"

    second = ingest(folder, resumed, "--workers", "2")
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert f"{SHARDS - done} files read, {done} skipped (done before)" in err
    _, ref_err = reference.communicate(timeout=300)
    assert reference.returncode == 0, ref_err

    expected = contents(clean)
    assert contents(resumed) == expected
    assert len(expected["articles"]) == SHARDS * DOCS - SHARDS * DOCS // 10
    assert len(expected["rejected"]) == SHARDS * DOCS // 10 and expected["entities"] and expected["quotes"]
    summary = err.splitlines()[-2]
    assert summary.endswith(f"{len(expected['rejected'])} rejected → {resumed}"), err
    assert summary.startswith(f"{len(expected['articles'])} documents"), err
