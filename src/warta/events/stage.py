"""The event stage: who did what to whom, coded to PLOVER and CAMEO with a mode, and the commitments stated."""

from __future__ import annotations

import logging
from typing import ClassVar

from warta.data import Article
from warta.events.coder import code_events
from warta.events.commitments import commitments
from warta.events.english import code_english
from warta.events.syntax import SyntaxRoles
from warta.nlp import english
from warta.nlp.routing import ENGLISH, supported
from warta.pipeline.stage import Stage

log = logging.getLogger(__name__)


class EventStage(Stage):
    """Sets ``events`` (and ``commitments``) from triggers, participants, the parse when available, and mode cues.

    ``use_model=False`` (or a missing or broken model) codes roles from word order alone; the stage never fails
    for want of the model.
    """

    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "entities", "language"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events", "commitments"})

    def __init__(self, use_model: bool = True) -> None:
        super().__init__()
        self.syntax = SyntaxRoles() if use_model else None

    def process(self, article: Article) -> Article:
        if not supported(article.language):  # its note says so (warta.nlp.routing)
            article.events, article.commitments = [], []
            return article
        doc = english.parse(article.text) if article.language in ENGLISH and self.syntax else None
        if doc is not None:  # English with its pipeline: Phoenix patterns on the parse (warta.events.english)
            article.events = code_english(article.text, article.entities, doc, article.published)
            english.release(article.text)  # the last stage to read the English parse
        else:
            roles = self.syntax.finder(article.text, article.language) if self.syntax else None
            article.events = code_events(article.text, article.entities, article.language, article.published, roles)
        article.commitments = commitments(article.events)
        self.stats["events"] += len(article.events)
        self.stats["commitments"] += len(article.commitments)
        return article
