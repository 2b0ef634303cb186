"""The events and commitments tables: their migration SQL and the rows one article writes."""

from __future__ import annotations

import sqlite3

from warta.data import Actor, Article
from warta.store.geo import insert_event_place

#: Schema for coded events and commitments (participants in their own tables, one row per actor and role).
#: Documents stored before this migration keep their events in the doc JSON only; re-ingest to index them.
EVENTS_SQL = """
CREATE TABLE events (
    n              INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event          TEXT NOT NULL,             -- PLOVER type
    mode           TEXT NOT NULL,             -- asserted, alleged, hypothetical, future, negated
    cameo          TEXT,
    quad_class     INTEGER,
    intensity      REAL,
    context        TEXT,
    trigger        TEXT NOT NULL,
    sentence       TEXT NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence_start INTEGER,
    sentence_end   INTEGER,
    confidence     REAL NOT NULL,
    date           TEXT,                      -- when the text says it happened (ISO 8601, maybe partial)
    location       TEXT
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_event ON events(event);

CREATE TABLE event_actors (
    event_n  INTEGER NOT NULL REFERENCES events(n) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    text     TEXT NOT NULL,
    country  TEXT,
    sector   TEXT,
    id       TEXT
);
CREATE INDEX event_actors_event ON event_actors(event_n);
CREATE INDEX event_actors_country ON event_actors(role, country);

CREATE TABLE commitments (
    n          INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,                 -- mutual_defence, military_aid, non_aggression, consultation, trade…
    mutual     INTEGER NOT NULL,
    mode       TEXT NOT NULL,
    trigger    TEXT NOT NULL,
    sentence   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    date       TEXT
);
CREATE INDEX commitments_article ON commitments(article_id);

CREATE TABLE commitment_parties (
    commitment_n INTEGER NOT NULL REFERENCES commitments(n) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('party', 'beneficiary')),
    text         TEXT NOT NULL,
    country      TEXT,
    sector       TEXT,
    id           TEXT
);
CREATE INDEX commitment_parties_commitment ON commitment_parties(commitment_n);
CREATE INDEX commitment_parties_country ON commitment_parties(country);
"""


def _actor_rows(n: int, role: str, actors: list[Actor]) -> list[tuple[object, ...]]:
    return [(n, role, a.text, a.country, a.sector, a.id) for a in actors]


def insert_events(conn: sqlite3.Connection, article: Article) -> None:
    """Write the article's events and commitments with their participants."""
    for e in article.events:
        cur = conn.execute(
            'INSERT INTO events (article_id, event, mode, cameo, quad_class, intensity, context, trigger, sentence, '
            'start, "end", sentence_start, sentence_end, confidence, date, location) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id, e.event, str(e.mode), e.cameo, e.quad_class, e.intensity, e.context, e.trigger,
                e.sentence, e.start, e.end, e.sentence_start, e.sentence_end, e.confidence, e.date, e.location,
            ),
        )  # fmt: skip
        n = int(cur.lastrowid or 0)
        if e.event_loc is not None:
            insert_event_place(conn, n, e.event_loc)
        conn.executemany(
            "INSERT INTO event_actors (event_n, role, text, country, sector, id) VALUES (?, ?, ?, ?, ?, ?)",
            _actor_rows(n, "actor", e.actor) + _actor_rows(n, "recipient", e.recipient),
        )
    for c in article.commitments:
        cur = conn.execute(
            'INSERT INTO commitments (article_id, kind, mutual, mode, trigger, sentence, start, "end", date) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, c.kind, int(c.mutual), str(c.mode), c.trigger, c.sentence, c.start, c.end, c.date),
        )
        n = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO commitment_parties (commitment_n, role, text, country, sector, id) VALUES (?, ?, ?, ?, ?, ?)",
            _actor_rows(n, "party", c.parties) + _actor_rows(n, "beneficiary", c.beneficiaries),
        )
