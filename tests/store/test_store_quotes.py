from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from warta.data import Article, Quote, Speaker
from warta.store import SCHEMA_VERSION, Store
from warta.store.migrations import MIGRATIONS, migrate

pytestmark = pytest.mark.issue(5)


def _article() -> Article:
    text = "“Kita harus siap,” kata Lee."
    quote = Quote("Kita harus siap", 1, 16, True, "kata", Speaker("Rachel Lee", "x:1", "peneliti", "Stimson Center"))
    return Article(id="a1", text=text, quotes=[quote], language="id")


def test_quotes_are_written_with_their_speaker(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        assert store.version == SCHEMA_VERSION >= 2
        store.write([_article()])
        row = store.conn.execute(
            'SELECT article_id, text, start, "end", direct, cue, speaker, speaker_entity_id, role, affiliation '
            "FROM quotes"
        ).fetchone()
        assert row == ("a1", "Kita harus siap", 1, 16, 1, "kata", "Rachel Lee", "x:1", "peneliti", "Stimson Center")
        assert store.count("quotes") == 1
        hits = store.conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'siap'").fetchall()
        assert len(hits) == 1


def test_v1_database_gets_its_quotes_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:1])
    doc = _article().to_dict()
    conn.execute(
        "INSERT INTO articles (id, text, doc, ingested) VALUES (?, ?, ?, ?)",
        ("a1", doc["text"], json.dumps(doc), "2024-01-01T00:00:00+00:00"),
    )
    conn.close()
    with Store(path) as store:
        assert store.version >= 2  # later migrations (3: events) run too
        assert store.conn.execute("SELECT speaker, direct FROM quotes").fetchall() == [("Rachel Lee", 1)]
