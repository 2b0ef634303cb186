"""Event locations are stored (schema v6 event_places) and survive in the document JSON (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.data import Actor, Article, Event, EventLocation, EventMode
from warta.store import Store, connect

pytestmark = pytest.mark.issue(12)


def _article() -> Article:
    loc = EventLocation("Ukraine", "UKR", 48.72, 32.66, "country", 0.95, feature_id="country:UKR", text="Ukraina")
    event = Event("MOBILIZE", EventMode.ASSERTED, "150", [Actor("Rusia", "RUS")], [], "mengerahkan",
                  "Rusia mengerahkan rudal di Ukraina.", 6, 17, location="Ukraina", event_loc=loc)  # fmt: skip
    no_place = Event("AID", EventMode.ASSERTED, "070", [Actor("AS", "USA")], [Actor("Ukraina", "UKR")], "membantu",
                     "AS membantu Ukraina.", 3, 11)  # fmt: skip
    return Article(id="a1", text="Rusia mengerahkan rudal di Ukraina. AS membantu Ukraina.", language="id",
                   events=[event, no_place])  # fmt: skip


def test_event_places_written(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.write([_article()])
    conn = connect(db, read_only=True)
    try:
        rows = conn.execute(
            "SELECT e.event, p.place, p.country, p.precision, p.feature_id FROM events e "
            "LEFT JOIN event_places p ON p.event_n = e.n ORDER BY e.n"
        ).fetchall()
        doc = json.loads(conn.execute("SELECT doc FROM articles").fetchone()[0])
    finally:
        conn.close()
    assert [tuple(r) for r in rows] == [
        ("MOBILIZE", "Ukraine", "UKR", "country", "country:UKR"),
        ("AID", None, None, None, None),
    ]
    assert doc["events"][0]["event_loc"]["lat"] == 48.72
    assert doc["events"][1]["event_loc"] is None
