"""A summary of what a database holds and what was rejected, and why."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.query.db import reader
from warta.store.migrations import version


@dataclass(frozen=True, slots=True)
class Count:
    """A value and how often it occurs."""

    value: str | None
    count: int


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity (text and label, with its country when known) and in how many mentions it occurs."""

    text: str
    label: str
    country: str | None
    count: int


@dataclass(frozen=True, slots=True)
class RejectionCount:
    """How many inputs one stage rejected for one reason."""

    stage: str
    reason: str
    count: int


@dataclass(frozen=True, slots=True)
class Stats:
    """What :func:`stats` reports."""

    path: str
    schema_version: int
    size_bytes: int  # the database file plus its write-ahead log
    documents: int
    rejected: int
    entities: int
    by_language: list[Count] = field(default_factory=list)
    by_domain: list[Count] = field(default_factory=list)
    entities_by_label: list[Count] = field(default_factory=list)
    top_entities: list[EntityCount] = field(default_factory=list)
    rejections: list[RejectionCount] = field(default_factory=list)
    first_ingested: str | None = None
    last_ingested: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _counts(conn: sqlite3.Connection, sql: str, limit: int) -> list[Count]:
    return [Count(r[0], int(r[1])) for r in conn.execute(sql, (limit,))]


def stats(db_path: str | Path, top: int = 10) -> Stats:
    """Counts of documents (by language, by domain), entities (by label, most frequent) and rejections by reason.

    ``top`` caps the domain, entity and rejection-reason lists (languages and labels are always all listed).
    """
    path = Path(db_path)
    with reader(path) as conn:
        row = conn.execute("SELECT count(*), min(ingested), max(ingested) FROM articles").fetchone()
        documents, first, last = row
        rejected = int(conn.execute("SELECT count(*) FROM rejected").fetchone()[0])
        entities = int(conn.execute("SELECT count(*) FROM entities").fetchone()[0])
        by_language = _counts(
            conn, "SELECT language, count(*) AS c FROM articles GROUP BY language ORDER BY c DESC, 1 LIMIT ?", -1
        )
        by_domain = _counts(
            conn, "SELECT domain, count(*) AS c FROM articles GROUP BY domain ORDER BY c DESC, 1 LIMIT ?", top
        )
        by_label = _counts(
            conn, "SELECT label, count(*) AS c FROM entities GROUP BY label ORDER BY c DESC, 1 LIMIT ?", -1
        )
        top_entities = [
            EntityCount(r[0], r[1], r[2], int(r[3]))
            for r in conn.execute(
                """SELECT text, label, max(country), count(*) AS c FROM entities
                   GROUP BY text, label ORDER BY c DESC, text LIMIT ?""",
                (top,),
            )
        ]
        rejections = [
            RejectionCount(r[0], r[1], int(r[2]))
            for r in conn.execute(
                """SELECT stage, reason, count(*) AS c FROM rejected
                   GROUP BY stage, reason ORDER BY c DESC, stage, reason LIMIT ?""",
                (top,),
            )
        ]
        schema = version(conn)
    wal = path.with_name(path.name + "-wal")
    size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    return Stats(
        path=str(path),
        schema_version=schema,
        size_bytes=size,
        documents=int(documents),
        rejected=rejected,
        entities=entities,
        by_language=by_language,
        by_domain=by_domain,
        entities_by_label=by_label,
        top_entities=top_entities,
        rejections=rejections,
        first_ingested=first,
        last_ingested=last,
    )
