"""What an article is about, as sparse weighted vectors: salient words (TF-IDF) and who is involved.

Words are weighted by an inverse document frequency the store keeps up to date (``term_df``), so the weights need
no pass over the whole collection. Entities are keyed by their real-world id when linked (``wikidata:Q159``) —
the same key in any language — else by label and folded text; event actors add language-neutral ``actor:RUS>PRK``
codes.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from warta.data import Article
from warta.stories.minhash import words

#: Terms kept per article vector, and per story centroid.
ARTICLE_TERMS = 60
#: Words shorter than this carry little topic (``di``, ``ke``, ``yang`` are also common enough to get no weight).
MIN_WORD = 3

# Function words and news boilerplate that IDF alone weighs too high while the store is young.
_STOPWORDS = """yang dan di ke dari untuk dengan pada dalam ini itu tersebut adalah akan telah sudah juga tidak
    bisa dapat ada oleh sebagai karena atau namun tetapi saat kata ujar ucap jelas ungkap menurut bahwa para lebih agar
    seperti kami kita mereka dia ia nya saya anda hal masih hanya secara terhadap antara setelah sejak hingga
    sampai baru bagi jika kalau serta pun lagi belum harus banyak sangat lain pihak tahun hari senin selasa rabu
    kamis jumat sabtu minggu detik detikcom baca juga berita jakarta the and for that with this from was were
    are has have had will would said says about into after over their they which been more than also its
    """
STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass(slots=True)
class Features:
    """An article's sparse vectors: ``terms`` (raw counts until weighted) and ``entities`` (key → weight)."""

    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    language: str | None = None


# A run of capitalised words inside a sentence: names the entity stage may not know (``Perry Warjiyo``).
_NAME = re.compile(r"(?<=[a-z,;:] )((?:[A-Z][a-z]+|[A-Z]{2,6})(?: (?:[A-Z][a-z]+|[A-Z]{2,6})){0,3})")


def names(text: str) -> Counter[str]:
    """Capitalised word runs not at a sentence start, folded (``name:perry warjiyo``)."""
    return Counter("name:" + " ".join(words(m)) for m in _NAME.findall(text) if m.casefold() not in STOPWORDS)


def entity_key(text: str, label: str, entity_id: str | None) -> str:
    return entity_id if entity_id else f"{label}:{' '.join(words(text))}"


def raw_features(article: Article) -> Features:
    """Counts of content words in title and body (title words twice), entity keys and actor codes."""
    counts: Counter[str] = Counter()
    for w in words(article.text) + 2 * words(article.title or ""):
        if len(w) >= MIN_WORD and w not in STOPWORDS and not w.isdigit():
            counts[w] += 1
    entities: Counter[str] = Counter()
    for e in article.entities:
        entities[entity_key(e.text, e.label, e.id)] += 1
    entities.update(names(article.text))
    for ev in article.events:
        actors = sorted({a.country or a.id or "" for a in ev.actor} - {""})
        recipients = sorted({a.country or a.id or "" for a in ev.recipient} - {""})
        for a in actors:
            for r in recipients or ["?"]:
                if a != r:
                    entities[f"actor:{a}>{r}"] += 1
    return Features(
        {t: float(c) for t, c in counts.items()},
        {k: 1.0 + math.log(c) for k, c in entities.items()},
        article.language,
    )


def update_df(conn: sqlite3.Connection, features: Features) -> None:
    """Count the article in the document frequencies of its terms and entity keys."""
    conn.executemany(
        "INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
        [(t,) for t in [*features.terms, *features.entities]],
    )


def document_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM minhash").fetchone()[0])


def weigh(conn: sqlite3.Connection, features: Features, n_docs: int) -> Features:
    """TF-IDF weights (sublinear tf, smoothed idf), the top :data:`ARTICLE_TERMS` terms, L2-normalised."""
    keys = [*features.terms, *features.entities]
    df: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        df.update(conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk).fetchall())

    def idf(key: str) -> float:
        return math.log((n_docs + 1) / (df.get(key, 0) + 1)) + 1.0

    terms = {t: (1.0 + math.log(c)) * idf(t) for t, c in features.terms.items()}
    top = dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:ARTICLE_TERMS])
    ents = {k: w * idf(k) for k, w in features.entities.items()}
    return Features(normalise(top), normalise(ents), features.language)


def normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two sparse vectors (either may be unnormalised)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)
