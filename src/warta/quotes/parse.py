"""The optional dependency parse: subjects of reporting verbs, from the shipped spaCy pipeline."""

from __future__ import annotations

import contextlib
import logging

from spacy.language import Language
from spacy.tokens import Doc

from warta.nlp.analysis import PARSE_CHARS, lookup
from warta.quotes.cues import REPORTING_SET

log = logging.getLogger(__name__)
#: Components whose output the subjects do not read (dependencies only): skipping them leaves the parse as it was.
_NOT_NEEDED = ("ner", "morphologizer", "warta_entity_trim", "warta_lemmatizer")
MAX_CHARS = PARSE_CHARS  # a giant page is parsed in its first part only; the rules cover the rest


def load_parser() -> Language | None:
    """The trained pipeline with its parser, or ``None`` when it is absent or cannot load (logged once)."""
    try:  # the loader ships with the trained model; a checkout without it runs the rules alone
        from warta.nlp.model_loader import load_nlp, model_available
    except ImportError:
        return None
    if not model_available():
        return None
    try:
        with contextlib.suppress(ImportError):  # the pipeline's custom components register on import
            import warta.nlp.lemmas  # noqa: F401
        nlp = load_nlp()
    except Exception as exc:
        log.warning("trained pipeline unavailable for quotes (%s); using rules only", exc)
        return None
    return nlp if "parser" in nlp.pipe_names else None


def subjects(nlp: Language, text: str) -> dict[int, tuple[int, int]]:
    """Map each reporting verb's start offset to the character span of its ``nsubj`` subtree.

    The parse the ``nlp`` stage made of ``text`` is used when there is one (:mod:`warta.nlp.analysis`); otherwise
    the text is parsed here.
    """
    found = lookup(nlp, text)  # the event stage reads it after this one, and drops it
    if found is not None and found.parse is not None:
        return subjects_of(found.parse)
    disable = [name for name in nlp.pipe_names if name in _NOT_NEEDED]
    return subjects_of(nlp(text[:MAX_CHARS], disable=disable))


def subjects_of(doc: Doc) -> dict[int, tuple[int, int]]:
    """:func:`subjects` of a parsed ``doc``."""
    out: dict[int, tuple[int, int]] = {}
    for tok in doc:
        if tok.text.casefold() not in REPORTING_SET:
            continue
        for child in tok.children:
            if child.dep_.startswith("nsubj"):
                sub = list(child.subtree)
                out[tok.idx] = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
                break
    return out
