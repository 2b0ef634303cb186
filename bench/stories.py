"""Per-article cost of the stories step (near-duplicate check, origin, clustering) as the store grows.

    python bench/stories.py [--articles 100000] [--block 5000] [--db /tmp/stories-bench.db]

Articles are synthetic (Zipf-distributed words from a 20,000-word vocabulary, a few thousand recurring names, one
story in five with follow-ups, one article in ten republished as a near copy), written straight to the store, so
the numbers are the stories step plus the store's own inserts — no extraction or NLP. Prints one line per block:
articles stored so far, milliseconds per article in that block, and the database size.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

from warta.data import Article, Entity, Source
from warta.store import Store


def _articles(n: int, seed: int = 6) -> list[Article]:
    rng = random.Random(seed)
    vocab = [f"kata{i}" for i in range(20_000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    names = [f"Tokoh{i} Nama{i}" for i in range(3_000)]
    out: list[Article] = []
    day0 = date(2025, 1, 1)
    for i in range(n):
        day = day0 + timedelta(days=i * 365 // n)
        if out and rng.random() < 0.1:  # a republished copy of a recent article, lightly edited
            src = out[rng.randrange(max(0, len(out) - 200), len(out))]
            words = src.text.split()
            del words[rng.randrange(len(words))]
            text = " ".join(words)
            ents = src.entities
        else:
            text = " ".join(rng.choices(vocab, weights, k=350))
            people = rng.sample(names, 3)
            text = f"{people[0]} berkata {text} menurut {people[1]}"
            ents = [Entity(p, "PER", 0, 1) for p in people]
        out.append(
            Article(
                id=f"b{i}",
                source=Source(domain=f"site{rng.randrange(50)}.id"),
                title=" ".join(text.split()[:8]),
                text=text,
                published=day.isoformat(),
                language="id",
                entities=ents,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--block", type=int, default=5_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/stories-bench.db"))
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    articles = _articles(args.articles)
    print(f"{'stored':>8} {'ms/article':>10} {'copies':>7} {'stories':>8} {'db MB':>7} {'KB/article':>10}")
    with Store(args.db) as store:
        for start in range(0, len(articles), args.block):
            block = articles[start : start + args.block]
            t = time.perf_counter()
            report = store.write(block, batch_size=500)
            ms = (time.perf_counter() - t) * 1000 / len(block)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = args.db.stat().st_size / 1e6
            stored = store.count()
            print(
                f"{stored:>8} {ms:>10.2f} {report.copies:>7} {store.count('stories'):>8} {size:>7.1f} "
                f"{size * 1000 / max(stored, 1):>10.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
