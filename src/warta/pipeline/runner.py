"""Run a list of stages over a stream, after checking up front that their order can work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from warta.data import Item, Rejection
from warta.errors import PipelineOrderError
from warta.pipeline.stage import Stage

#: Fields an article has before any stage runs: the raw page and its provenance, set by ingest.
INITIAL_FIELDS = frozenset({"page", "provenance", "source"})


def check_order(stages: Sequence[Stage], available: frozenset[str] = INITIAL_FIELDS) -> None:
    """Raise :class:`PipelineOrderError` if a stage requires a field no earlier stage assigns."""
    have = set(available)
    for stage in stages:
        missing = stage.requires - have
        if missing:
            raise PipelineOrderError(
                f"stage '{stage.name}' needs {sorted(missing)}, which no earlier stage sets "
                f"(order: {[s.name for s in stages]})"
            )
        have |= stage.assigns


@dataclass
class RunStats:
    """Counters of one run: per stage, and rejections by reason."""

    stages: dict[str, Counter[str]] = field(default_factory=dict)
    rejected: Counter[str] = field(default_factory=Counter)
    documents: int = 0


class Pipeline:
    """An ordered list of stages, checked at construction."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        check_order(stages)
        self.stages = list(stages)

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """Chain the stages lazily over ``items``."""
        stream: Iterable[Item] = items
        for stage in self.stages:
            stream = stage.run(stream)
        yield from stream

    def stats(self) -> RunStats:
        out = RunStats()
        for stage in self.stages:
            out.stages[stage.name] = Counter(stage.stats)
        return out

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]


def split(items: Iterable[Item]) -> tuple[list[Item], list[Rejection]]:
    """Separate documents from rejections (tests and small batches)."""
    docs: list[Item] = []
    rejects: list[Rejection] = []
    for item in items:
        (rejects if isinstance(item, Rejection) else docs).append(item)  # type: ignore[arg-type]
    return docs, rejects
