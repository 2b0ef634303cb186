"""Storage faults (issue 9): a full disk, a read-only or locked database and a corrupt file each give one clear
error, and nothing already stored is lost or damaged; after the fault, a rerun completes the rest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.pipeline.conftest import write_shards

from warta.cli.main import cli
from warta.errors import StoreError
from warta.pipeline.local import LocalRunner, RunReport
from warta.pipeline.worker import extract_factory
from warta.settings import Settings
from warta.store import Store

pytestmark = pytest.mark.issue(9)

SETTINGS = Settings(batch_size=5)


def ingest(db: Path, folder: Path, store_setup: str | None = None) -> RunReport:
    """Extraction-only ingest of ``folder`` in this process; ``store_setup`` is SQL run on the store's connection."""
    with Store(db) as store:
        if store_setup:
            store.conn.execute(store_setup)
        return LocalRunner(store, SETTINGS, workers=1, factory=extract_factory).run([str(folder)])


def state(db: Path) -> dict[str, Any]:
    """What must survive a fault: every table's rows, and a database that passes its integrity check."""
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        return {
            "articles": articles[0],
            "distinct": articles[1],
            "indexed": conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
            "no_doc": conn.execute("SELECT count(*) FROM articles WHERE doc IS NULL OR text = ''").fetchone()[0],
            "rejected": conn.execute("SELECT count(*) FROM rejected").fetchone()[0],
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
        }
    finally:
        conn.close()


def ids(folder: Path) -> set[str]:
    """The ids of the good lines of a folder of JSON Lines shards (what a complete ingest must hold)."""
    out = set()
    for shard in folder.glob("*.jsonl"):
        for line in shard.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                out.add(json.loads(line)["id"])
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_shards(tmp_path: Path) -> tuple[Path, Path]:
    """Two folders of distinct articles: ``first`` (2 shards) and ``more`` (3 shards), 20 lines each, 1 in 7 bad."""
    every = write_shards(tmp_path / "all", shards=5, docs=20)
    first, more = tmp_path / "first", tmp_path / "more"
    first.mkdir()
    more.mkdir()
    for i, shard in enumerate(sorted(every.glob("*.jsonl"))):
        shard.rename((first if i < 2 else more) / shard.name)
    return first, more


@pytest.fixture()
def stored(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A database holding the ``first`` ingest of :func:`split_shards`, and its state."""
    db = tmp_path / "warta.db"
    ingest(db, split_shards(tmp_path)[0])
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, so its bytes can be compared
    before = state(db)
    assert before["articles"] and before["integrity"] == "ok"
    return db, before


def test_disk_full_is_a_clear_error_and_the_rerun_completes(
    tmp_path: Path, stored: tuple[Path, dict[str, Any]]
) -> None:
    db, before = stored
    more = tmp_path / "more"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # max_page_count is SQLite's own "disk full": past it, every write fails with SQLITE_FULL
    with pytest.raises(StoreError, match=r"full.*\(database or disk is full\)") as caught:
        ingest(db, more, store_setup=f"PRAGMA max_page_count = {pages + 12}")
    assert "no transaction is active" not in str(caught.value)  # the real cause, not a failed ROLLBACK
    after = state(db)
    assert after["integrity"] == "ok" and after["no_doc"] == 0
    assert after["articles"] == after["distinct"] == after["indexed"]
    assert after["articles"] >= before["articles"]  # nothing stored before is gone
    ingest(db, more)  # room again: the same command finishes the job
    done = state(db)
    assert done["articles"] == done["distinct"] == done["indexed"] == len(ids(tmp_path / "first") | ids(more))
    assert done["integrity"] == "ok"


def test_locked_database_waits_then_fails_clearly(tmp_path: Path, stored: tuple[Path, dict[str, Any]]) -> None:
    db, before = stored
    more = tmp_path / "more"
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="locked: another process is writing"):
            ingest(db, more)
        assert time.monotonic() - started >= 4.5  # it waited (busy timeout) before giving up
    finally:
        holder.execute("ROLLBACK")
    assert state(db) == before
    # a writer that lets go within the busy timeout only delays the ingest
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: holder.execute("ROLLBACK")).start()
    report = ingest(db, more)
    holder.close()
    assert report.write.inserted == len(ids(more)) and state(db)["integrity"] == "ok"


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a file or a folder) made unwritable, for root too (the immutable attribute), or the test skipped."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("root without chattr +i (CAP_LINUX_IMMUTABLE): no way to make a file read-only here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def cli_ingest(folder: Path, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--workers", "1"])
    return result.exit_code, result.stderr


def assert_one_clear_line(code: int, stderr: str, fragment: str) -> None:
    assert code == 1, stderr
    assert stderr.startswith("Error: [W004] ") and stderr.count("\n") == 1, stderr
    assert fragment in stderr and "internal error" not in stderr and "Traceback" not in stderr


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_database_is_a_clear_error(tmp_path: Path, stored: tuple[Path, dict[str, Any]], what: str) -> None:
    db, before = stored
    more = tmp_path / "more"
    original = digest(db)
    with read_only(db if what == "file" else db.parent):
        with pytest.raises(StoreError, match=r"read-only|must be writable"):
            ingest(db, more)
        code, stderr = cli_ingest(more, db)
    assert_one_clear_line(code, stderr, "read-only" if what == "file" else "must be writable")
    assert digest(db) == original and state(db) == before
    assert ingest(db, more).write.inserted == len(ids(more))  # writable again: the rerun completes


def test_corrupt_database_is_refused_and_left_as_it_was(tmp_path: Path, stored: tuple[Path, dict[str, Any]]) -> None:
    db, _ = stored
    more = tmp_path / "more"
    header, schema = tmp_path / "header.db", tmp_path / "schema.db"
    for path, at in ((header, 0), (schema, 100)):  # the file header; the schema page behind it
        data = bytearray(db.read_bytes())
        data[at : at + 400] = bytes(range(200)) * 2
        path.write_bytes(bytes(data))
    for path, fragment in ((header, "is not a SQLite database"), (schema, "is damaged")):
        original = digest(path)
        code, stderr = cli_ingest(more, path)
        assert_one_clear_line(code, stderr, fragment)
        assert digest(path) == original, "a failed open must not write to a damaged file"
