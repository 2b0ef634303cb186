"""Measure near-duplicates, story clustering and independent-source counts on the generated detik-news set.

    python -m warta.stories.evaluate [../shared/data/news/detik-news/data_berita_dev.csv] [--stories 120]

The pages go through the real pipeline (origin, extraction with its cleaner, language, gazetteer entities, events)
into a fresh store, exactly as ``warta ingest`` would put them; the scores compare the store's copies and stories
with the gold labels of :mod:`warta.stories.testset`.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

from warta.stories.cluster import DEFAULT_CLUSTER, ClusterSettings
from warta.stories.testset import DEFAULT_DATA, Doc, build, digest


@dataclass(slots=True)
class Scores:
    documents: int
    stored_articles: int
    dup_precision: float
    dup_recall: float
    dup_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    article_bcubed_f1: float  # over the stored articles only (reports and singletons, copies left out)
    sources_exact: float  # share of gold stories whose independent-source count is exactly right
    sources_overcount: float  # share counted too high (the error syndication causes)
    naive_overcount: float  # the same share if every domain counted as a source
    sources_double_counted: float  # share of stored stories counting more sources than their pages' gold publishers
    seconds: float
    digest: str

    def to_dict(self) -> dict[str, float | int | str]:
        return asdict(self)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = defaultdict(list)
    for item, g in groups.items():
        by[g].append(item)
    return {tuple(sorted(p)) for members in by.values() for p in combinations(members, 2)}  # type: ignore[misc]


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` against ``gold`` (item → cluster)."""
    items = [i for i in gold if i in pred]
    g_by: dict[str, set[str]] = defaultdict(set)
    p_by: dict[str, set[str]] = defaultdict(set)
    for i in items:
        g_by[gold[i]].add(i)
        p_by[pred[i]].add(i)
    p = r = 0.0
    for i in items:
        same_pred, same_gold = p_by[pred[i]], g_by[gold[i]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    n = max(len(items), 1)
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(docs: list[Doc], db: Path, cluster: ClusterSettings = DEFAULT_CLUSTER) -> dict[str, tuple[str, int | None]]:
    """Ingest the pages into ``db``; each page's key → (stored article id, story id)."""
    from warta.events import EventStage
    from warta.extract import ExtractStage
    from warta.language import LanguageStage
    from warta.nlp import EntityStage
    from warta.pipeline.runner import Pipeline
    from warta.store import Store
    from warta.stories.origin import OriginStage

    stages = [OriginStage(), ExtractStage(), LanguageStage(), EntityStage(use_model=False), EventStage()]
    with Store(db, cluster=cluster) as store:
        store.write(Pipeline(stages).run(d.page() for d in docs))
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT c.record, c.article_id, s.story_id FROM copies c "
            "LEFT JOIN story_articles s ON s.article_id = c.article_id"
        ).fetchall()
    finally:
        conn.close()
    return {record: (article_id, story_id) for record, article_id, story_id in rows}


def score(docs: list[Doc], placed: dict[str, tuple[str, int | None]], db: Path) -> dict[str, float | int]:
    kept = [d for d in docs if d.key in placed]
    gold_dup = {d.key: d.dup_group for d in kept}
    pred_dup = {d.key: placed[d.key][0] for d in kept}
    gp, pp = _pairs(gold_dup), _pairs(pred_dup)
    dp, dr, df = _prf(len(gp & pp), len(pp - gp), len(gp - pp))
    gold_story = {d.key: d.story for d in kept}
    pred_story = {d.key: f"story{placed[d.key][1]}" for d in kept}
    bp, br, bf = bcubed(gold_story, pred_story)
    originals = [d for d in kept if d.key == d.dup_group]
    _, _, af = bcubed({d.key: d.story for d in originals}, {d.key: pred_story[d.key] for d in originals})
    conn = sqlite3.connect(db)
    try:
        counts = dict(conn.execute("SELECT id, sources FROM stories").fetchall())
    finally:
        conn.close()
    by_story: dict[str, list[Doc]] = defaultdict(list)
    for d in kept:
        by_story[d.story].append(d)
    exact = over = naive_over = 0
    for members in by_story.values():
        gold_sources = len({d.publisher for d in members})
        first = min(members, key=lambda d: (d.key != d.dup_group, d.published))
        predicted = counts.get(placed[first.key][1], 0)
        exact += predicted == gold_sources
        over += predicted > gold_sources
        naive_over += len({d.domain for d in members}) > gold_sources
    n = max(len(by_story), 1)
    # Whatever the clustering did, a story must not count more independent sources than the gold publishers of
    # the pages it holds: more means a copy or a syndicated page was counted as a source of its own.
    pages_in: dict[int | None, set[str]] = defaultdict(set)
    for d in kept:
        pages_in[placed[d.key][1]].add(d.publisher)
    double = sum(counts.get(sid, 0) > len(pubs) for sid, pubs in pages_in.items())
    return {
        "documents": len(kept),
        "stored_articles": len({v[0] for v in placed.values()}),
        "dup_precision": dp, "dup_recall": dr, "dup_f1": df,
        "bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": bf,
        "article_bcubed_f1": af,
        "sources_exact": exact / n, "sources_overcount": over / n, "naive_overcount": naive_over / n,
        "sources_double_counted": double / max(len(pages_in), 1),
    }  # fmt: skip


def evaluate(
    path: Path = DEFAULT_DATA,
    *,
    stories: int = 120,
    singletons: int = 150,
    seed: int = 6,
    cluster: ClusterSettings = DEFAULT_CLUSTER,
) -> Scores:
    """Build the set, ingest it into a temporary store, and score it."""
    start = time.perf_counter()
    docs = build(path, stories=stories, singletons=singletons, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "stories-eval.db"
        placed = run(docs, db, cluster)
        s = score(docs, placed, db)
    return Scores(
        **{k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()},  # type: ignore[arg-type]
        seconds=round(time.perf_counter() - start, 1),
        digest=digest(path),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="detik-news CSV")
    parser.add_argument("--stories", type=int, default=120)
    parser.add_argument("--singletons", type=int, default=150)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--threshold", type=float, default=DEFAULT_CLUSTER.threshold)
    args = parser.parse_args(argv)
    cfg = ClusterSettings(threshold=args.threshold)
    scores = evaluate(args.data, stories=args.stories, singletons=args.singletons, seed=args.seed, cluster=cfg)
    print(json.dumps(scores.to_dict(), indent=2))


if __name__ == "__main__":
    main()
