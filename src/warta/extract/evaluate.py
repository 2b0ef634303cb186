"""The article-extraction benchmark (AEB) metric, shared by ``bench/extraction.py`` and the quality gate.

ScrapingHub's metric: ``\\w+`` tokens form 4-word shingles (a multiset); per page TP/FP/FN are normalised to sum 1
so long pages do not weigh more; precision is averaged over pages with non-empty output, recall over all pages,
and F1 is the harmonic mean of those two averages.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

#: Normalised (tp, fp, fn) of one page.
Counts = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Scores:
    """Averaged scores over a set of pages."""

    f1: float
    precision: float
    recall: float
    pages: int


def tokens(text: str) -> list[str]:
    """The metric's tokens: maximal runs of word characters."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles; a text shorter than ``n`` tokens is one short shingle (as in AEB)."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


def page_counts(expected: str, predicted: str, n: int = 4) -> Counts:
    """Normalised TP/FP/FN of one page."""
    true, pred = shingles(expected, n), shingles(predicted, n)
    tp = fp = fn = 0.0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_of(c: Counts) -> float:
    """One page's precision (1 when both texts are empty)."""
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def recall_of(c: Counts) -> float:
    """One page's recall (1 when both texts are empty)."""
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def aggregate(counts: Iterable[Counts]) -> Scores:
    """Precision over pages with output, recall over all pages, F1 of the two averages."""
    pages = list(counts)
    precisions = [precision_of(c) for c in pages if c[0] + c[1] > 0]
    recalls = [recall_of(c) for c in pages]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return Scores(f1=f1, precision=precision, recall=recall, pages=len(pages))


def evaluate(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Scores for ``(expected, predicted)`` body pairs."""
    return aggregate(page_counts(e, p) for e, p in pairs)


@dataclass(frozen=True, slots=True)
class Case:
    """One benchmark page: raw HTML and the expected body."""

    id: str
    html: bytes
    expected: str
    url: str | None = None


def load_aeb(folder: Path, limit: int | None = None) -> list[Case]:
    """AEB pages (``html/<id>.html.gz`` + ``ground-truth.json``), sorted by id; ``limit`` keeps the first ones."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    cases = []
    for key in sorted(truth)[:limit]:
        body = truth[key].get("articleBody") or ""
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        cases.append(Case(key, html, body, truth[key].get("url")))
    return cases


def load_manifest(folder: Path) -> list[Case]:
    """Pages listed in ``manifest.jsonl`` that have an expected ``body`` (the others are skipped)."""
    cases = []
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if not row.get("body"):
            continue
        cases.append(Case(row["file"], (folder / row["file"]).read_bytes(), row["body"], row.get("url")))
    return cases


def file_digest(path: Path) -> str:
    """sha256 of a data file, pinned by the gate so a changed data set is noticed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
