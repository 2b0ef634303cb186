"""The geo stage on the seed: locations only where the text says where (issue 12 acceptance)."""

from __future__ import annotations

import pytest

from warta.data import Article
from warta.events.stage import EventStage
from warta.geo import GeoStage
from warta.nlp.stage import EntityStage

pytestmark = pytest.mark.issue(12)


def test_seed_events_are_located_only_where_the_text_says(seed_text: str) -> None:
    article = Article(id="seed", text=seed_text, language="id")
    stages = [EntityStage(use_model=False), EventStage(use_model=False), GeoStage()]
    items: list[Article] = [article]
    for stage in stages:
        items = list(stage.run(items))  # type: ignore[arg-type]
    (out,) = items
    located = {(e.event, e.event_loc.place, e.event_loc.precision) for e in out.events if e.event_loc}
    assert ("AID", "Semenanjung Korea", "region") in located
    assert ("CONSULT", "Russia", "country") in located  # "bertemu di Rusia pada September"
    assert ("MOBILIZE", "Ukraine", "country") in located  # "mengerahkan rudal Korea Utara di Ukraina"
    assert len(located) == 3  # the rest say nothing of where: no location is invented from the actors
    korea = next(e.event_loc for e in out.events if e.event_loc and e.event_loc.place == "Semenanjung Korea")
    assert korea.country is None  # the peninsula is two countries


def test_default_pipeline_places_geo_after_events() -> None:
    from warta.pipeline.default import default_stages

    names = [s.name for s in default_stages()]
    assert names.index("geo") == names.index("events") + 1
