"""The quote stage: reported speech and who said it."""

from __future__ import annotations

from typing import ClassVar

from warta.data import Article
from warta.pipeline.stage import Stage
from warta.quotes.direct import find_direct_quotes


class QuoteStage(Stage):
    """Sets ``quotes`` with direct quotes and their speakers."""

    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def process(self, article: Article) -> Article:
        article.quotes = find_direct_quotes(article.text, article.entities)
        self.stats["quotes"] += len(article.quotes)
        return article
