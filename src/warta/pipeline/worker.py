"""What runs one shard: read it, run the stages, hand back chunks of items and the shard's counters.

One :class:`ShardWorker` lives in each worker process (or in the main process with ``--workers 1``); its stages
are built on first use and keep their models loaded across shards. Nothing here writes anywhere.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from warta.data import Article, InputFormat, Item
from warta.pipeline.runner import Pipeline
from warta.pipeline.stage import Stage
from warta.settings import DEFAULTS, Settings

#: Builds a process's stage list; must be a module-level function so it can be sent to worker processes.
StageFactory = Callable[[Settings], Sequence[Stage]]

#: Counters of one shard: ``{"read": {"pages": 12, "seconds": 0.1}, "extract": {"ok": 11, …}, …}``.
ShardStats = dict[str, dict[str, float]]


def default_factory(settings: Settings) -> Sequence[Stage]:
    from warta.pipeline.default import default_stages

    return default_stages(settings)


class _Clock:
    """An iterator that adds up the time spent in ``next()`` of the one it wraps (upstream time included)."""

    def __init__(self, it: Iterator[Item]) -> None:
        self.it = it
        self.seconds = 0.0

    def __iter__(self) -> _Clock:
        return self

    def __next__(self) -> Item:
        start = time.perf_counter()
        try:
            return next(self.it)
        finally:
            self.seconds += time.perf_counter() - start


class ShardWorker:
    """Runs the stages over one shard at a time, timing each stage; the pipeline is built once, lazily."""

    def __init__(
        self,
        settings: Settings = DEFAULTS,
        input_format: InputFormat | None = None,
        factory: StageFactory = default_factory,
    ) -> None:
        self.settings = settings
        self.input_format = input_format
        self.factory = factory
        self._pipeline: Pipeline | None = None
        self._stats: ShardStats = {}

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.factory(self.settings))
        return self._pipeline

    def check(self) -> None:
        """Build the pipeline now, so that an impossible stage order fails before any reading."""
        _ = self.pipeline

    def warm(self) -> None:
        """Run one small built-in article through every stage, so that models load now, not on a shard's first
        page (a per-page memory cap set after this counts them in the baseline, not against that page)."""
        from warta.data import Page, Provenance, Source
        from warta.ingest.items import article

        page = Page(content=_WARM_TEXT.encode(), format=InputFormat.TEXT, provenance=Provenance(input="warm-up"),
                    source=Source(domain="warm.example"))  # fmt: skip
        for _ in self.pipeline.run([article(page)]):
            pass
        for stage in self.pipeline.stages:
            stage.stats.clear()

    def run(self, name: str, chunk: int) -> Iterator[list[Item]]:
        """The shard's items in lists of at most ``chunk``; :meth:`take_stats` then gives its counters."""
        from warta.ingest import Reader

        reader = Reader(self.settings)
        clocks = [_Clock(reader.read([name], self.input_format))]
        for stage in self.pipeline.stages:
            stage.stats.clear()
            clocks.append(_Clock(stage.run(clocks[-1])))
        batch: list[Item] = []
        for item in clocks[-1]:
            batch.append(slim(item))
            if len(batch) >= chunk:
                yield batch
                batch = []
        if batch:
            yield batch
        stats: ShardStats = {"read": {**reader.stats, "seconds": clocks[0].seconds}}
        for i, stage in enumerate(self.pipeline.stages, start=1):
            stats[stage.name] = {**stage.stats, "seconds": clocks[i].seconds - clocks[i - 1].seconds}
        self._stats = stats

    def take_stats(self) -> ShardStats:
        out, self._stats = self._stats, {}
        return out


_WARM_TEXT = (
    "warm.example\nMenlu Bertemu Mitra dari Jepang di Jakarta\nJAKARTA - Menteri Luar Negeri Indonesia bertemu Menteri "
    'Luar Negeri Jepang di Jakarta pada Kamis. "Kami sepakat memperkuat patroli laut," kata Menlu.\n'
)


def slim(item: Item) -> Item:
    """Drop the raw page (its bytes are no longer needed once extracted), keeping its provenance."""
    if isinstance(item, Article) and item.page is not None:
        item.provenance = item.provenance or item.page.provenance
        item.page = None
    return item


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def address_space_bytes() -> int | None:
    """This process's virtual size (what ``RLIMIT_AS`` caps), from ``/proc``; ``None`` where there is none."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


def limit_memory(page_mb: int) -> int | None:
    """Cap this process's address space at its present size plus ``page_mb`` MiB (``0``: lift the cap).

    Called before each shard, so models loaded so far are the baseline: a page that needs more than ``page_mb``
    on top fails with :class:`MemoryError` — a rejection, like any failing page — instead of swapping or waking
    the kernel's OOM killer. Returns the cap in bytes, or ``None`` when there is none (or no way to set one).
    """
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    size = address_space_bytes() if page_mb > 0 else None
    if size is None:
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        return None
    cap = size + (page_mb << 20)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap


def merge_stats(total: ShardStats, part: ShardStats) -> None:
    """Add ``part``'s counters into ``total``."""
    for stage, counters in part.items():
        into = total.setdefault(stage, {})
        for key, value in counters.items():
            into[key] = into.get(key, 0) + value


def rounded(stats: ShardStats) -> dict[str, dict[str, Any]]:
    """Counters as ints and seconds to the millisecond, for storing as JSON."""
    return {
        stage: {k: (round(v, 3) if k == "seconds" else int(v)) for k, v in sorted(counters.items())}
        for stage, counters in stats.items()
    }


def extract_factory(settings: Settings) -> Sequence[Stage]:
    """Extraction and language id only: no models to load (tests, and the benchmark's extraction column)."""
    from warta.extract import ExtractStage
    from warta.language import LanguageStage

    return [ExtractStage(settings), LanguageStage(settings)]
