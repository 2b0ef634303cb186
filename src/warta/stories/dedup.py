"""Near-duplicates through the persistent LSH index, and the copies and origins of stored articles.

A page whose body is the same as a stored article's (same content id), or nearly so (MinHash estimate of the
shingle Jaccard ≥ :data:`DUPLICATE_THRESHOLD`), is a *copy* of that article: one row in ``copies`` with its own
domain, url and provenance, never a second article.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass

from warta.data import Article, Origin
from warta.stories.minhash import Signature, band_keys, containment, from_blob, shingles, similarity, to_blob
from warta.stories.origin import outlets, resolve_origin, source_key

#: Estimated Jaccard of 3-word shingles above which two bodies are one article (mirrors with other boilerplate and
#: small edits score 0.6–1.0; distinct articles on one topic below 0.1, follow-ups quoting a paragraph ≈ 0.2).
DUPLICATE_THRESHOLD = 0.5
#: A shorter body this much inside a stored one (or the other way) is a copy too: aggregators truncate.
CONTAINMENT_THRESHOLD = 0.7
#: ... when it has at least this many shingles (a two-line teaser is not a copy of everything it starts).
MIN_CONTAINED = 40
#: A candidate whose estimates fall short (Jaccard ≥ 0.2 or containment ≥ 0.4) is checked on the exact shingle
#: sets: a short copy with typos and a dropped paragraph is ≥ 0.55 inside its original, while distinct articles of
#: one story or topic stay ≤ 0.39 (measured on the detik-news story set); the estimate's error there is ±0.08.
EXACT_CONTAINMENT = 0.55
#: Candidates verified per article at most (the most similar band matches first), so cost stays bounded.
MAX_CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class Match:
    """A stored article a new page duplicates."""

    article_id: str
    similarity: float


def _exact(text: str, other: str) -> tuple[float, float]:
    """Exact Jaccard and containment of two bodies' shingle sets."""
    a, b = set(shingles(text).tolist()), set(shingles(other).tolist())
    both = len(a & b)
    union = len(a | b)
    return (both / union if union else 0.0), (both / min(len(a), len(b)) if a and b else 0.0)


def find_duplicate(conn: sqlite3.Connection, sig: Signature, size: int, text: str | None = None) -> Match | None:
    """The stored article whose body this signature (of ``size`` shingles) nearly duplicates, if any (best).

    A candidate whose MinHash estimates fall short but not far (a short or truncated copy with edits) is settled on
    the exact shingle sets of ``text`` and the stored body, for those few candidates only."""
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
        big_enough = min(size, int(row[1])) >= MIN_CONTAINED
        contained = containment(sim, size, int(row[1])) if big_enough else 0.0
        duplicate = sim >= DUPLICATE_THRESHOLD or contained >= CONTAINMENT_THRESHOLD
        if not duplicate and text is not None and (sim >= 0.2 or contained >= 0.4):
            stored = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            exact_sim, exact_contained = _exact(text, stored[0] or "") if stored else (0.0, 0.0)
            duplicate = exact_sim >= DUPLICATE_THRESHOLD or (big_enough and exact_contained >= EXACT_CONTAINMENT)
        if duplicate and (best is None or sim > best.similarity):
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


def page_key(page: Article) -> str:
    """Where a page was found: its url, else ``domain#content id`` (``copies.copy_key``)."""
    return page.source.url or f"{page.source.domain or '?'}#{page.id}"


def remember_page(conn: sqlite3.Connection, page: Article, sig: Signature, size: int, origin: Origin) -> None:
    """Keep what deciding the group's representative and origin again needs of this page."""
    conn.execute(
        "INSERT OR REPLACE INTO copy_pages (copy_key, copy_id, sig, size, origin, domain) VALUES (?, ?, ?, ?, ?, ?)",
        (page_key(page), page.id, to_blob(sig), size, json.dumps(asdict(origin), ensure_ascii=False),
         page.source.domain),
    )  # fmt: skip


def rank(length: int, article_id: str, key: str) -> tuple[int, str, str]:
    """Which page of a group represents it (smallest first): the longest body, then the lowest content id, then
    the lowest place — a rule on the pages themselves, so any arrival order stores the same one."""
    return (-length, article_id, key)


def stored_rank(conn: sqlite3.Connection, article_id: str) -> tuple[int, str, str] | None:
    row = conn.execute("SELECT length(text), url, domain FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    return rank(int(row[0] or 0), article_id, row[1] or f"{row[2] or '?'}#{article_id}")


def _write_origin(conn: sqlite3.Connection, article_id: str, origin: Origin, domain: str | None) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO origins (article_id, publisher, publisher_domain, credited_to, source_key, strength, "
        "evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            origin.publisher,
            origin.publisher_domain,
            json.dumps(origin.credited_to, ensure_ascii=False),
            source_key(origin, domain),
            strength(origin),
            json.dumps(origin.evidence, ensure_ascii=False),
        ),
    )


def settle_origin(conn: sqlite3.Connection, article_id: str) -> None:
    """Decide the article's origin from the origins of all its copies, in a fixed order (strongest publisher
    evidence first, then by place): the publisher of the first, the credited outlets of all."""
    rows = conn.execute(
        "SELECT p.origin, p.domain, p.copy_key FROM copies c JOIN copy_pages p "
        "ON p.copy_key = c.copy_key AND p.copy_id = c.copy_id WHERE c.article_id = ?",
        (article_id,),
    ).fetchall()
    candidates = [(Origin(**json.loads(o)), d, k) for o, d, k in rows]
    n_copies = conn.execute("SELECT count(*) FROM copies WHERE article_id = ?", (article_id,)).fetchone()[0]
    if len(candidates) < n_copies:  # copies recorded before copy_pages existed: keep what the row says
        old = conn.execute(
            "SELECT publisher, publisher_domain, credited_to, evidence FROM origins WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        if old is not None:
            candidates.append((Origin(old[0], old[1], json.loads(old[2]), json.loads(old[3])), None, ""))
    if not candidates:
        return
    main = conn.execute("SELECT url, domain FROM articles WHERE id = ?", (article_id,)).fetchone()
    own = (main[0] or f"{main[1] or '?'}#{article_id}") if main else None
    table = outlets()
    # A known outlet before a name only the page itself gives (a mirror's "© 2025 mirror.net" names its host, not
    # the content's publisher), then stronger evidence, then the stored page's own, then by place.
    candidates.sort(key=lambda c: (table.for_name(c[0].publisher or "") is None, -strength(c[0]), c[2] != own, c[2]))
    base, domain, _ = candidates[0]
    credited = list(dict.fromkeys(x for c in candidates for x in c[0].credited_to))
    credited = [c for c in credited if c != base.publisher]
    merged = Origin(base.publisher, base.publisher_domain, credited, list(dict.fromkeys(base.evidence)))
    _write_origin(conn, article_id, merged, domain)


def copy_similarity(conn: sqlite3.Connection, key: str, copy_id: str, sig: Signature) -> float | None:
    """The estimated Jaccard of a remembered page's body with ``sig`` (``None`` if the page is not remembered)."""
    row = conn.execute("SELECT sig FROM copy_pages WHERE copy_key = ? AND copy_id = ?", (key, copy_id)).fetchone()
    return similarity(sig, from_blob(row[0])) if row else None


def record_origin(conn: sqlite3.Connection, article_id: str, origin: Origin, domain: str | None) -> None:
    """Store the article's origin, or improve the stored one with what a copy says (stronger publisher evidence,
    more credited outlets). Kept for articles indexed after the fact (:func:`warta.stories.index.assign`)."""
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
    _write_origin(conn, article_id, merged, domain)


def record_copy(
    conn: sqlite3.Connection, article_id: str, copy: Article, kind: str, sim: float, at: str, origin: Origin
) -> bool:
    """One row per place the article was found; ``False`` when that place is already recorded."""
    prov = copy.provenance
    key = page_key(copy)
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
