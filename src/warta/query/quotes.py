"""Who said what: stored quotes, by speaker and by words in the quote."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from warta.errors import QueryError, StoreError
from warta.query.db import literal, reader
from warta.query.search import to_fts


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One stored quote with its speaker and the article it comes from."""

    article_id: str
    title: str | None
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None
    speaker: str | None
    speaker_entity_id: str | None
    role: str | None
    affiliation: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def quotes(db_path: str | Path, speaker: str | None = None, text: str | None = None, limit: int = 20) -> list[QuoteHit]:
    """Quotes, newest article first; ``speaker`` matches a word or more of the name (``Lee`` finds Rachel Lee) or
    an entity id (``wikidata:Q56226``); ``text`` uses the :func:`~warta.query.search` query language.

    >>> quotes("warta.db", speaker="Kim Jong Un", text="rusia")    # doctest: +SKIP
    """
    if limit < 1:
        raise QueryError("limit must be at least 1")
    where: list[str] = []
    params: list[Any] = []
    joins = ""
    if speaker:
        name = " ".join(speaker.split())
        # whole words of the name: "Lee" matches "Rachel Lee" but not "Leeds"
        where.append(
            "(q.speaker_entity_id = ? OR ' ' || lower(q.speaker) || ' ' LIKE '% ' || lower(?) || ' %' ESCAPE '\\')"
        )
        params += [name, literal(name)]
    if text:
        joins = "JOIN quotes_fts ON quotes_fts.rowid = q.n"
        where.append("quotes_fts MATCH ?")
        params.append(to_fts(text))
    sql = f"""
        SELECT q.article_id, a.title, q.text, q.start, q."end", q.direct, q.cue, q.speaker, q.speaker_entity_id,
               q.role, q.affiliation
        FROM quotes AS q JOIN articles AS a ON a.id = q.article_id {joins}
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY a.published IS NULL, a.published DESC, a.n DESC, q.start
        LIMIT ?
    """
    params.append(limit)
    with reader(db_path) as conn:
        try:
            rows = conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table: quotes" in str(exc):
                raise StoreError(f"{db_path} predates quotes (schema v1): open it with `warta ingest` once") from exc
            raise QueryError(f"cannot run the quote query: {exc}") from exc
    return [QuoteHit(r[0], r[1], r[2], int(r[3]), int(r[4]), bool(r[5]), *r[6:]) for r in rows]
