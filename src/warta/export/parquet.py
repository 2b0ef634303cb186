"""Parquet tables (documents, entities, quotes, events, event actors, stories when present) for DuckDB, pandas,
Spark: one file per table in a folder, read with ``pandas.read_parquet(folder / "events.parquet")``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from warta.errors import MissingDependency
from warta.store import connect

#: table → query. Stories tables are exported only when the database has them.
TABLES: dict[str, str] = {
    "documents": "SELECT id, title, published, language, language_score, text, editor, url, domain, path, "
    "site_name, input, record, ingested, fetched, doc FROM articles ORDER BY n",
    "entities": 'SELECT article_id, text, label, start, "end", country, id FROM entities ORDER BY rowid',
    "quotes": 'SELECT article_id, text, start, "end", direct, cue, speaker, speaker_entity_id, role, affiliation '
    "FROM quotes ORDER BY n",
    "events": 'SELECT n AS event_id, article_id, event, mode, cameo, quad_class, intensity, context, trigger, '
    'sentence, start, "end", confidence, date, location FROM events ORDER BY n',
    "event_actors": "SELECT event_n AS event_id, role, text, country, sector, id FROM event_actors ORDER BY rowid",
    "rejected": "SELECT input, record, stage, reason, at FROM rejected ORDER BY id",
}
OPTIONAL = ("stories", "story_articles", "copies", "origins")


def export_parquet(db: str | Path, out: str | Path) -> dict[str, int]:
    """One ``<table>.parquet`` per table under ``out``; rows written per table."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingDependency("pyarrow", "parquet") from exc
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    conn = connect(db, read_only=True)
    try:
        queries = dict(TABLES)
        for name in OPTIONAL:
            if _exists(conn, name):
                queries[name] = f"SELECT * FROM {name}"
        counts: dict[str, int] = {}
        for name, sql in queries.items():
            cur = conn.execute(sql)
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
            data = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
            table = pa.table(data) if rows else pa.table({c: pa.array([], pa.string()) for c in columns})
            pq.write_table(table, folder / f"{name}.parquet")
            counts[name] = len(rows)
        return counts
    finally:
        conn.close()


def _exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
