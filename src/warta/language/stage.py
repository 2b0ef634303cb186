"""The language stage: ISO 639-1 code and score for every article."""

from __future__ import annotations

from typing import ClassVar

from warta.data import Article
from warta.language.identify import identify
from warta.pipeline.stage import Stage
from warta.settings import DEFAULTS, Settings

# Below this probability the identifier is guessing; a hint (from the input or the settings) is better.
CONFIDENT = 0.5


class LanguageStage(Stage):
    """Sets ``language`` and ``language_score``; a declared language wins when the identifier is unsure."""

    name: ClassVar[str] = "language"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"language", "language_score"})

    def __init__(self, settings: Settings = DEFAULTS) -> None:
        super().__init__()
        self.hint = settings.language_hint

    def process(self, article: Article) -> Article:
        declared = article.language or self.hint  # extract copies a JSONL/HTML-declared language here
        found = identify(f"{article.title or ''}\n{article.text}", domain=article.source.domain)
        if declared and (found.language == "und" or found.score < CONFIDENT):
            article.language, article.language_score = declared.split("-")[0].lower(), found.score
        else:
            article.language, article.language_score = found.language, found.score
        self.stats[f"lang:{article.language}"] += 1
        return article
