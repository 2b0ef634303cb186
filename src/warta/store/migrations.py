"""Numbered schema migrations, applied in order, each in its own transaction, tracked in ``PRAGMA user_version``.

Append new migrations; never edit one that has shipped (databases in the wild have already run it).
"""

from __future__ import annotations

import sqlite3

from warta.errors import StoreError
from warta.store.events import EVENTS_SQL
from warta.store.geo import GEO_SQL
from warta.store.runs import RUNS_SQL
from warta.store.stories import COPY_PAGES_SQL, STORIES_SQL
from warta.store.watch import WATCH_SQL

V1 = """
CREATE TABLE articles (
    -- a stable integer key for FTS5 (content_rowid); an implicit rowid could be renumbered by VACUUM
    n              INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,      -- content id (warta.data.content_id or the input's own id)
    title          TEXT,
    published      TEXT,
    language       TEXT,
    language_score REAL,
    text           TEXT NOT NULL DEFAULT '',
    editor         TEXT,
    url            TEXT,
    domain         TEXT,
    path           TEXT,
    site_name      TEXT,
    doc            TEXT NOT NULL CHECK (json_valid(doc)),  -- the whole document, schema v1 JSON
    input          TEXT,                      -- provenance: which input,
    record         TEXT,                      -- which record in it,
    ingested       TEXT NOT NULL,             -- and when Warta read it (ISO 8601, UTC)
    fetched        TEXT
);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_domain ON articles(domain);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    country    TEXT,
    id         TEXT
);
CREATE INDEX entities_article ON entities(article_id);
CREATE INDEX entities_label_text ON entities(label, text);
CREATE INDEX entities_country ON entities(country);

CREATE TABLE credits (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    name       TEXT NOT NULL
);
CREATE INDEX credits_article ON credits(article_id);

CREATE TABLE related (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    url        TEXT
);
CREATE INDEX related_article ON related(article_id);

CREATE TABLE rejected (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    input  TEXT NOT NULL,
    record TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL,
    UNIQUE (input, record, stage, reason)      -- re-ingesting the same bad input adds nothing
);

-- External-content FTS5 index: the text is stored once (in articles), triggers keep the index in step.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='n',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;
"""

V2 = """
CREATE TABLE quotes (
    n                 INTEGER PRIMARY KEY,       -- stable key for the FTS5 index
    article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text              TEXT NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    direct            INTEGER NOT NULL,          -- 1: between quotation marks, 0: reported speech
    cue               TEXT,
    speaker           TEXT,
    speaker_entity_id TEXT,
    role              TEXT,
    affiliation       TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity_id);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.n, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.n, old.text);
END;

-- Documents stored before v2 keep their quotes in the doc JSON: copy them into the table.
INSERT INTO quotes (article_id, text, start, "end", direct, cue, speaker, speaker_entity_id, role, affiliation)
SELECT a.id, json_extract(q.value, '$.text'), json_extract(q.value, '$.start'), json_extract(q.value, '$.end'),
       coalesce(json_extract(q.value, '$.direct'), 0), json_extract(q.value, '$.cue'),
       json_extract(q.value, '$.speaker.text'), json_extract(q.value, '$.speaker.entity_id'),
       json_extract(q.value, '$.speaker.role'), json_extract(q.value, '$.speaker.affiliation')
FROM articles AS a, json_each(a.doc, '$.quotes') AS q
WHERE json_extract(q.value, '$.text') IS NOT NULL;
"""

#: (version, SQL) in order. Version N brings a database from N-1 to N.
MIGRATIONS: list[tuple[int, str]] = [
    (1, V1),
    (2, V2),
    (3, EVENTS_SQL),
    (4, RUNS_SQL),
    (5, STORIES_SQL),
    (6, GEO_SQL),
    (7, COPY_PAGES_SQL),
    (8, WATCH_SQL),
]

LATEST = MIGRATIONS[-1][0]


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies hold ``;`` too, so a plain split won't do)."""
    out: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in migration: {current.strip()[:60]!r}")
    return out


def version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0 for a new, empty one)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: list[tuple[int, str]] = MIGRATIONS) -> int:
    """Apply the migrations the database has not run yet; return the resulting version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that each migration is exactly one explicit
    transaction. ``BEGIN IMMEDIATE`` takes the write lock before re-reading the version, so two processes opening
    a new file at once cannot both apply the same migration.
    """
    latest = migrations[-1][0] if migrations else 0
    if version(conn) > latest:
        raise StoreError(
            f"database schema version {version(conn)} is newer than this Warta knows ({latest}); upgrade Warta"
        )
    for number, sql in migrations:
        if version(conn) >= number:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) >= number:  # another process got here first
                conn.execute("ROLLBACK")
                continue
            for statement in statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version(conn)
