"""The local runner: shards over processes, one writer, per-stage counters, resume."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from warta.pipeline.local import LocalRunner, RunProgress, reason_key
from warta.pipeline.worker import extract_factory
from warta.settings import Settings
from warta.store import Store
from warta.store.runs import list_runs

pytestmark = pytest.mark.issue(8)


def tables(db: Path) -> dict[str, object]:
    """What a run leaves, independent of row order and timestamps."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(conn.execute("SELECT id, title, text, language, input, record FROM articles")),
            "rejected": sorted(conn.execute("SELECT input, record, stage, reason FROM rejected")),
            "entities": sorted(conn.execute('SELECT article_id, text, label, start, "end" FROM entities')),
            "shards": conn.execute("SELECT count(*) FROM shards").fetchone()[0],
        }
    finally:
        conn.close()


def ingest(db: Path, paths: list[str], **kwargs: object) -> object:
    with Store(db) as store:
        return LocalRunner(store, factory=extract_factory, **kwargs).run(paths)  # type: ignore[arg-type]


def test_in_process_run_counts_and_records_shards(tmp_path: Path, make_shards: Callable[..., Path]) -> None:
    folder = make_shards(tmp_path / "in", shards=3, docs=10)
    progress: list[RunProgress] = []
    with Store(tmp_path / "a.db") as store:
        report = LocalRunner(store, workers=1, factory=extract_factory, on_progress=progress.append).run([str(folder)])
        (run,) = list_runs(store.conn)
    assert (report.shards, report.skipped, report.workers) == (3, 0, 1)
    assert report.write.inserted == 26 and report.write.rejected == 4  # every 7th of 30 lines is not JSON
    assert run.status == "done" and run.inserted == 26 and run.shards == 3
    assert run.stats["stages"]["extract"]["ok"] == 26 and run.stats["stages"]["read"]["inputs"] == 3
    assert all(stage["seconds"] >= 0 for stage in run.stats["stages"].values())
    assert run.stats["rejections"] == {"ingest: invalid JSON": 4}
    assert progress[-1].files_done == 3 and progress[-1].documents == 26
    assert tables(tmp_path / "a.db")["shards"] == 3


def test_rerun_skips_finished_shards_and_counts_them_as_unchanged(
    tmp_path: Path, make_shards: Callable[..., Path]
) -> None:
    folder = make_shards(tmp_path / "in", shards=3, docs=10)
    db = tmp_path / "a.db"
    ingest(db, [str(folder)], workers=1)
    before = tables(db)
    again = ingest(db, [str(folder)], workers=1)
    assert (again.shards, again.skipped) == (0, 3)  # type: ignore[attr-defined]
    assert (again.write.inserted, again.write.unchanged, again.write.rejected) == (0, 26, 4)  # type: ignore[attr-defined]
    assert tables(db) == before
    # a file that changed is read again; the rest stay skipped
    changed = folder / "shard-001.jsonl"
    late = '{"id": "late", "text": "Kabar terbaru dari Medan hari ini."}\n'
    changed.write_text(changed.read_text(encoding="utf-8") + late, encoding="utf-8")
    third = ingest(db, [str(folder)], workers=1)
    assert (third.shards, third.skipped, third.write.inserted) == (1, 2, 1)  # type: ignore[attr-defined]
    # --no-resume reads everything and changes nothing
    fourth = ingest(db, [str(folder)], workers=1, resume=False)
    assert (fourth.shards, fourth.write.inserted, fourth.write.unchanged) == (3, 0, 27)  # type: ignore[attr-defined]


def test_pool_gives_the_same_database_as_one_process(tmp_path: Path, make_shards: Callable[..., Path]) -> None:
    folder = make_shards(tmp_path / "in", shards=5, docs=8)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest(one, [str(folder), str(tmp_path / "missing")], workers=1)
    report = ingest(two, [str(folder), str(tmp_path / "missing")], workers=2)
    assert report.workers == 2  # type: ignore[attr-defined]
    assert len(report.peak_rss_mb) == 2  # type: ignore[attr-defined]
    assert tables(one) == tables(two)
    assert ("ingest", "no such file or directory") in {(r[2], r[3]) for r in tables(two)["rejected"]}  # type: ignore[attr-defined]


def test_without_workers_small_inputs_stay_in_process(tmp_path: Path, make_shards: Callable[..., Path]) -> None:
    folder = make_shards(tmp_path / "in", shards=3, docs=2)
    assert ingest(tmp_path / "a.db", [str(folder)]).workers == 1  # type: ignore[attr-defined]


def test_stdin_is_read_in_process_and_not_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    line = b'{"id": "s1", "text": "Kabar dari Palu hari ini."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line)))
    report = ingest(tmp_path / "a.db", ["-"], workers=2, input_format=None)
    assert report.write.inserted == 1  # type: ignore[attr-defined]
    assert tables(tmp_path / "a.db")["shards"] == 0


def test_reason_key_cuts_specifics() -> None:
    from warta.data import Rejection

    assert reason_key(Rejection("a", "page too large: 123 bytes > 5", "ingest")) == "ingest: page too large"
    assert reason_key(Rejection("a", "empty input", "ingest")) == "ingest: empty input"


def test_batch_size_is_the_chunk(tmp_path: Path, make_shards: Callable[..., Path]) -> None:
    folder = make_shards(tmp_path / "in", shards=1, docs=10)
    batches: list[int] = []
    with Store(tmp_path / "a.db") as store:
        LocalRunner(
            store, Settings(batch_size=4), workers=1, factory=extract_factory,
            on_batch=lambda r: batches.append(r.inserted + r.rejected),
        ).run([str(folder)])  # fmt: skip
    assert batches == [4, 4, 2]
    assert os.path.exists(tmp_path / "a.db")
