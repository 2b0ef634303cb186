"""Shards, the unit of work: one input file each, known by absolute path, size and modification time."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from warta.ingest.files import STDIN, expand
from warta.store.runs import ShardKey


@dataclass(frozen=True, slots=True)
class Shard:
    """One input file to run the stages over. ``name`` is the path as given (it is the stored ``input``)."""

    name: str
    key: ShardKey | None  # None for stdin, which cannot be resumed

    @property
    def size(self) -> int:
        return self.key.size if self.key else 0


@dataclass(frozen=True, slots=True)
class Problem:
    """A path that gives nothing to read, and why (stored as a rejection of stage ``ingest``)."""

    name: str
    reason: str


def shard_key(name: str) -> ShardKey:
    st = os.stat(name)
    return ShardKey(os.path.abspath(name), st.st_size, st.st_mtime_ns)


def discover(paths: Sequence[str]) -> tuple[list[Shard], list[Problem]]:
    """The shards under ``paths`` (directories walked recursively, in sorted order) and the paths that gave none."""
    shards: list[Shard] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for name, problem in expand(list(paths)):
        if problem:
            problems.append(Problem(name, problem))
            continue
        if name == STDIN:
            shards.append(Shard(name, None))
            continue
        try:
            key = shard_key(name)
        except OSError as exc:
            problems.append(Problem(name, f"cannot read: {exc.strerror or exc}"))
            continue
        if key.path in seen:  # the same file named twice (a file and its folder) is one shard
            continue
        seen.add(key.path)
        shards.append(Shard(name, key))
    return shards, problems
