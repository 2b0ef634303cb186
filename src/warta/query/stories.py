"""Stories, their articles, copies and aggregated events, and related articles (read-only).

Counts never count a copy twice: copies are rows of one article, and independent sources are distinct
``origins.source_key`` values (the outlet the content is credited to, else its publisher), so ten sites carrying one
Antara story are one source.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import QueryError
from warta.query.db import like, reader


@dataclass(slots=True)
class StorySummary:
    """One story: title, time span, size, independent sources and main actors."""

    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    articles: int
    sources: int
    copies: int
    actors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class StoryArticle:
    """An article of a story with its origin and where it was found."""

    id: str
    title: str | None
    published: str | None
    domain: str | None
    publisher: str | None
    credited_to: list[str]
    score: float
    copies: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Evidence:
    article_id: str
    trigger: str
    sentence: str


@dataclass(slots=True)
class AggregatedEvent:
    """The same event told by several articles: one event, counted once per mention, article and source."""

    event: str
    cameo: str | None
    actor: list[str]
    recipient: list[str]
    mentions: int
    articles: int
    sources: int
    copies: int  # places the reporting articles were found (mirrors, syndication), never added to the counts
    first_seen: str | None
    last_seen: str | None
    modes: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class StoryDetail:
    story: StorySummary
    articles: list[StoryArticle]
    events: list[AggregatedEvent]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class RelatedArticle:
    """An article related to another: from the same story, or sharing named actors."""

    id: str
    title: str | None
    published: str | None
    domain: str | None
    reason: str  # 'same story' or 'shared actors'
    score: float
    shared: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _has_stories(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'stories'").fetchone() is not None


def _actors(conn: sqlite3.Connection, story_id: int, top: int = 5) -> list[str]:
    rows = conn.execute(
        "SELECT e.text, count(*) AS c FROM story_articles s JOIN entities e ON e.article_id = s.article_id "
        "WHERE s.story_id = ? AND e.label IN ('PER', 'ORG', 'GPE') GROUP BY coalesce(e.id, e.text) "
        "ORDER BY c DESC, e.text LIMIT ?",
        (story_id, top),
    ).fetchall()
    return [str(r[0]) for r in rows]


def _summary(conn: sqlite3.Connection, row: tuple[Any, ...]) -> StorySummary:
    story_id = int(row[0])
    copies = conn.execute(
        "SELECT count(*) FROM story_articles s JOIN copies c ON c.article_id = s.article_id WHERE s.story_id = ?",
        (story_id,),
    ).fetchone()[0]
    return StorySummary(
        story_id, row[1], row[2], row[3], int(row[4]), int(row[5]), int(copies), _actors(conn, story_id)
    )


def stories(
    db_path: str | Path,
    *,
    since: str | None = None,
    actor: str | None = None,
    min_articles: int = 1,
    limit: int = 50,
) -> list[StorySummary]:
    """Stories, most recently seen first; ``actor`` matches an entity's country code, id or name in the story."""
    where: list[str] = ["x.articles >= ?"]
    params: list[Any] = [min_articles]
    if since:
        where.append("x.last_seen >= ?")
        params.append(since)
    if actor:
        where.append(
            "EXISTS (SELECT 1 FROM story_articles s JOIN entities e ON e.article_id = s.article_id "
            "WHERE s.story_id = x.id AND (e.country = ? OR e.id = ? OR e.text LIKE ? ESCAPE '\\'))"
        )
        params += [actor.upper(), actor, like(actor)]
    with reader(db_path) as conn:
        if not _has_stories(conn):
            return []
        rows = conn.execute(
            "SELECT x.id, x.title, x.first_seen, x.last_seen, x.articles, x.sources FROM stories x WHERE "
            + " AND ".join(where)
            + " ORDER BY x.last_seen DESC, x.articles DESC, x.id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [_summary(conn, r) for r in rows]


def _story_articles(conn: sqlite3.Connection, story_id: int) -> list[StoryArticle]:
    out = []
    for aid, title, published, domain, publisher, credited, score in conn.execute(
        "SELECT a.id, a.title, a.published, a.domain, o.publisher, o.credited_to, s.score FROM story_articles s "
        "JOIN articles a ON a.id = s.article_id LEFT JOIN origins o ON o.article_id = a.id WHERE s.story_id = ? "
        "ORDER BY s.seen, a.n",
        (story_id,),
    ):
        copies = [
            {"kind": k, "domain": d, "url": u, "path": p, "similarity": sim, "publisher": pub}
            for k, d, u, p, sim, pub in conn.execute(
                "SELECT kind, domain, url, path, similarity, publisher FROM copies WHERE article_id = ? ORDER BY n",
                (aid,),
            )
        ]
        out.append(StoryArticle(aid, title, published, domain, publisher, json.loads(credited or "[]"), score, copies))
    return out


def _party_key(parties: list[tuple[str, str | None, str | None]]) -> list[str]:
    """Participants as language-neutral keys: country code, else id, else folded name."""
    return sorted({country or eid or text.casefold() for text, country, eid in parties})


def aggregate_events(conn: sqlite3.Connection, article_ids: list[str]) -> list[AggregatedEvent]:
    """Events of these articles grouped by (type, actor keys, recipient keys), most mentioned first."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = conn.execute(
        "SELECT x.n, x.article_id, x.event, x.cameo, x.mode, x.trigger, x.sentence, "
        "coalesce(x.date, a.published, s.seen), coalesce(o.source_key, a.domain), "
        "(SELECT count(*) FROM copies c WHERE c.article_id = x.article_id) "
        "FROM events x JOIN articles a ON a.id = x.article_id LEFT JOIN origins o ON o.article_id = x.article_id "
        f"LEFT JOIN story_articles s ON s.article_id = x.article_id WHERE x.article_id IN ({marks}) ORDER BY x.n",
        article_ids,
    ).fetchall()
    parties: dict[int, dict[str, list[tuple[str, str | None, str | None]]]] = defaultdict(
        lambda: {"actor": [], "recipient": []}
    )
    ns = [r[0] for r in rows]
    for i in range(0, len(ns), 500):
        chunk = ns[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for n, role, text, country, eid in conn.execute(
            f"SELECT event_n, role, text, country, id FROM event_actors WHERE event_n IN ({marks})", chunk
        ):
            parties[n][role].append((text, country, eid))
    groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        p = parties[row[0]]
        groups[(row[2], tuple(_party_key(p["actor"])), tuple(_party_key(p["recipient"])))].append(row)
    out = []
    for (event, actor, recipient), members in groups.items():
        days = sorted(str(m[7]) for m in members if m[7])
        per_article = {m[1]: m[9] for m in members}
        out.append(
            AggregatedEvent(
                event=event,
                cameo=members[0][3],
                actor=list(actor),
                recipient=list(recipient),
                mentions=len(members),
                articles=len(per_article),
                sources=len({m[8] for m in members}),
                copies=sum(per_article.values()),
                first_seen=days[0] if days else None,
                last_seen=days[-1] if days else None,
                modes=sorted({m[4] for m in members}),
                evidence=[Evidence(m[1], m[5], m[6]) for m in members],
            )
        )
    return sorted(out, key=lambda e: (-e.sources, -e.articles, -e.mentions, e.event))


def _resolve(conn: sqlite3.Connection, article_id: str) -> str:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        return article_id
    row = conn.execute("SELECT article_id FROM copies WHERE copy_id = ? LIMIT 1", (article_id,)).fetchone()
    if row is None:
        raise QueryError(f"no article {article_id!r} in the database")
    return str(row[0])


def story(db_path: str | Path, story_id: int) -> StoryDetail:
    """One story with its articles (and their copies) and aggregated events."""
    with reader(db_path) as conn:
        row = (
            conn.execute(
                "SELECT id, title, first_seen, last_seen, articles, sources FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if _has_stories(conn)
            else None
        )
        if row is None:
            raise QueryError(f"no story {story_id} in the database (list them with: warta stories --db FILE)")
        articles = _story_articles(conn, story_id)
        return StoryDetail(_summary(conn, row), articles, aggregate_events(conn, [a.id for a in articles]))


def story_of(db_path: str | Path, article_id: str) -> int | None:
    """The story an article (or a copy's id) belongs to."""
    with reader(db_path) as conn:
        if not _has_stories(conn):
            return None
        row = conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (_resolve(conn, article_id),)
        ).fetchone()
        return int(row[0]) if row else None


def related(db_path: str | Path, article_id: str, limit: int = 10) -> list[RelatedArticle]:
    """Articles related to one: first its story's other articles, then articles sharing its named actors."""
    with reader(db_path) as conn:
        if not _has_stories(conn):
            return []
        aid = _resolve(conn, article_id)
        out: list[RelatedArticle] = []
        for rid, title, published, domain, score in conn.execute(
            "SELECT a.id, a.title, a.published, a.domain, s2.score FROM story_articles s1 "
            "JOIN story_articles s2 ON s2.story_id = s1.story_id AND s2.article_id != s1.article_id "
            "JOIN articles a ON a.id = s2.article_id WHERE s1.article_id = ? ORDER BY s2.score DESC, a.n LIMIT ?",
            (aid, limit),
        ):
            out.append(RelatedArticle(rid, title, published, domain, "same story", round(float(score), 3)))
        if len(out) >= limit:
            return out
        seen = {aid, *(r.id for r in out)}
        keys = conn.execute(
            "SELECT DISTINCT coalesce(id, text), id IS NOT NULL, text FROM entities "
            "WHERE article_id = ? AND label IN ('PER', 'ORG') LIMIT 30",
            (aid,),
        ).fetchall()
        shared: dict[str, list[str]] = defaultdict(list)
        for key, by_id, text in keys:
            sql = (
                "SELECT DISTINCT article_id FROM entities WHERE id = ? LIMIT 200"
                if by_id
                else "SELECT DISTINCT article_id FROM entities WHERE label IN ('PER', 'ORG') AND text = ? LIMIT 200"
            )
            for (other,) in conn.execute(sql, (key,)):
                if other not in seen and text not in shared[other]:
                    shared[other].append(text)
        ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))[: limit - len(out)]
        for other, names in ranked:
            title, published, domain = conn.execute(
                "SELECT title, published, domain FROM articles WHERE id = ?", (other,)
            ).fetchone()
            score = len(names) / max(len(keys), 1)
            out.append(RelatedArticle(other, title, published, domain, "shared actors", round(score, 3), names))
        return out
