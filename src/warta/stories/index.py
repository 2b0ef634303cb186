"""The store-side stories step: place each written article as new, an exact copy or a near copy, then cluster it.

The store calls :func:`place` for every document inside its write transaction, so the LSH index, the copies, the
origins and the stories are always in step with the articles. :func:`assign` indexes articles already stored
(databases written before the stories tables existed).
"""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from warta.data import Actor, Article, Credit, CreditRole, Entity, Event, EventMode, Origin, Source
from warta.stories.cluster import (
    DEFAULT_CLUSTER,
    Assignment,
    ClusterSettings,
    assign_article,
    refresh_story,
    seen_date,
)
from warta.stories.dedup import (
    copy_similarity,
    find_duplicate,
    index_signature,
    origin_of,
    page_key,
    rank,
    record_copy,
    record_origin,
    remember_page,
    settle_origin,
    stored_rank,
)
from warta.stories.minhash import Signature, signature


class Placement(enum.Enum):
    """What writing a document did to the store's articles."""

    NEW = "new"  # a new article (and maybe a new story)
    EXACT = "exact"  # the same content as a stored article: a copy of it
    NEAR = "near"  # a near-duplicate of a stored article: a copy of it, its own document not stored


@dataclass(slots=True)
class Placed:
    placement: Placement
    article_id: str  # the stored article the document is (or is a copy of)
    similarity: float
    story: Assignment | None = None
    copy_recorded: bool = False


def place(
    conn: sqlite3.Connection,
    article: Article,
    at: str,
    insert: Callable[[Article], bool],
    cfg: ClusterSettings = DEFAULT_CLUSTER,
) -> Placed:
    """Store ``article`` through ``insert`` unless it is a copy of a stored one; index and cluster it if new.

    Which page of a group of copies is the stored article does not depend on arrival order: it is the one
    :func:`~warta.stories.dedup.rank` puts first (longest body, then lowest content id, then place), so a better
    page arriving later replaces the stored one, which becomes one of its copies (:func:`_replace`).
    """
    origin = origin_of(article)
    sig, size = signature(article.text)
    remember_page(conn, article, sig, size, origin)
    target: str | None = None
    sim = 1.0
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
        target = article.id
    elif (match := find_duplicate(conn, sig, size, article.text)) is not None:
        target, sim = match.article_id, match.similarity
    if target is None:
        if not insert(article):  # pragma: no cover - the id check above makes this a race with another writer
            return Placed(Placement.EXACT, article.id, 1.0)
        index_signature(conn, article.id, sig, size)
        record_copy(conn, article.id, article, "original", 1.0, at, origin)
        settle_origin(conn, article.id)
        return Placed(Placement.NEW, article.id, 1.0, assign_article(conn, article, at, cfg), True)
    placement = Placement.EXACT if target == article.id else Placement.NEAR
    current = stored_rank(conn, target)
    if current is not None and rank(len(article.text), article.id, page_key(article)) < current:
        _replace(conn, target, article, sig, size, at, origin, insert, cfg)
        return Placed(placement, article.id, sim, copy_recorded=True)
    recorded = record_copy(conn, target, article, placement.value, sim, at, origin)
    settle_origin(conn, target)
    if recorded and (
        row := conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (target,)).fetchone()
    ):
        refresh_story(conn, int(row[0]))  # the copy may have changed the article's source
    return Placed(placement, target, sim, copy_recorded=recorded)


def _replace(
    conn: sqlite3.Connection,
    old_id: str,
    article: Article,
    sig: Signature,
    size: int,
    at: str,
    origin: Origin,
    insert: Callable[[Article], bool],
    cfg: ClusterSettings,
) -> None:
    """Make ``article`` the stored article of ``old_id``'s group (``old_id`` may be its own id: the same text from
    a better place): the old row and its children go, the new ones come in, and the group's copies, origin and
    story place move over, with each copy's similarity taken against the new article."""
    copies = conn.execute(
        "SELECT copy_id, copy_key, similarity, title, url, domain, path, input, record, publisher, ingested "
        "FROM copies WHERE article_id = ?",
        (old_id,),
    ).fetchall()
    placed = conn.execute("SELECT story_id, score FROM story_articles WHERE article_id = ?", (old_id,)).fetchone()
    old_title = conn.execute("SELECT title FROM articles WHERE id = ?", (old_id,)).fetchone()[0]
    conn.execute("DELETE FROM lsh_bands WHERE article_id = ?", (old_id,))
    for table, column in (("copies", "article_id"), ("story_articles", "article_id"), ("origins", "article_id"),
                          ("minhash", "article_id"), ("articles", "id")):  # fmt: skip
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (old_id,))  # children of articles cascade
    if not insert(article):  # pragma: no cover - deleted just above
        raise ValueError(f"cannot replace {old_id} by {article.id}")
    index_signature(conn, article.id, sig, size)
    record_copy(conn, article.id, article, "original", 1.0, at, origin)
    key = page_key(article)
    for copy_id, copy_key, old_sim, *rest in copies:
        if (copy_key, copy_id) == (key, article.id):
            continue
        same = copy_id == article.id
        sim = 1.0 if same else copy_similarity(conn, copy_key, copy_id, sig)
        conn.execute(
            "INSERT OR IGNORE INTO copies (article_id, copy_id, copy_key, kind, similarity, title, url, domain, path, "
            "input, record, publisher, ingested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, copy_id, copy_key, "exact" if same else "near",
             round(old_sim if sim is None else sim, 4), *rest),
        )  # fmt: skip
    settle_origin(conn, article.id)
    if placed is None:
        assign_article(conn, article, at, cfg)
        return
    story_id = int(placed[0])
    conn.execute(
        "INSERT INTO story_articles (story_id, article_id, score, seen) VALUES (?, ?, ?, ?)",
        (story_id, article.id, placed[1], seen_date(article, at)),
    )
    refresh_story(conn, story_id)
    conn.execute("UPDATE stories SET title = ? WHERE id = ? AND title IS ?", (article.title, story_id, old_title))


def article_from_doc(doc: dict[str, Any]) -> Article:
    """The fields the stories step reads, rebuilt from a stored schema-v1 document."""

    def actors(items: list[dict[str, Any]]) -> list[Actor]:
        return [Actor(a.get("text", ""), a.get("country"), a.get("sector"), a.get("id")) for a in items]

    origin = doc.get("origin")
    return Article(
        id=doc["id"],
        source=Source(**{k: doc.get("source", {}).get(k) for k in ("path", "url", "domain")}),
        title=doc.get("title"),
        published=doc.get("published"),
        language=doc.get("language"),
        text=doc.get("text", ""),
        site_name=doc.get("site_name"),
        credits=[Credit(CreditRole(c["role"]), c["name"]) for c in doc.get("credits", []) if "role" in c],
        entities=[
            Entity(e["text"], e["label"], e["start"], e["end"], e.get("country"), e.get("id"))
            for e in doc.get("entities", [])
        ],
        events=[
            Event(
                e["event"],
                EventMode(e["mode"]),
                e.get("cameo"),
                actors(e.get("actor", [])),
                actors(e.get("recipient", [])),
                e.get("trigger", ""),
                e.get("sentence", ""),
                e["start"],
                e["end"],
            )
            for e in doc.get("events", [])
        ],
        origin=Origin(**origin) if isinstance(origin, dict) else None,
    )


def assign(
    conn: sqlite3.Connection, article_ids: Iterable[str] | None = None, cfg: ClusterSettings = DEFAULT_CLUSTER
) -> int:
    """Index and cluster stored articles the stories step has not seen (all such articles when ``article_ids`` is
    ``None``), oldest first; returns how many. Runs in the caller's transaction if one is open."""
    if article_ids is None:
        rows = conn.execute(
            "SELECT a.doc, a.ingested FROM articles a LEFT JOIN minhash m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL ORDER BY coalesce(a.published, a.ingested), a.n"
        ).fetchall()
    else:
        ids = list(article_ids)
        rows = [
            r
            for i in ids
            for r in conn.execute(
                "SELECT a.doc, a.ingested FROM articles a LEFT JOIN minhash m ON m.article_id = a.id "
                "WHERE a.id = ? AND m.article_id IS NULL",
                (i,),
            )
        ]
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    for doc_json, ingested in rows:
        article = article_from_doc(json.loads(doc_json))
        origin = origin_of(article)
        index_signature(conn, article.id, *signature(article.text))
        record_origin(conn, article.id, origin, article.source.domain)
        record_copy(conn, article.id, article, "original", 1.0, ingested or now, origin)
        assign_article(conn, article, ingested or now, cfg)
    return len(rows)
