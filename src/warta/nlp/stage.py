"""The entity stage: named entities in the article text, linked where the gazetteer knows them.

With the trained Indonesian pipeline installed (``warta/nlp/model/``), its NER finds any person, organisation or
place and the gazetteer links what it knows (:mod:`warta.nlp.merge`); without it, the gazetteer alone runs.
Texts go through ``nlp.pipe`` in segments of whole paragraphs, so a giant page costs bounded memory; in the default
pipeline the ``nlp`` stage has done so already for the whole batch (:mod:`warta.nlp.analysis`) and its entities are
taken as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc

from warta.data import Article, Entity, Item
from warta.nlp.analysis import PARSE_CHARS, doc_entities, lookup, segments
from warta.nlp.gazetteer import Gazetteer, default_gazetteer
from warta.nlp.merge import merge_entities
from warta.nlp.model_loader import entity_components, load_nlp, model_available
from warta.nlp.routing import routed_entities
from warta.pipeline.stage import Stage, chunks

log = logging.getLogger(__name__)

#: Languages the shipped statistical pipeline was trained on.
MODEL_LANGUAGES = frozenset({"id", "ms"})
BATCH = 64


class EntityStage(Stage):
    """Sets ``entities``: statistical NER (when the model is installed) merged with linked gazetteer mentions."""

    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "language"})
    assigns: ClassVar[frozenset[str]] = frozenset({"entities", "notes"})

    def __init__(self, gazetteer: Gazetteer | None = None, nlp: Language | None = None, use_model: bool = True) -> None:
        super().__init__()
        self._gazetteer = gazetteer
        self._nlp = nlp
        self.use_model = use_model

    @property
    def gazetteer(self) -> Gazetteer:
        # built on first use, so constructing a pipeline stays cheap (``--help``, order checks)
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    @property
    def nlp(self) -> Language | None:
        if self._nlp is None and self.use_model and model_available():
            self._nlp = load_nlp()
        return self._nlp

    def process(self, article: Article) -> Article:
        (out,) = self._batch([article])
        return out

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """Articles in batches through the model; rejections pass through in order."""
        for batch in chunks(items, BATCH):
            yield from self._flush(batch)

    def _flush(self, buffer: list[Item]) -> Iterator[Item]:
        articles = [i for i in buffer if isinstance(i, Article)]
        try:
            self._batch(articles)
        except Exception as exc:  # a model failure on one batch: fall back to one by one, so one page is lost
            log.warning("entity batch failed (%s); retrying one by one", exc)
            yield from super().run(buffer)
            return
        for item in buffer:
            if isinstance(item, Article):
                self.stats["ok"] += 1
            yield item

    def _batch(self, articles: list[Article]) -> list[Article]:
        model_ents = self._model_entities([a for a in articles if a.language in MODEL_LANGUAGES])
        # English documents: their own pipeline; other languages: a note saying what they did not get
        model_ents.update(routed_entities(articles, use_model=self.use_model))
        for article in articles:
            linked = self.gazetteer.find(article.text, article.language, self._tokens(article))
            found = model_ents.get(id(article))
            article.entities = linked if found is None else merge_entities(found, linked)
            self.stats["entities"] += len(article.entities)
        return articles

    def _tokens(self, article: Article) -> Doc | None:
        """The ``nlp`` stage's parse of the whole text when there is one: the gazetteer matches on its tokens."""
        if article.language not in MODEL_LANGUAGES or len(article.text) > PARSE_CHARS or self._nlp is None:
            return None
        found = lookup(self._nlp, article.text)
        return None if found is None else found.parse

    def _model_entities(self, articles: list[Article]) -> dict[int, list[Entity]]:
        nlp = self.nlp
        if nlp is None or not articles:
            return {}
        out: dict[int, list[Entity]] = {}
        todo: list[Article] = []
        for article in articles:  # the ``nlp`` stage's entities when it ran (warta.nlp.analysis), else the NER here
            found = lookup(nlp, article.text)
            out[id(article)] = [] if found is None or found.entities is None else list(found.entities)
            if found is None or found.entities is None:
                todo.append(article)
        parts = [(id(a), off, seg) for a in todo for off, seg in segments(a.text)]
        # only what the NER needs (warta.nlp.model_loader.entity_components): the parser and tagger are later work,
        # and their tok2vec too when the NER owns one
        needed = entity_components(nlp)
        disable = [name for name in nlp.pipe_names if name not in needed]
        docs = nlp.pipe((seg for _, _, seg in parts), batch_size=BATCH, disable=disable)
        for (key, offset, _), doc in zip(parts, docs, strict=True):
            out[key] += doc_entities(doc, offset)
        return out
