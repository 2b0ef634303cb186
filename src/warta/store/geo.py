"""The event_places table: where each event happened (one row per located event), and its writes."""

from __future__ import annotations

import sqlite3

from warta.data import EventLocation

#: Events coded before this migration have no row; re-ingest to locate them.
GEO_SQL = """
CREATE TABLE event_places (
    event_n     INTEGER PRIMARY KEY REFERENCES events(n) ON DELETE CASCADE,
    place       TEXT NOT NULL,
    admin1      TEXT,
    admin2      TEXT,
    admin1_code TEXT,
    country     TEXT,                      -- ISO 3166-1 alpha-3
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    precision   TEXT NOT NULL,             -- country, region, city, point
    confidence  REAL NOT NULL,
    feature_id  TEXT,                      -- gazetteer key: geonames:524901, region:ID.30, country:IDN
    text        TEXT
);
CREATE INDEX event_places_country ON event_places(country);
"""


def insert_event_place(conn: sqlite3.Connection, event_n: int, loc: EventLocation) -> None:
    """Write one event's location."""
    conn.execute(
        "INSERT INTO event_places (event_n, place, admin1, admin2, admin1_code, country, lat, lon, precision, "
        "confidence, feature_id, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event_n, loc.place, loc.admin1, loc.admin2, loc.admin1_code, loc.country, loc.lat, loc.lon, loc.precision,
         loc.confidence, loc.feature_id, loc.text),
    )  # fmt: skip
