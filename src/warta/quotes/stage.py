"""The quote stage: reported speech and who said it."""

from __future__ import annotations

import logging
from typing import ClassVar

from spacy.language import Language

from warta.data import Article
from warta.nlp import english
from warta.nlp.routing import ENGLISH, supported
from warta.pipeline.stage import Stage
from warta.quotes.attribute import find_quotes
from warta.quotes.english import find_english_quotes
from warta.quotes.parse import load_parser, subjects

log = logging.getLogger(__name__)

#: Languages the shipped parser was trained on; other texts get the rules alone.
PARSER_LANGUAGES = frozenset({"id", "ms"})


class QuoteStage(Stage):
    """Sets ``quotes``: direct and reported statements with cue and speaker.

    The dependency parse (when the trained model is installed and ``use_model``) finds the subjects of
    reporting verbs; without it — or if it fails — the rules alone run, so the stage never fails for want of it.
    """

    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __init__(self, use_model: bool = True, nlp: Language | None = None) -> None:
        super().__init__()
        self.use_model = use_model
        self._nlp = nlp
        self._tried = nlp is not None

    @property
    def nlp(self) -> Language | None:
        if not self._tried and self.use_model:
            self._tried = True  # one try per stage: a broken model must not cost a load per article
            self._nlp = load_parser()
        return self._nlp

    def process(self, article: Article) -> Article:
        if not supported(article.language):
            article.quotes = []  # no rules for this language: its note says so (warta.nlp.routing)
            return article
        if article.language in ENGLISH and self.use_model and (doc := english.parse(article.text)) is not None:
            article.quotes = find_english_quotes(article.text, article.entities, doc)
            self._count(article)
            return article
        subj = None
        if article.language in PARSER_LANGUAGES and self.nlp is not None:
            try:
                subj = subjects(self.nlp, article.text)
            except Exception as exc:  # the parse is a refinement; the rules still give an answer
                log.warning("parse failed for quotes (%s); using rules only", exc)
                self.stats["parse_errors"] += 1
        article.quotes = find_quotes(article.text, article.entities, subj)
        self._count(article)
        return article

    def _count(self, article: Article) -> None:
        self.stats["quotes"] += len(article.quotes)
        self.stats["direct"] += sum(q.direct for q in article.quotes)
        self.stats["attributed"] += sum(q.speaker is not None for q in article.quotes)
