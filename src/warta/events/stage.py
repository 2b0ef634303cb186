"""The event stage: who did what to whom, coded to PLOVER and CAMEO with a mode."""

from __future__ import annotations

from typing import ClassVar

from warta.data import Article
from warta.events.coder import code_events
from warta.pipeline.stage import Stage


class EventStage(Stage):
    """Sets ``events`` from triggers, the entities around them and mode cues."""

    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "entities", "language"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})

    def process(self, article: Article) -> Article:
        article.events = code_events(article.text, article.entities, article.language)
        self.stats["events"] += len(article.events)
        return article
