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
from warta.stories.cluster import DEFAULT_CLUSTER, Assignment, ClusterSettings, assign_article
from warta.stories.dedup import find_duplicate, index_signature, origin_of, record_copy, record_origin
from warta.stories.minhash import signature


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
    """Store ``article`` through ``insert`` unless it is a copy of a stored one; index and cluster it if new."""
    origin = origin_of(article)
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
        recorded = record_copy(conn, article.id, article, "exact", 1.0, at, origin)
        record_origin(conn, article.id, origin, article.source.domain)
        return Placed(Placement.EXACT, article.id, 1.0, copy_recorded=recorded)
    sig, size = signature(article.text)
    match = find_duplicate(conn, sig, size)
    if match is not None:
        recorded = record_copy(conn, match.article_id, article, "near", match.similarity, at, origin)
        record_origin(conn, match.article_id, origin, article.source.domain)
        return Placed(Placement.NEAR, match.article_id, match.similarity, copy_recorded=recorded)
    if not insert(article):  # pragma: no cover - the id check above makes this a race with another writer
        return Placed(Placement.EXACT, article.id, 1.0)
    index_signature(conn, article.id, sig, size)
    record_origin(conn, article.id, origin, article.source.domain)
    record_copy(conn, article.id, article, "original", 1.0, at, origin)
    return Placed(Placement.NEW, article.id, 1.0, assign_article(conn, article, at, cfg), True)


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
