"""Online story clustering: each new article joins the most similar recent story, or opens a new one.

Nothing is ever reclustered. Candidate stories come from an inverted index (``story_features``) over the article's
strongest words, entity keys and actor codes, limited to stories seen within a time window and to the most recent
few per feature — so the work per article stays flat as the store grows. The score mixes the cosine of word vectors
with the cosine of entity/actor vectors; across languages only the language-neutral entity ids and actor codes
count.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from warta.data import Article
from warta.stories.features import (
    Features,
    cosine,
    document_count,
    raw_features,
    update_df,
    weigh,
)


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Knobs of the online clustering (defaults measured on the detik-news story set, see ``evaluate.py``)."""

    threshold: float = 0.25  # minimum score to join a story
    window_days: int = 7  # a story takes articles seen within this many days of its first/last article
    text_weight: float = 0.6  # share of the word cosine in the score (the rest: entities and actor codes)
    cross_language_discount: float = 0.8  # entity-only score across languages is trusted a little less
    lookup_terms: int = 12  # the article's strongest words used to find candidate stories
    lookup_entities: int = 12
    per_feature: int = 20  # most recent stories fetched per feature
    max_candidates: int = 40  # stories scored per article at most
    centroid_terms: int = 150
    members: int = 8  # recent member vectors kept per story; the score is the best match among them
    member_terms: int = 40


DEFAULT_CLUSTER = ClusterSettings()


@dataclass(slots=True)
class Assignment:
    """Where an article went: its story, the score that put it there, whether the story is new."""

    story_id: int
    score: float
    new: bool


def seen_date(article: Article, at: str) -> str:
    """The day the article counts for: its publication date, else when it was ingested (``YYYY-MM-DD``)."""
    for value in (article.published, at):
        if value and len(value) >= 10 and value[4] == "-":
            return value[:10]
    return at[:10]


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):  # "0001-01-01" minus a window is before year 1
        return day


def _lookup_features(vec: Features, cfg: ClusterSettings) -> list[str]:
    terms = sorted(vec.terms, key=lambda t: -vec.terms[t])[: cfg.lookup_terms]
    ents = sorted(vec.entities, key=lambda k: -vec.entities[k])[: cfg.lookup_entities]
    return [f"t:{t}" for t in terms] + [f"e:{k}" for k in ents]


def _candidates(conn: sqlite3.Connection, features: list[str], day: str, cfg: ClusterSettings) -> list[int]:
    since = _shift(day, -cfg.window_days)
    hits: dict[int, int] = {}
    for feature in features:
        for (story_id,) in conn.execute(
            "SELECT story_id FROM story_features WHERE feature = ? AND last_seen >= ? ORDER BY last_seen DESC LIMIT ?",
            (feature, since, cfg.per_feature),
        ):
            hits[story_id] = hits.get(story_id, 0) + 1
    return sorted(hits, key=lambda s: -hits[s])[: cfg.max_candidates]


def pair_score(vec: Features, other: dict[str, Any], language: str | None, cfg: ClusterSettings) -> float:
    """Similarity of an article's vectors to another vector pair (``{"t": terms, "e": entities}``)."""
    ent = cosine(vec.entities, other.get("e", {}))
    if language and vec.language and language != vec.language:
        return cfg.cross_language_discount * ent
    text = cosine(vec.terms, other.get("t", {}))
    if not vec.entities or not other.get("e"):
        return text
    return cfg.text_weight * text + (1 - cfg.text_weight) * ent


def score(vec: Features, centroid: dict[str, Any], language: str | None, cfg: ClusterSettings) -> float:
    """Similarity of an article to a story: its best match among the story's recent articles (or the centroid)."""
    members = centroid.get("m") or [centroid]
    return max(pair_score(vec, m, language, cfg) for m in members)


def _top(vec: dict[str, float], n: int) -> dict[str, float]:
    return {k: round(v, 4) for k, v in sorted(vec.items(), key=lambda kv: -kv[1])[:n]}


def _merge(centroid: dict[str, Any], vec: Features, cfg: ClusterSettings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part, new in (("t", vec.terms), ("e", vec.entities)):
        acc = dict(centroid.get(part, {}))
        for k, v in new.items():
            acc[k] = acc.get(k, 0.0) + v
        out[part] = _top(acc, cfg.centroid_terms)
    member = {"t": _top(vec.terms, cfg.member_terms), "e": _top(vec.entities, cfg.member_terms)}
    out["m"] = [*centroid.get("m", []), member][-cfg.members :]
    return out


def assign_article(
    conn: sqlite3.Connection, article: Article, at: str, cfg: ClusterSettings = DEFAULT_CLUSTER
) -> Assignment:
    """Put a stored article into a story (its MinHash row must already be written: it counts the documents)."""
    existing = conn.execute("SELECT story_id, score FROM story_articles WHERE article_id = ?", (article.id,))
    if row := existing.fetchone():
        return Assignment(int(row[0]), float(row[1]), False)
    raw = raw_features(article)
    update_df(conn, raw)
    vec = weigh(conn, raw, max(document_count(conn), 1))
    day = seen_date(article, at)
    low, high = _shift(day, -cfg.window_days), _shift(day, cfg.window_days)
    best: tuple[float, int, dict[str, Any]] | None = None
    centroid: dict[str, Any]
    for story_id in _candidates(conn, _lookup_features(vec, cfg), day, cfg):
        first, last, language, centroid_json = conn.execute(
            "SELECT first_seen, last_seen, language, centroid FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if last < low or first > high:
            continue
        centroid = json.loads(centroid_json)
        s = score(vec, centroid, language, cfg)
        if s >= cfg.threshold and (best is None or s > best[0]):
            best = (s, story_id, centroid)
    if best is None:
        cur = conn.execute(
            "INSERT INTO stories (title, language, first_seen, last_seen, articles, sources, centroid, created, "
            "updated) VALUES (?, ?, ?, ?, 0, 0, '{}', ?, ?)",
            (article.title, article.language, day, day, at, at),
        )
        story_id, s, new = int(cur.lastrowid or 0), 1.0, True
        centroid = {}
    else:
        s, story_id, centroid = best
        new = False
    conn.execute(
        "INSERT INTO story_articles (story_id, article_id, score, seen) VALUES (?, ?, ?, ?)",
        (story_id, article.id, round(s, 4), day),
    )
    conn.executemany(
        "INSERT INTO story_features (feature, story_id, last_seen) VALUES (?, ?, ?) "
        "ON CONFLICT(feature, story_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)",
        [(f, story_id, day) for f in _lookup_features(vec, cfg)],
    )
    conn.execute(
        "UPDATE stories SET centroid = ?, updated = ? WHERE id = ?",
        (json.dumps(_merge(centroid, vec, cfg), ensure_ascii=False), at, story_id),
    )
    refresh_story(conn, story_id)
    return Assignment(story_id, s, new)


def refresh_story(conn: sqlite3.Connection, story_id: int) -> None:
    """Recount a story's articles and independent sources and its time span from its members."""
    conn.execute(
        "UPDATE stories SET (articles, sources, first_seen, last_seen) = (SELECT count(*), "
        "count(DISTINCT coalesce(o.source_key, a.domain)), min(s.seen), max(s.seen) FROM story_articles s "
        "JOIN articles a ON a.id = s.article_id LEFT JOIN origins o ON o.article_id = s.article_id "
        "WHERE s.story_id = ?) WHERE id = ?",
        (story_id, story_id),
    )
