from __future__ import annotations

from pathlib import Path

from warta.data import Actor, Article, Commitment, Event, EventMode, Provenance
from warta.store import SCHEMA_VERSION, Store


def test_events_and_commitments_are_written(tmp_path: Path) -> None:
    rus, prk = Actor("Putin", "RUS", "GOV"), Actor("Kim", "PRK", "GOV")
    article = Article(
        id="a1",
        text="t",
        provenance=Provenance(input="x"),
        events=[Event("SUPPORT", EventMode.ASSERTED, "057", [rus, prk], [rus, prk], "meneken", "s", 0, 1)],
        commitments=[
            Commitment("mutual_defence", [rus, prk], [rus, prk], True, EventMode.ASSERTED, "meneken", "s", 0, 1)
        ],
    )
    with Store(tmp_path / "e.db") as store:
        assert store.version == SCHEMA_VERSION >= 3
        store.write([article])
        store.write([article])  # the same document again adds nothing
        assert store.count("events") == 1 and store.count("commitments") == 1
        parties = store.conn.execute("SELECT role, country FROM event_actors ORDER BY rowid").fetchall()
        assert parties == [("actor", "RUS"), ("actor", "PRK"), ("recipient", "RUS"), ("recipient", "PRK")]
        store.conn.execute("DELETE FROM articles")
        assert store.count("events") == 0  # cascades with the article
        assert store.conn.execute("SELECT count(*) FROM commitment_parties").fetchone()[0] == 0
