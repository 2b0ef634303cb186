"""The entity stage: named entities in the article text, linked where the gazetteer knows them."""

from __future__ import annotations

from typing import ClassVar

from warta.data import Article
from warta.nlp.gazetteer import Gazetteer, default_gazetteer
from warta.pipeline.stage import Stage


class EntityStage(Stage):
    """Sets ``entities``: gazetteer mentions of countries, places, leaders and organisations."""

    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "language"})
    assigns: ClassVar[frozenset[str]] = frozenset({"entities"})

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        # built on first use, so constructing a pipeline stays cheap (``--help``, order checks)
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def process(self, article: Article) -> Article:
        article.entities = self.gazetteer.find(article.text, article.language)
        self.stats["entities"] += len(article.entities)
        return article
