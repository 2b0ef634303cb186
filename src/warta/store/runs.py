"""Runs and finished shards: what each ``warta ingest`` did, and which input files need not be read again."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

#: Schema for run records and the resume ledger. A shard is one input file, known by its absolute path, size
#: and modification time: a file that changed since is read again.
RUNS_SQL = """
CREATE TABLE runs (
    id        INTEGER PRIMARY KEY,
    started   TEXT NOT NULL,
    finished  TEXT,                           -- NULL while running, or when the run was killed
    engine    TEXT NOT NULL,                  -- local, ray, load
    workers   INTEGER NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    shards    INTEGER NOT NULL DEFAULT 0,     -- input files read in this run
    skipped   INTEGER NOT NULL DEFAULT 0,     -- input files finished by an earlier run
    documents INTEGER NOT NULL DEFAULT 0,
    inserted  INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected  INTEGER NOT NULL DEFAULT 0,
    seconds   REAL,
    stats     TEXT CHECK (stats IS NULL OR json_valid(stats))  -- per-stage counters and seconds, rejections
);

CREATE TABLE shards (
    path      TEXT PRIMARY KEY,               -- absolute path of the input file
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    run_id    INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    documents INTEGER NOT NULL,               -- documents the file gave (new or already stored)
    rejected  INTEGER NOT NULL,
    finished  TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class ShardKey:
    """An input file as the resume ledger knows it."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class DoneShard:
    """A finished shard's counts, added to a rerun's totals when it is skipped."""

    documents: int
    rejected: int


def start_run(conn: sqlite3.Connection, *, engine: str, workers: int, at: str) -> int:
    cur = conn.execute(
        "INSERT INTO runs (started, engine, workers, status) VALUES (?, ?, ?, 'running')", (at, engine, workers)
    )
    return int(cur.lastrowid or 0)


def finish_run(
    conn: sqlite3.Connection, run_id: int, *, status: str, at: str, counts: dict[str, int], seconds: float,
    stats: dict[str, Any],
) -> None:  # fmt: skip
    conn.execute(
        "UPDATE runs SET finished = ?, status = ?, shards = ?, skipped = ?, documents = ?, inserted = ?, "
        "unchanged = ?, rejected = ?, seconds = ?, stats = ? WHERE id = ?",
        (
            at, status, counts.get("shards", 0), counts.get("skipped", 0), counts.get("documents", 0),
            counts.get("inserted", 0), counts.get("unchanged", 0), counts.get("rejected", 0), round(seconds, 3),
            json.dumps(stats, ensure_ascii=False), run_id,
        ),
    )  # fmt: skip


def done_shard(conn: sqlite3.Connection, key: ShardKey) -> DoneShard | None:
    """The recorded counts when this exact file (same size and mtime) was finished before, else ``None``."""
    row = conn.execute(
        "SELECT documents, rejected FROM shards WHERE path = ? AND size = ? AND mtime_ns = ?",
        (key.path, key.size, key.mtime_ns),
    ).fetchone()
    return DoneShard(int(row[0]), int(row[1])) if row else None


def mark_shard(
    conn: sqlite3.Connection, key: ShardKey, *, run_id: int | None, documents: int, rejected: int, at: str
) -> None:
    """Record a finished shard (replacing an older record of the same path)."""
    conn.execute(
        "INSERT OR REPLACE INTO shards (path, size, mtime_ns, run_id, documents, rejected, finished) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (key.path, key.size, key.mtime_ns, run_id, documents, rejected, at),
    )


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One row of ``runs``."""

    id: int
    started: str
    finished: str | None
    engine: str
    workers: int
    status: str
    shards: int
    skipped: int
    documents: int
    inserted: int
    unchanged: int
    rejected: int
    seconds: float | None
    stats: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def list_runs(conn: sqlite3.Connection, limit: int = 10) -> list[RunRecord]:
    """The latest runs, newest first."""
    rows = conn.execute(
        "SELECT id, started, finished, engine, workers, status, shards, skipped, documents, inserted, unchanged, "
        "rejected, seconds, stats FROM runs ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    names = ("id", "started", "finished", "engine", "workers", "status", "shards", "skipped", "documents", "inserted",
             "unchanged", "rejected", "seconds")  # fmt: skip
    return [
        RunRecord(**dict(zip(names, row[:13], strict=True)), stats=json.loads(row[13]) if row[13] else {})
        for row in rows
    ]
