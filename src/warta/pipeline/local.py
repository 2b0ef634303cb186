"""The local runner: shards over a pool of worker processes, results written by this process into SQLite.

Workers only read and compute; the parent is the single writer (one transaction per batch), so SQLite never sees
two writers. A shard is recorded as finished once all its items are committed, so a rerun after an interruption
(even ``kill -9``) skips what was finished, reads the rest again and, content ids being deterministic, stores no
duplicate.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from warta.data import InputFormat, Item, Rejection
from warta.errors import StoreError
from warta.pipeline.shards import Problem, Shard, discover
from warta.pipeline.worker import (
    ShardStats,
    ShardWorker,
    StageFactory,
    default_factory,
    limit_memory,
    merge_stats,
    peak_rss_mb,
    rounded,
)
from warta.settings import DEFAULTS, Settings
from warta.store import Store, WriteReport
from warta.store.runs import done_shard, finish_run, mark_shard, start_run
from warta.store.store import explain, now

log = logging.getLogger(__name__)
T = TypeVar("T")


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: Without ``--workers``, one worker per this many input bytes (up to all cores): a worker's first seconds go to
#: loading the models, which only pays off over a few hundred pages.
AUTO_BYTES_PER_WORKER = 4 << 20


@dataclass
class RunProgress:
    """Where a run stands, for a progress bar: files, documents, rejections, elapsed time."""

    files: int = 0
    files_done: int = 0
    skipped: int = 0
    documents: int = 0
    rejected: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        return self.documents / max(time.monotonic() - self.started, 1e-9)


@dataclass
class RunReport:
    """What a run did. Documents and rejections of skipped shards count as unchanged and rejected."""

    run_id: int
    workers: int
    shards: int = 0
    skipped: int = 0
    write: WriteReport = field(default_factory=WriteReport)
    seconds: float = 0.0
    stats: ShardStats = field(default_factory=dict)
    rejections: Counter[str] = field(default_factory=Counter)
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # per worker process id

    @property
    def documents(self) -> int:
        return self.write.documents

    def stats_json(self) -> dict[str, Any]:
        return {
            "stages": rounded(self.stats),
            "rejections": dict(self.rejections.most_common()),
            "peak_rss_mb": {str(pid): round(mb, 1) for pid, mb in sorted(self.peak_rss_mb.items())},
        }


def reason_key(rejection: Rejection) -> str:
    """``stage: reason`` with the specifics (after the first colon) cut, so that reasons can be counted."""
    reason = rejection.reason.split(": ", 1)[0] if ": " in rejection.reason else rejection.reason
    return f"{rejection.stage}: {reason[:80]}"


class LocalRunner:
    """Run the stages over the shards under some paths into a :class:`~warta.store.Store`.

    ``workers`` processes (default: all cores; 1 runs in this process). ``on_items`` sees every chunk before it
    is written, ``on_batch`` every committed batch, ``on_progress`` the run's state after each chunk.
    """

    def __init__(
        self,
        store: Store,
        settings: Settings = DEFAULTS,
        *,
        workers: int | None = None,
        input_format: InputFormat | None = None,
        resume: bool = True,
        factory: StageFactory = default_factory,
        on_items: Callable[[list[Item]], None] | None = None,
        on_batch: Callable[[WriteReport], None] | None = None,
        on_progress: Callable[[RunProgress], None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.workers = workers
        self.input_format = input_format
        self.resume = resume
        self.factory = factory
        self.on_items = on_items
        self.on_batch = on_batch
        self.on_progress = on_progress
        self._partial: dict[str, WriteReport] = {}  # per-shard write counts until the shard is finished

    def run(self, paths: Sequence[str]) -> RunReport:
        worker = ShardWorker(self.settings, self.input_format, self.factory)
        worker.check()  # an impossible stage order fails before anything is read or recorded
        shards, problems = discover(paths)
        conn = self.store.conn
        todo: list[Shard] = []
        progress = RunProgress(files=len(shards))
        report = RunReport(run_id=0, workers=1)
        for shard in shards:
            done = done_shard(conn, shard.key) if self.resume and shard.key else None
            if done is None:
                todo.append(shard)
                continue
            report.skipped += 1
            report.write.unchanged += done.documents
            report.write.rejected += done.rejected
            progress.files_done += 1
            progress.skipped += 1
            progress.documents += done.documents
            progress.rejected += done.rejected
        pooled = [s for s in todo if s.key is not None]
        report.workers = self._workers(pooled)
        report.run_id = self._record(start_run, conn, engine="local", workers=report.workers, at=now())
        status = "interrupted"
        try:
            self._write(_problem_items(problems), None, report, progress)
            if report.workers > 1:
                self._pool(pooled, report, progress)
                local = [s for s in todo if s.key is None]  # stdin: read here
            else:
                local = todo
            for shard in local:
                for chunk in worker.run(shard.name, self.settings.batch_size):
                    self._write(chunk, shard, report, progress)
                self._shard_done(shard, worker.take_stats(), os.getpid(), report, progress)
            if local:
                report.peak_rss_mb[os.getpid()] = peak_rss_mb()
            status = "done"
        except Exception:
            status = "failed"
            raise
        finally:
            report.seconds = time.monotonic() - progress.started
            counts = {
                "shards": report.shards, "skipped": report.skipped, "documents": report.documents,
                "inserted": report.write.inserted, "unchanged": report.write.unchanged,
                "rejected": report.write.rejected,
            }  # fmt: skip
            try:
                self._record(finish_run, conn, report.run_id, status=status, at=now(), counts=counts,
                             seconds=report.seconds, stats=report.stats_json())  # fmt: skip
            except StoreError as exc:
                if status == "done":
                    raise
                log.warning("%s", exc)  # the error that stopped the run is the one to report
        return report

    def _record(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A write to the run log; a database failure becomes a :class:`StoreError` saying why."""
        try:
            return write(*args, **kwargs)
        except sqlite3.Error as exc:
            conn = self.store.conn
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot record the run in {self.store.path}: {explain(exc, self.store.path)}") from exc

    def _workers(self, shards: list[Shard]) -> int:
        """How many processes: as asked, else all cores; never more than files, and for a few small files
        (less than :data:`AUTO_BYTES_PER_WORKER` each worker) fewer, as each worker loads the models first."""
        if self.workers is not None:
            wanted = self.workers
        else:
            total = sum(s.size for s in shards)
            wanted = min(default_workers(), max(1, -(-total // AUTO_BYTES_PER_WORKER)))
        return max(1, min(wanted, len(shards)))

    # -- the pool --------------------------------------------------------------------------------------------

    def _pool(self, shards: list[Shard], report: RunReport, progress: RunProgress) -> None:
        ctx = _context()
        tasks: mp.Queue[tuple[int, str] | None] = ctx.Queue()
        results: mp.Queue[tuple[str, int, Any]] = ctx.Queue()
        # biggest first, so that one large file does not finish last on its own
        order = sorted(range(len(shards)), key=lambda i: -shards[i].size)
        for i in order:
            tasks.put((i, shards[i].name))
        # Workers hold only the reading end of this pipe: it reads as closed once this process is gone (even after
        # kill -9), and then they stop, as nobody would write what they compute.
        lifeline, keep = ctx.Pipe(duplex=False)
        procs: list[BaseProcess] = []

        def start_worker() -> None:
            args = (self.settings, self.input_format, self.factory, tasks, results, self.settings.batch_size,
                    lifeline)  # fmt: skip
            proc = ctx.Process(target=worker_main, args=args, daemon=True)  # type: ignore[attr-defined]
            proc.start()
            procs.append(proc)

        for _ in range(report.workers):
            tasks.put(None)
            start_worker()
        running: dict[int, int] = {}  # shard index → worker pid
        left = len(shards)
        stopped = 0
        try:
            while left:
                try:
                    kind, index, payload = results.get(timeout=0.5)
                except queue.Empty:
                    if _check_alive(procs, running, shards):
                        stopped += 1  # every worker exited: what they sent must have arrived by now
                        if stopped > 4:
                            raise RuntimeError("the worker processes stopped before every file was finished") from None
                    continue
                if kind == "start":
                    running[index] = payload
                elif kind == "items":
                    self._write(payload, shards[index], report, progress)
                elif kind == "done":
                    stats, pid, rss = payload
                    running.pop(index, None)
                    report.peak_rss_mb[pid] = max(report.peak_rss_mb.get(pid, 0.0), rss)
                    self._shard_done(shards[index], stats, pid, report, progress)
                    left -= 1
                elif kind == "oom":  # the shard is a rejection (not marked done: a rerun may give it more room)
                    running.pop(index, None)
                    self._write(_problem_items([Problem(shards[index].name, payload)]), None, report, progress)
                    progress.files_done += 1
                    left -= 1
                    start_worker()  # in place of the one that ended; it takes that one's stop sign
                else:  # "failed": a bug, not bad input (bad input becomes rejections)
                    raise RuntimeError(f"worker failed on {shards[index].name}: {payload}")
        finally:
            for proc in procs:
                proc.join(timeout=0 if left else 5)
                if proc.is_alive():
                    proc.terminate()
                    proc.join(timeout=5)
            keep.close()
            lifeline.close()

    # -- writing ---------------------------------------------------------------------------------------------

    def _write(self, items: list[Item], shard: Shard | None, report: RunReport, progress: RunProgress) -> None:
        if not items:
            return
        if self.on_items is not None:
            self.on_items(items)
        for item in items:
            if isinstance(item, Rejection):
                report.rejections[reason_key(item)] += 1
        written = self.store.write(items, batch_size=self.settings.batch_size, on_batch=self.on_batch)
        report.write.add(written)
        if shard is not None:
            self._partial.setdefault(shard.name, WriteReport()).add(written)
        progress.documents += written.documents
        progress.rejected += written.rejected
        if self.on_progress is not None:
            self.on_progress(progress)

    def _shard_done(
        self, shard: Shard, stats: ShardStats, pid: int, report: RunReport, progress: RunProgress
    ) -> None:
        written = self._partial.pop(shard.name, WriteReport())
        merge_stats(report.stats, stats)
        report.shards += 1
        progress.files_done += 1
        if shard.key is not None:
            conn, key = self.store.conn, shard.key

            def mark() -> None:
                conn.execute("BEGIN IMMEDIATE")
                mark_shard(conn, key, run_id=report.run_id, documents=written.documents, rejected=written.rejected,
                           at=now())  # fmt: skip
                conn.execute("COMMIT")

            self._record(mark)
        if self.on_progress is not None:
            self.on_progress(progress)


def _problem_items(problems: list[Problem]) -> list[Item]:
    from warta.ingest.items import reject

    return [reject(p.name, p.reason) for p in problems]


def _context() -> BaseContext:
    # forkserver: workers start from a clean, single-threaded server process (safe even when the parent has
    # threads, e.g. a test process that started Ray), with Warta's modules preloaded once.
    if sys.platform.startswith("linux"):
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["warta.pipeline.worker"])
        return ctx
    return mp.get_context("spawn")


def _check_alive(procs: list[BaseProcess], running: dict[int, int], shards: list[Shard]) -> bool:
    """Raise if a worker died; ``True`` when every worker has exited normally."""
    for proc in procs:
        if proc.exitcode not in (None, 0):
            held = [shards[i].name for i, pid in running.items() if pid == proc.pid]
            where = f" while reading {held[0]}" if held else ""
            raise RuntimeError(f"worker process {proc.pid} died (exit code {proc.exitcode}){where}")
    return all(proc.exitcode is not None for proc in procs)


def worker_main(
    settings: Settings,
    input_format: InputFormat | None,
    factory: StageFactory,
    tasks: mp.Queue[tuple[int, str] | None],
    results: mp.Queue[tuple[str, int, Any]],
    chunk: int,
    lifeline: Connection,
) -> None:
    """A worker process: take shards until told to stop, send their items and counters back."""
    worker = ShardWorker(settings, input_format, factory)
    index = -1
    warm = bool(settings.page_memory_mb)
    try:
        for index, name in _tasks(tasks, lifeline):
            if warm:  # models in memory before the first cap (after taking a shard, so workers share them out)
                worker.warm()
                warm = False
            limit_memory(settings.page_memory_mb)
            results.put(("start", index, os.getpid()))
            for items in worker.run(name, chunk):
                if lifeline.poll():
                    raise _Orphaned
                results.put(("items", index, items))
            results.put(("done", index, (worker.take_stats(), os.getpid(), peak_rss_mb())))
    except _Orphaned:
        results.cancel_join_thread()  # nobody will read what is still buffered: do not wait at exit to send it
    except MemoryError:
        # Past the cap outside any one page's guard (a page's own MemoryError is already its rejection): this
        # process may be in a bad state, so it reports the shard and ends; the parent starts a fresh one.
        limit_memory(0)
        reason = f"out of memory: needed more than page_memory_mb={settings.page_memory_mb} MiB"
        results.put(("oom", index, reason))
    except Exception as exc:
        results.put(("failed", index, f"{type(exc).__name__}: {exc}"))
    # on a normal exit the queue's feeder thread sends everything buffered before the process ends


class _Orphaned(Exception):
    """The parent is gone."""


def _tasks(tasks: mp.Queue[tuple[int, str] | None], lifeline: Connection) -> Iterator[tuple[int, str]]:
    """Shards from the queue until the stop sign, or until the parent is gone (its end of ``lifeline`` closed)."""
    while True:
        if lifeline.poll():
            raise _Orphaned
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            continue
        if task is None:
            return
        yield task
