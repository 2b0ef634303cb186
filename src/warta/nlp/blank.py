"""Rule-based spaCy pipelines (tokenizer + sentencizer) used where no trained component is needed."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language


@functools.lru_cache(maxsize=8)
def blank_nlp(language: str = "id") -> Language:
    """A blank spaCy pipeline for ``language`` with a sentencizer; falls back to multilingual ``xx``."""
    try:
        nlp = spacy.blank(language)
    except (ImportError, KeyError, OSError):  # spaCy has no language class for this code
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp
