"""Database summary: documents, languages, domains, entities and rejections by reason."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from warta.errors import StoreError
from warta.query import Count, EntityCount, RejectionCount, stats
from warta.store import SCHEMA_VERSION, Store


def test_counts(db: Path) -> None:
    s = stats(db)
    assert (s.documents, s.rejected, s.entities) == (3, 3, 8)
    assert s.by_language == [Count("id", 2), Count("en", 1)]
    assert {c.value for c in s.by_domain} == {"kompas.com", "detik.com", "bbc.com"}
    assert s.entities_by_label == [Count("GPE", 5), Count("PER", 3)]
    assert s.top_entities[0] == EntityCount("Putin", "PER", "RUS", 2)
    assert s.rejections == [
        RejectionCount("ingest", "binary file", 2),
        RejectionCount("extract", "no article text", 1),
    ]
    assert s.schema_version == SCHEMA_VERSION
    assert s.size_bytes > 0
    assert s.first_ingested is not None and s.first_ingested <= (s.last_ingested or "")


def test_top_caps_the_long_lists(db: Path) -> None:
    s = stats(db, top=1)
    assert len(s.by_domain) == len(s.top_entities) == len(s.rejections) == 1
    assert len(s.by_language) == 2  # languages are always all listed


def test_to_dict_is_json_ready(db: Path) -> None:
    import json

    data = stats(db).to_dict()
    assert json.loads(json.dumps(data))["documents"] == 3


def test_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    Store(path).close()
    s = stats(path)
    assert (s.documents, s.rejected, s.entities, s.by_language, s.rejections) == (0, 0, 0, [], [])


def test_plain_sqlite_file_is_not_a_warta_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="not a Warta database"):
        stats(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        stats(path)
