"""Language routing: which NLP each document gets, and the note a document carries when it gets less.

``id``/``ms`` go through the trained Indonesian pipeline, ``en`` through the English one (:mod:`warta.nlp.english`);
any other language gets extraction, language id and gazetteer entities only — no quotes, no events — and a note
in ``Article.notes`` says so. A document without a language id keeps the Indonesian rules (the historical default).
"""

from __future__ import annotations

from warta.data import Article, Entity
from warta.nlp import english

INDONESIAN = frozenset({"id", "ms"})
ENGLISH = frozenset({"en"})
SUPPORTED = INDONESIAN | ENGLISH


def supported(language: str | None) -> bool:
    """Whether quotes and events are coded for ``language`` (``None``: unknown, the Indonesian rules run)."""
    return language is None or language in SUPPORTED


def unsupported_note(language: str) -> str:
    return f"nlp: no pipeline for language {language!r}: gazetteer entities only, no quotes or events"


def _note(article: Article, note: str) -> None:
    if note not in article.notes:
        article.notes.append(note)


def routed_entities(articles: list[Article], use_model: bool = True) -> dict[int, list[Entity]]:
    """Model entities of the English articles (by ``id(article)``); notes on those that get less than the full NLP."""
    out: dict[int, list[Entity]] = {}
    en = [a for a in articles if a.language in ENGLISH]
    for article in articles:
        if not supported(article.language):
            _note(article, unsupported_note(str(article.language)))
    if not en or not use_model:
        return out
    if not english.english_available():
        for article in en:
            _note(article, english.MISSING_NOTE)
        english.load_english()  # logs the warning once per process
        return out
    for article, doc in zip(en, english.parse_many([a.text for a in en]), strict=True):
        if doc is None:
            _note(article, english.MISSING_NOTE)
            continue
        out[id(article)] = english.entities(doc)
        if len(article.text) > english.MAX_CHARS:
            _note(article, f"nlp: English text parsed up to {english.MAX_CHARS} characters")
    return out
