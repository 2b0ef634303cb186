"""One stored document with everything the article page shows: its text, entities, quotes, events, commitments,
credits, related links resolved to stored articles, and its copies (read-only)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.query.db import reader
from warta.query.events import Party
from warta.query.explore import MAX_ROWS, EventFilters, EventRow, event_table, has_events


@dataclass(frozen=True, slots=True)
class EntitySpan:
    text: str
    label: str
    start: int
    end: int
    country: str | None
    id: str | None


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None
    speaker: str | None
    speaker_entity_id: str | None
    role: str | None
    affiliation: str | None


@dataclass(slots=True)
class CommitmentSpan:
    n: int
    kind: str
    mutual: bool
    mode: str
    trigger: str
    sentence: str
    start: int
    end: int
    date: str | None
    parties: list[Party] = field(default_factory=list)
    beneficiaries: list[Party] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Credit:
    role: str
    name: str


@dataclass(frozen=True, slots=True)
class Link:
    """A related-article line; ``article_id`` is the stored article with that title, when there is one."""

    title: str
    url: str | None
    article_id: str | None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: str
    title: str | None
    domain: str | None
    published: str | None


@dataclass(slots=True)
class DocumentView:
    """Everything about one stored article."""

    id: str
    title: str | None
    published: str | None
    language: str | None
    domain: str | None
    site_name: str | None
    url: str | None
    editor: str | None
    origin: str | None
    authors: list[str]
    text: str
    ingested: str
    credits: list[Credit] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    copies: list[ArticleRef] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    commitments: list[CommitmentSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def document_json(db_path: str | Path, article_id: str) -> dict[str, Any] | None:
    """The stored document (schema v1 JSON) with id ``article_id``, or None."""
    with reader(db_path) as conn:
        row = conn.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def _origin(doc: dict[str, Any], credits: list[Credit]) -> str | None:
    """Who first published the text: the document's ``origin`` when a later stage set one, else a source credit."""
    origin = doc.get("origin")
    if isinstance(origin, str) and origin:
        return origin
    if isinstance(origin, dict):
        return str(origin.get("name") or origin.get("domain") or "") or None
    sources = [c.name for c in credits if c.role == "source"]
    return ", ".join(sources) or None


def document(db_path: str | Path, article_id: str) -> DocumentView | None:
    """The article with id ``article_id`` and all its annotations, or None when there is none."""
    with reader(db_path) as conn:
        row = conn.execute(
            "SELECT id, title, published, language, domain, site_name, url, editor, text, ingested, doc "
            "FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        doc = json.loads(row[10])
        credits = [Credit(*r) for r in conn.execute("SELECT role, name FROM credits WHERE article_id = ?", (row[0],))]
        related = [
            Link(title, url, found)
            for title, url, found in conn.execute(
                "SELECT r.title, r.url, (SELECT a.id FROM articles a WHERE lower(a.title) = lower(r.title) "
                "ORDER BY a.n LIMIT 1) FROM related r WHERE r.article_id = ? ORDER BY r.rowid",
                (row[0],),
            )
        ]
        copies = [
            ArticleRef(*r)
            for r in conn.execute(
                "SELECT id, title, domain, published FROM articles WHERE id != ? AND title IS NOT NULL "
                "AND lower(title) = lower(?) ORDER BY published, n LIMIT 50",
                (row[0], row[1] or ""),
            )
        ]
        entities = [
            EntitySpan(*r)
            for r in conn.execute(
                'SELECT text, label, start, "end", country, id FROM entities WHERE article_id = ? ORDER BY start',
                (row[0],),
            )
        ]
        quotes = [
            QuoteSpan(r[0], int(r[1]), int(r[2]), bool(r[3]), *r[4:])
            for r in conn.execute(
                'SELECT text, start, "end", direct, cue, speaker, speaker_entity_id, role, affiliation '
                "FROM quotes WHERE article_id = ? ORDER BY start",
                (row[0],),
            )
        ]
        commitments: list[CommitmentSpan] = []
        if has_events(conn):
            for n, kind, mutual, mode, trigger, sentence, start, end, date in conn.execute(
                'SELECT n, kind, mutual, mode, trigger, sentence, start, "end", date FROM commitments '
                "WHERE article_id = ? ORDER BY start",
                (row[0],),
            ).fetchall():
                c = CommitmentSpan(n, kind, bool(mutual), mode, trigger, sentence, start, end, date)
                for role, *party in conn.execute(
                    "SELECT role, text, country, sector, id FROM commitment_parties WHERE commitment_n = ? "
                    "ORDER BY rowid",
                    (n,),
                ):
                    (c.parties if role == "party" else c.beneficiaries).append(Party(*party))
                commitments.append(c)
    events = event_table(db_path, EventFilters(article_id=row[0]), limit=MAX_ROWS).rows
    events.sort(key=lambda e: (e.start, e.n))
    return DocumentView(
        id=row[0],
        title=row[1],
        published=row[2],
        language=row[3],
        domain=row[4],
        site_name=row[5],
        url=row[6],
        editor=row[7],
        origin=_origin(doc, credits),
        authors=[str(a) for a in doc.get("authors") or []],
        text=row[8],
        ingested=row[9],
        credits=credits,
        related=related,
        copies=copies,
        entities=entities,
        quotes=quotes,
        events=events,
        commitments=commitments,
    )
