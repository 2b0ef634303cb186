"""The default stage list, in order. Imports are local so that ``warta extract`` loads only what it runs."""

from __future__ import annotations

from warta.pipeline.runner import Pipeline
from warta.pipeline.stage import Stage
from warta.settings import DEFAULTS, Settings


def default_stages(settings: Settings = DEFAULTS) -> list[Stage]:
    """origin → extract → language → nlp → entities → quotes → events → geo."""
    from warta.events import EventStage
    from warta.extract import ExtractStage
    from warta.geo import GeoStage
    from warta.language import LanguageStage
    from warta.nlp import EntityStage
    from warta.nlp.analysis import AnalysisStage
    from warta.quotes import QuoteStage
    from warta.stories.origin import OriginStage

    return [
        OriginStage(),  # reads publisher clues from the raw page before extraction drops them
        ExtractStage(settings),
        LanguageStage(settings),
        AnalysisStage(),  # the trained model once per document, in batches; the next three stages read its work
        EntityStage(),
        QuoteStage(),
        EventStage(),
        GeoStage(),
    ]


def build_pipeline(settings: Settings = DEFAULTS) -> Pipeline:
    """The checked default pipeline."""
    return Pipeline(default_stages(settings))
