"""Issue 6 acceptance: the seed and a copy of it under another domain stay one article with two copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.ingest import read
from warta.pipeline.default import default_stages
from warta.pipeline.runner import Pipeline
from warta.query.stories import aggregate_events, related, stories, story
from warta.store import Store
from warta.stories.origin import OriginStage

SEED = Path(__file__).resolve().parents[2] / "examples" / "000_3634da77584c6100.txt"


def _copy_of_seed() -> str:
    """The seed as Media Indonesia's own page would carry it: other navigation, footer, no mirror domain."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[1:]).replace("Terkini Lainnya", "Berita Terpopuler\nKebijakan Privasi")
    return "mediaindonesia.com\n\nBeranda Politik Ekonomi Internasional\nMasuk | Daftar\n" + body


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("acceptance")
    (where / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (where / "copy.txt").write_text(_copy_of_seed(), encoding="utf-8")
    path = where / "w.db"
    with Store(path) as store:
        pipeline = Pipeline([OriginStage(), *default_stages()])
        report = store.write(pipeline.run(read([str(where / "seed.txt"), str(where / "copy.txt")])))
        assert report.inserted == 1 and report.copies + report.unchanged == 1
        # ingesting both again changes nothing
        again = store.write(pipeline.run(read([str(where / "seed.txt"), str(where / "copy.txt")])))
        assert again.inserted == 0
        assert store.count("articles") == 1
        assert store.count("copies") == 2
    return path


@pytest.mark.issue(6)
def test_seed_and_its_copy_are_one_article_with_two_copies(db: Path) -> None:
    (only,) = stories(db)
    assert only.articles == 1 and only.copies == 2 and only.sources == 1
    detail = story(db, only.id)
    (article,) = detail.articles
    assert article.publisher == "Media Indonesia"
    assert article.credited_to == ["BBC"]
    assert {c["domain"] for c in article.copies} == {"visitaaponce.com", "mediaindonesia.com"}


@pytest.mark.issue(6)
def test_seed_events_are_counted_once(db: Path) -> None:
    detail = story(db, stories(db)[0].id)
    assert detail.events
    for event in detail.events:
        assert event.articles == 1 and event.sources == 1
        assert event.copies == 2  # carried by two copies, counted once
    with Store(db) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles")]
        assert sum(e.mentions for e in aggregate_events(store.conn, ids)) == store.count("events")


def test_a_copy_id_resolves_to_its_article(db: Path) -> None:
    with Store(db) as store:
        (copy_id,) = [r[0] for r in store.conn.execute("SELECT copy_id FROM copies WHERE kind != 'original'")]
    assert related(db, copy_id) == []
