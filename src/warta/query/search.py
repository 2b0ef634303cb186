"""Full-text search over stored documents: FTS5, ranked by bm25, with snippets.

User queries are plain words, never raw FTS5 syntax, so no input can break the query: every word is quoted as an
FTS5 string. On top of plain words (all must match) the query language has ``"quoted phrases"``, prefixes
(``presi*``), ``OR`` between terms and ``NOT`` before a term (``OR``/``NOT`` in capitals; ``AND`` is implied).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from warta.errors import QueryError
from warta.query.db import reader

#: bm25 column weights (title, text): a word in the title says more about the document than one in the body.
WEIGHTS = (10.0, 1.0)

#: A quoted phrase (its closing quote may be missing, which is reported) or a run of non-space characters.
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)(?P<close>"?)(?P<pstar>\*?)|(?P<word>[^\s"]+)')
_OPERATORS = ("AND", "OR", "NOT")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; ``score`` is bm25 negated, so higher is better."""

    id: str
    title: str | None
    snippet: str
    score: float
    language: str | None
    published: str | None
    domain: str | None
    url: str | None
    path: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _has_token(text: str) -> bool:
    """Whether FTS5's unicode61 tokenizer would find a token here (it splits on non-alphanumerics)."""
    return any(ch.isalnum() for ch in text)


def _term(text: str, prefix: bool) -> str:
    """``text`` as an FTS5 string, which FTS5 never parses as syntax (``"`` is escaped by doubling)."""
    return '"' + text.replace('"', '""') + '"' + (" *" if prefix else "")


def to_fts(query: str) -> str:
    """Translate a user query into a safe FTS5 MATCH expression, or raise :class:`QueryError` saying why not."""
    # FTS5 reads a NUL as the end of the string ("unterminated string"); no stored text can contain one either
    query = query.replace("\x00", " ")
    if query.count('"') % 2:
        raise QueryError(f'unbalanced quote in query {query!r}: close the phrase with another "')
    parts: list[str] = []  # alternating terms and operators, validated as they come
    pending: str | None = None  # an operator waiting for the term on its right
    for match in _TOKEN.finditer(query):
        if match["word"] is not None:
            word = match["word"]
            if word in _OPERATORS:
                if word == "AND":  # implied between terms anyway
                    if not parts or pending:
                        raise QueryError(f"'AND' needs a term on each side in query {query!r}")
                    continue
                if pending or (word == "OR" and not parts) or (word == "NOT" and not parts):
                    raise QueryError(f"'{word}' needs a term on each side in query {query!r}")
                pending = word
                continue
            prefix = word.endswith("*")
            text = word.rstrip("*")
            if "*" in text:
                raise QueryError(f"'*' may only end a word (a prefix search such as presi*), in query {query!r}")
        else:
            text, prefix = match["phrase"], bool(match["pstar"])
        if not _has_token(text):
            continue  # punctuation only: FTS5 would index nothing for it, so it can match nothing either
        if pending:
            parts.append(pending)
            pending = None
        parts.append(_term(text, prefix))
    if pending:
        raise QueryError(f"'{pending}' needs a term on each side in query {query!r}")
    if not parts:
        raise QueryError(f"nothing to search for in {query!r}: give at least one word")
    return " ".join(parts)


def search(
    db_path: str | Path,
    query: str,
    limit: int = 10,
    language: str | None = None,
    *,
    mark: tuple[str, str] = ("[", "]"),
    snippet_tokens: int = 16,
) -> list[Hit]:
    """Documents matching ``query``, best first, each with a snippet whose matches are wrapped in ``mark``.

    >>> search("warta.db", '"Kim Jong Un" rusia', limit=5)    # doctest: +SKIP
    """
    if limit < 1:
        raise QueryError("limit must be at least 1")
    expression = to_fts(query)
    sql = f"""
        SELECT a.id, a.title,
               snippet(articles_fts, -1, ?, ?, '…', ?) AS snippet,
               -bm25(articles_fts, {WEIGHTS[0]}, {WEIGHTS[1]}) AS score,
               a.language, a.published, a.domain, a.url, a.path
        FROM articles_fts JOIN articles AS a ON a.n = articles_fts.rowid
        WHERE articles_fts MATCH ? {"AND a.language = ?" if language else ""}
        ORDER BY bm25(articles_fts, {WEIGHTS[0]}, {WEIGHTS[1]}), a.n
        LIMIT ?
    """
    params: list[Any] = [mark[0], mark[1], max(1, min(64, snippet_tokens)), expression]
    if language:
        params.append(language)
    params.append(limit)
    with reader(db_path) as conn:
        try:
            rows = conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            # to_fts should make this unreachable; if FTS5 still objects, say so in one line.
            raise QueryError(f"cannot run query {query!r}: {exc}") from exc
    # FTS5 marks each token of a phrase on its own: "[Kim] [Jong] [Un]" reads better as "[Kim Jong Un]".
    joined = f"{mark[1]} {mark[0]}"
    return [Hit(r[0], r[1], (r[2] or "").replace(joined, " "), float(r[3]), *r[4:]) for r in rows]
