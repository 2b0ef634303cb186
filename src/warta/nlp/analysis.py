"""One pass of the Indonesian pipeline per document, shared by the entity and quote stages.

The ``nlp`` stage (:class:`AnalysisStage`) runs the trained pipeline over a batch of articles at once and keeps,
for each text, what the later stages need: the model's entities and the dependency parse. The entity and quote
stages look their text up here (:func:`lookup`) and fall back to running the model themselves when it is not
there (a pipeline without this stage, a batch that failed), so their output never depends on it — only their cost
does. The event stage reads the same parse for its roles (and parses the whole text itself when it is missing).

The components run in an order that gives each reader exactly what it got from its own call before: ``ner`` and
``warta_entity_trim`` see only the line-break sentence starts (the entity stage never ran the parser), then
``tok2vec`` and ``parser`` run on the same ``Doc``. When the NER listens to the shared ``tok2vec`` (a jointly trained
model), ``tok2vec`` runs first, once per ``Doc``, and the parser reuses its output. The morphologizer and
lemmatizer are skipped: no stage reads POS tags or lemmas, and the parser does not use them (it listens to
``tok2vec`` alone).

Entries are kept per text in a small bounded cache (a few batches), never on the article, so a ``Doc`` is never
serialised or sent between processes; the event stage, the last reader, drops its entry.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from warta.data import Article, Entity, Item
from warta.nlp.model_loader import ner_shares_tok2vec
from warta.pipeline.stage import Stage, chunks

log = logging.getLogger(__name__)

#: Languages the shipped statistical pipeline was trained on.
MODEL_LANGUAGES = frozenset({"id", "ms"})
#: NER runs on runs of whole paragraphs of about this many characters (bounded memory for a giant page).
SEGMENT_CHARS = 5_000
#: The parse covers the first this many characters; rules cover the rest.
PARSE_CHARS = 20_000
BATCH = 64
#: Documents per model batch: the parser's precomputed hidden layer holds every token of a batch (~4 KiB each), so
#: 64 news articles at once cost ~250 MiB more than one; 8 keep it small, and are faster on this machine too.
MODEL_BATCH = 8
#: Analyses kept: a few batches, so that a document the later stages dropped cannot keep memory for long.
CACHE = 4 * BATCH
_LABELS = {"PERSON": "PER", "PPL": "PER", "ORGANISATION": "ORG", "PLACE": "LOC", "PLC": "LOC", "IND": "ORG"}
_SENTENCES = "warta_newlines"
_NER = ("ner", "warta_entity_trim")
_PARSE = ("tok2vec", "parser")


@dataclass(slots=True)
class Analysis:
    """What the model found in one text: its entities (NER) and the parse of its first :data:`PARSE_CHARS`."""

    nlp: Language
    entities: list[Entity] | None
    parse: Doc | None


_CACHE: OrderedDict[str, Analysis] = OrderedDict()


def lookup(nlp: Language | None, text: str, *, drop: bool = False) -> Analysis | None:
    """The analysis of ``text`` made with ``nlp``, if the ``nlp`` stage made one; ``drop`` forgets it."""
    found = _CACHE.pop(text, None) if drop else _CACHE.get(text)
    return found if found is not None and found.nlp is nlp else None


def remember(text: str, analysis: Analysis) -> None:
    _CACHE[text] = analysis
    _CACHE.move_to_end(text)
    while len(_CACHE) > CACHE:
        _CACHE.popitem(last=False)


def forget() -> None:
    """Drop every analysis (tests; a long-lived process between runs)."""
    _CACHE.clear()


def segments(text: str) -> Iterator[tuple[int, str]]:
    """Runs of whole paragraphs of about :data:`SEGMENT_CHARS`, with their offsets (a paragraph longer is cut)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + SEGMENT_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut if cut > start else end
        yield start, text[start:end]
        start = end


def doc_entities(doc: Doc, offset: int = 0) -> list[Entity]:
    """The model's entities of ``doc`` in Warta's labels, offsets shifted by ``offset``."""
    return [
        Entity(e.text, _LABELS.get(e.label_, e.label_), offset + e.start_char, offset + e.end_char) for e in doc.ents
    ]


def analyse(nlp: Language, texts: list[str], *, entities: bool = True, parse: bool = True) -> list[Analysis]:
    """Tokenise, NER and parse ``texts`` in one pass (see the module docstring for the order of components)."""
    names = set(nlp.pipe_names)
    entities = entities and "ner" in names
    parse = parse and "parser" in names
    ner_docs: list[tuple[int, int, Doc]] = []  # (text index, offset, doc)
    parse_docs: list[Doc | None] = []
    for i, text in enumerate(texts):
        whole = nlp.make_doc(text[:PARSE_CHARS]) if parse or len(text) <= SEGMENT_CHARS else None
        if entities:
            if whole is not None and len(text) <= SEGMENT_CHARS:  # one Doc serves both readers
                ner_docs.append((i, 0, whole))
            else:
                ner_docs += [(i, off, nlp.make_doc(seg)) for off, seg in segments(text)]
        parse_docs.append(whole if parse else None)
    every = [d for _, _, d in ner_docs] + [d for d in parse_docs if d is not None]
    if _SENTENCES in names:
        sentences = nlp.get_pipe(_SENTENCES)
        for doc in {id(d): d for d in every}.values():
            sentences(doc)
    encoded: set[int] = set()
    if entities and ner_shares_tok2vec(nlp):  # one encoder pass per Doc feeds the NER and, later, the parser
        todo = {id(d): d for d in every}
        _run(nlp, "tok2vec", list(todo.values()), MODEL_BATCH)
        encoded = set(todo)
    for name in _NER if entities else ():
        if name in names:
            _run(nlp, name, [d for _, _, d in ner_docs], MODEL_BATCH)
    for name in _PARSE if parse else ():
        if name in names:
            docs = [d for d in parse_docs if d is not None and not (name == "tok2vec" and id(d) in encoded)]
            _run(nlp, name, docs, MODEL_BATCH)
    found: list[list[Entity] | None] = [[] if entities else None for _ in texts]
    for i, offset, doc in ner_docs:
        found[i] += doc_entities(doc, offset)  # type: ignore[operator]
    for doc in every:  # the layer output is no one's business after the NER and parse: free its memory
        doc.tensor = numpy.zeros((0,), dtype="float32")
    return [Analysis(nlp, ents, doc) for ents, doc in zip(found, parse_docs, strict=True)]


def _run(nlp: Language, name: str, docs: list[Doc], batch_size: int = BATCH) -> None:
    pipe = nlp.get_pipe(name)
    if hasattr(pipe, "pipe"):
        for _ in pipe.pipe(docs, batch_size=batch_size):
            pass
    else:
        for doc in docs:
            pipe(doc)


class AnalysisStage(Stage):
    """The ``nlp`` stage: the trained pipeline over each batch of Indonesian/Malay articles, once.

    It sets no article field (so ``assigns`` is empty and no stage requires it): the entity and quote stages read
    the analysis through :func:`lookup` when it is there.
    """

    name: ClassVar[str] = "nlp"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "language"})
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, nlp: Language | None = None, use_model: bool = True) -> None:
        super().__init__()
        self._nlp = nlp
        self.use_model = use_model
        self._tried = nlp is not None

    @property
    def nlp(self) -> Language | None:
        if not self._tried and self.use_model:
            self._tried = True  # one try: a missing or broken model leaves each stage to its own fallback
            from warta.nlp.model_loader import load_nlp, model_available

            try:
                self._nlp = load_nlp() if model_available() else None
            except Exception as exc:
                log.warning("nlp stage: trained pipeline unavailable (%s)", exc)
        return self._nlp

    def process(self, article: Article) -> Article:
        self._analyse([article])
        return article

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        for batch in chunks(items, BATCH):
            yield from self._flush(batch)

    def _flush(self, buffer: list[Item]) -> Iterator[Item]:
        articles = [i for i in buffer if isinstance(i, Article)]
        try:
            self._analyse(articles)
        except Exception as exc:  # the readers parse for themselves: a failure here costs time, not documents
            log.warning("nlp batch failed (%s); the stages will run the model one by one", exc)
            self.stats["batch_errors"] += 1
        for item in buffer:
            if isinstance(item, Article):
                self.stats["ok"] += 1
            yield item

    def _analyse(self, articles: list[Article]) -> None:
        todo = [a for a in articles if a.language in MODEL_LANGUAGES and a.text]
        nlp = self.nlp
        if nlp is None or not todo:
            return
        texts = list({a.text: None for a in todo})  # a text twice in a batch is analysed once
        for text, analysis in zip(texts, analyse(nlp, texts), strict=True):
            remember(text, analysis)
        self.stats["analysed"] += len(todo)
