"""Near-duplicates through the persistent LSH index, and the copies and origins of stored articles.

A page whose body is the same as a stored article's (same content id), or nearly so (MinHash estimate of the
shingle Jaccard ≥ :data:`DUPLICATE_THRESHOLD`), is a *copy* of that article: one row in ``copies`` with its own
domain, url and provenance, never a second article.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from warta.data import Article, Origin
from warta.stories.minhash import Signature, band_keys, containment, from_blob, similarity, to_blob
from warta.stories.origin import outlets, resolve_origin, source_key

#: Estimated Jaccard of 3-word shingles above which two bodies are one article (mirrors with other boilerplate and
#: small edits score 0.6–1.0; distinct articles on one topic below 0.1, follow-ups quoting a paragraph ≈ 0.2).
DUPLICATE_THRESHOLD = 0.5
#: A shorter body this much inside a stored one (or the other way) is a copy too: aggregators truncate.
CONTAINMENT_THRESHOLD = 0.7
#: ... when it has at least this many shingles (a two-line teaser is not a copy of everything it starts).
MIN_CONTAINED = 40
#: Candidates verified per article at most (the most similar band matches first), so cost stays bounded.
MAX_CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class Match:
    """A stored article a new page duplicates."""

    article_id: str
    similarity: float


def find_duplicate(conn: sqlite3.Connection, sig: Signature, size: int) -> Match | None:
    """The stored article whose body this signature (of ``size`` shingles) nearly duplicates, if any (best)."""
    keys = band_keys(sig)
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT article_id, count(*) AS hits FROM lsh_bands WHERE key IN ({marks}) "
        "GROUP BY article_id ORDER BY hits DESC LIMIT ?",
        [*keys, MAX_CANDIDATES],
    ).fetchall()
    best: Match | None = None
    for article_id, _hits in rows:
        row = conn.execute("SELECT sig, size FROM minhash WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            continue
        sim = similarity(sig, from_blob(row[0]))
        contained = containment(sim, size, int(row[1])) if min(size, int(row[1])) >= MIN_CONTAINED else 0.0
        if (sim >= DUPLICATE_THRESHOLD or contained >= CONTAINMENT_THRESHOLD) and (
            best is None or sim > best.similarity
        ):
            best = Match(article_id, sim)
    return best


def index_signature(conn: sqlite3.Connection, article_id: str, sig: Signature, size: int) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO minhash (article_id, sig, size) VALUES (?, ?, ?)", (article_id, to_blob(sig), size)
    )
    conn.execute("DELETE FROM lsh_bands WHERE article_id = ?", (article_id,))
    conn.executemany("INSERT INTO lsh_bands (key, article_id) VALUES (?, ?)", [(k, article_id) for k in band_keys(sig)])


def strength(origin: Origin) -> int:
    """How sure the publisher is: 3 named on the page, 2 a known outlet's domain, 1 an unknown domain, 0 none."""
    kinds = {e.partition(":")[0] for e in origin.evidence}
    if not origin.publisher:
        return 0
    if kinds & {"cta", "site_name", "copyright"}:
        return 3
    if outlets().for_domain(origin.publisher_domain) is not None:
        return 2
    return 1


def record_origin(conn: sqlite3.Connection, article_id: str, origin: Origin, domain: str | None) -> None:
    """Store the article's origin, or improve the stored one with what a copy says (stronger publisher evidence,
    more credited outlets)."""
    row = conn.execute(
        "SELECT publisher, publisher_domain, credited_to, strength, evidence FROM origins WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    merged = origin
    if row is not None:
        old = Origin(row[0], row[1], json.loads(row[2]), json.loads(row[4]))
        keep_old = int(row[3]) >= strength(origin)
        base = old if keep_old else origin
        credited = list(dict.fromkeys([*old.credited_to, *origin.credited_to]))
        credited = [c for c in credited if c != base.publisher]
        merged = Origin(base.publisher, base.publisher_domain, credited, list(dict.fromkeys(base.evidence)))
    conn.execute(
        "INSERT OR REPLACE INTO origins (article_id, publisher, publisher_domain, credited_to, source_key, strength, "
        "evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            merged.publisher,
            merged.publisher_domain,
            json.dumps(merged.credited_to, ensure_ascii=False),
            source_key(merged, domain),
            strength(merged),
            json.dumps(merged.evidence, ensure_ascii=False),
        ),
    )


def record_copy(
    conn: sqlite3.Connection, article_id: str, copy: Article, kind: str, sim: float, at: str, origin: Origin
) -> bool:
    """One row per place the article was found; ``False`` when that place is already recorded."""
    prov = copy.provenance
    key = copy.source.url or f"{copy.source.domain or '?'}#{copy.id}"
    cur = conn.execute(
        "INSERT OR IGNORE INTO copies (article_id, copy_id, copy_key, kind, similarity, title, url, domain, path, "
        "input, record, publisher, ingested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id, copy.id, key, kind, round(sim, 4), copy.title, copy.source.url, copy.source.domain,
            copy.source.path, prov.input if prov else None, prov.record if prov else None, origin.publisher,
            (prov.ingested if prov and prov.ingested else at),
        ),
    )  # fmt: skip
    return cur.rowcount > 0


def canonical_id(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The stored article an id names: itself, or the article a near-duplicate with that id was folded into."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        return article_id
    row = conn.execute("SELECT article_id FROM copies WHERE copy_id = ? LIMIT 1", (article_id,)).fetchone()
    return str(row[0]) if row else None


def origin_of(article: Article) -> Origin:
    """The article's resolved origin (also stored on the article, so its document carries it)."""
    article.origin = resolve_origin(article)
    return article.origin
