"""The Ray runner: the same stages over the same shards with Ray Data, writing Parquet; and loading it into SQLite.

Ray Data plans it as two steps. Tasks read one shard each and run the cheap leading stages (extract, language);
the model stages (entities, quotes, events) run in a pool of actors that load the models once and autoscale
between 1 and n-1 (on 2 CPUs a fixed pool of 2 would take every CPU and starve the reading tasks). Items cross
the steps pickled; the output is one Parquet table of rows — documents as schema-v1 JSON, rejections, and
per-shard / per-batch counters — plus ``_warta.json``, written last, that marks the output complete.

:func:`load_parquet` then merges that output into a :class:`~warta.store.Store` through :meth:`Store.write`, in
input order, so every table is filled as by the local runner; content ids make a second load change nothing.
Ray and pyarrow are imported only when used (``pip install 'warta[ray]'``).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import pickle
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.data import InputFormat, Item, Rejection, article_from_dict
from warta.errors import MissingDependency, UsageError
from warta.pipeline.shards import Shard, discover
from warta.pipeline.stage import Stage
from warta.pipeline.worker import (
    ShardStats,
    StageFactory,
    default_factory,
    merge_stats,
    peak_rss_mb,
    rounded,
    slim,
)
from warta.settings import DEFAULTS, Settings
from warta.store import Store, WriteReport
from warta.store.runs import ShardKey, finish_run, mark_shard, start_run
from warta.store.store import now

#: Stages that load a model: they run in the actor pool, everything before the first of them in the read tasks.
MODEL_STAGES = frozenset({"nlp", "entities", "quotes", "events"})
#: The marker written last into the output folder; its absence means the run did not finish.
MARKER = "_warta.json"
FORMAT = "warta-ray-v1"
#: Columns of the output table. ``kind`` is ``document`` (``doc`` holds schema-v1 JSON), ``rejection`` (``stage``,
#: ``reason``) or ``stats`` (``doc`` holds one shard's or one batch's counters). ``order`` is the position of the
#: input (problems first, then shards as discovered) and ``seq`` the item's position in it, for loading in order.
COLUMNS = ("order", "seq", "kind", "input", "record", "id", "stage", "reason", "doc")
#: Articles per actor call: large enough for the NER's batching, small enough to keep both CPUs busy.
MODEL_BATCH = 32


@dataclass
class RayReport:
    """What a Ray run wrote."""

    out: Path
    shards: int = 0
    skipped: int = 0
    workers: int = 0
    seconds: float = 0.0


@dataclass
class LoadReport:
    """What a load did: the write totals, the run recorded, and the Ray run's counters."""

    run_id: int
    write: WriteReport = field(default_factory=WriteReport)
    shards: int = 0
    seconds: float = 0.0
    stats: ShardStats = field(default_factory=dict)
    rejections: Counter[str] = field(default_factory=Counter)


# -- running on Ray ----------------------------------------------------------------------------------------------


def run_ray(
    paths: Sequence[str],
    out: str | Path,
    settings: Settings = DEFAULTS,
    *,
    input_format: InputFormat | None = None,
    address: str | None = None,
    cpus: int | None = None,
    factory: StageFactory = default_factory,
    skip: Callable[[Shard], bool] | None = None,
    progress: bool = False,
) -> RayReport:
    """Run the stages over the shards under ``paths`` on Ray, writing Parquet into the empty folder ``out``.

    Without ``address`` a local Ray with ``cpus`` CPUs (default: all cores) is started and stopped; with one
    (``auto``, ``ray://host:10001``) the cluster is joined. ``skip`` leaves out shards (those a database finished);
    ``progress`` shows Ray Data's progress bars.
    """
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} is not an empty folder: give --parquet a new one (load an old one with warta load)")
    try:
        # typed loosely (Any): Ray is optional, and its own annotations change between versions
        ray: Any = importlib.import_module("ray")
        importlib.import_module("ray.data")
    except ImportError as exc:
        raise MissingDependency("ray", "ray") from exc
    _, models = split_stages(factory(settings))  # an impossible order fails here, before Ray starts
    shards, problems = discover(paths)
    report = RayReport(folder)
    todo = [s for s in shards if not (skip and skip(s))]
    report.skipped = len(shards) - len(todo)
    report.shards = len(todo)
    inputs: list[dict[str, Any]] = [{"name": p.name, "problem": p.reason} for p in problems]
    inputs += [{"name": s.name, "problem": ""} for s in todo]
    for order, row in enumerate(inputs):
        row["order"] = order
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    if inputs:
        report.workers = _run(ray, inputs, folder, settings, input_format, factory, bool(models), address, cpus,
                              progress)  # fmt: skip
    report.seconds = time.monotonic() - started
    marker = {
        "format": FORMAT,
        "finished": now(),
        "workers": report.workers,
        "seconds": round(report.seconds, 3),
        "skipped": report.skipped,
        "inputs": [_input_entry(row, todo) for row in inputs],
    }
    (folder / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def _run(
    ray: Any,
    inputs: list[dict[str, Any]],
    folder: Path,
    settings: Settings,
    input_format: InputFormat | None,
    factory: StageFactory,
    models: bool,
    address: str | None,
    cpus: int | None,
    progress: bool,
) -> int:
    """Start (or join) Ray, run the dataset into ``folder``; the cluster's CPUs."""
    own = not ray.is_initialized()
    if own:
        init: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR"}
        if address:
            init["address"] = address
        else:
            from warta.pipeline.local import default_workers

            init["num_cpus"] = cpus or default_workers()
        ray.init(**init)
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = progress
        if not progress:
            logging.getLogger("ray.data").setLevel(logging.ERROR)
        cpus_now = int(ray.cluster_resources().get("CPU", 1))
        ds: Any = ray.data.from_items(inputs, override_num_blocks=len(inputs))  # one read task per input
        ds = ds.flat_map(_read_rows, fn_args=(settings, input_format, factory))
        if models:
            # autoscaling (1, n-1): a fixed pool of n actors would hold every CPU and starve the read tasks
            pool = ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, cpus_now - 1))
            ds = ds.map_batches(ModelStages, fn_constructor_args=(settings, factory), compute=pool,
                                batch_size=MODEL_BATCH, batch_format="pyarrow")  # fmt: skip
        else:
            ds = ds.map_batches(_finish_batch, batch_size=MODEL_BATCH, batch_format="pyarrow")
        ds.write_parquet(str(folder))
        return cpus_now
    finally:
        if own:
            ray.shutdown()


def split_stages(stages: Sequence[Stage]) -> tuple[list[Stage], list[Stage]]:
    """The stages before the first model stage (run while reading) and the rest (run in the actor pool)."""
    from warta.pipeline.runner import check_order

    check_order(stages)
    for i, stage in enumerate(stages):
        if stage.name in MODEL_STAGES:
            return list(stages[:i]), list(stages[i:])
    return list(stages), []


def _input_entry(row: dict[str, Any], todo: list[Shard]) -> dict[str, Any]:
    key = next((s.key for s in todo if s.name == row["name"]), None) if not row["problem"] else None
    entry: dict[str, Any] = {"order": row["order"], "name": row["name"]}
    if key is not None:
        entry.update(path=key.path, size=key.size, mtime_ns=key.mtime_ns)
    return entry


_PREFIX: dict[str, list[Stage]] = {}  # per Ray worker process: the read step's stages, built once


def _read_rows(
    row: dict[str, Any], settings: Settings, input_format: InputFormat | None, factory: StageFactory
) -> Iterator[dict[str, Any]]:
    """One input: read it, run the leading stages; its items pickled in order, then a row of its counters."""
    from warta.ingest import Reader
    from warta.ingest.items import reject
    from warta.pipeline.worker import _Clock

    order = int(row["order"])
    if row["problem"]:
        yield _mid(order, 0, reject(row["name"], row["problem"]))
        return
    stages = _PREFIX.get(factory.__qualname__)
    if stages is None:
        stages = _PREFIX[factory.__qualname__] = split_stages(factory(settings))[0]
    reader = Reader(settings)
    clocks = [_Clock(reader.read([row["name"]], input_format))]
    for stage in stages:
        stage.stats.clear()
        clocks.append(_Clock(stage.run(clocks[-1])))
    seq = 0
    for item in clocks[-1]:
        yield _mid(order, seq, slim(item))
        seq += 1
    stats: ShardStats = {"read": {**reader.stats, "seconds": clocks[0].seconds}}
    for i, stage in enumerate(stages, start=1):
        stats[stage.name] = {**stage.stats, "seconds": clocks[i].seconds - clocks[i - 1].seconds}
    yield {"order": order, "seq": seq, "item": b"", "stats": _stats_json(stats)}


def _mid(order: int, seq: int, item: Item) -> dict[str, Any]:
    return {"order": order, "seq": seq, "item": pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL), "stats": ""}


def _stats_json(stats: ShardStats) -> str:
    return json.dumps({"stages": stats, "pid": os.getpid(), "peak_rss_mb": round(peak_rss_mb(), 1)})


class ModelStages:
    """An actor of the pool: the model stages, built (models loaded) once, run over batches of pickled items."""

    def __init__(self, settings: Settings, factory: StageFactory) -> None:
        self.stages = split_stages(factory(settings))[1]

    def __call__(self, batch: Any) -> Any:
        from warta.pipeline.worker import _Clock

        rows: list[dict[str, Any]] = batch.to_pylist()
        keys: list[tuple[int, int]] = []
        passed: list[dict[str, Any]] = []
        items: list[Item] = []
        for row in rows:
            if row["stats"]:
                passed.append(_final_stats(row))
            else:
                keys.append((row["order"], row["seq"]))
                items.append(pickle.loads(row["item"]))
        # a stage may drop an item (``None``) or turn it into a rejection: outputs find their place by identity,
        # else by provenance (a rejection names its input and record)
        places = _Places(items, keys)
        clocks = [_Clock(iter(items))]
        for stage in self.stages:
            stage.stats.clear()
            clocks.append(_Clock(stage.run(clocks[-1])))
        out = [_final(*places.of(item), item) for item in clocks[-1]]
        stats: ShardStats = {}
        for i, stage in enumerate(self.stages, start=1):
            stats[stage.name] = {**stage.stats, "seconds": clocks[i].seconds - clocks[i - 1].seconds}
        if items:
            out.append(_final_stats({"order": -1, "seq": 0, "stats": _stats_json(stats)}))
        return _table(out + passed)


class _Places:
    """Where each item of a batch belongs: ``(order, seq)``."""

    def __init__(self, items: list[Item], keys: list[tuple[int, int]]) -> None:
        self.by_id = {id(item): key for item, key in zip(items, keys, strict=True)}
        self.by_record = {_record(item): key for item, key in zip(items, keys, strict=True)}

    def of(self, item: Item) -> tuple[int, int]:
        return self.by_id.get(id(item)) or self.by_record.get(_record(item), (-1, 0))


def _record(item: Item) -> tuple[str, str]:
    if isinstance(item, Rejection):
        return item.input, item.record
    prov = item.provenance
    return (prov.input, prov.record) if prov else ("", item.id)


def _finish_batch(batch: Any) -> Any:
    """Without model stages: the read step's rows in their final form."""
    rows = batch.to_pylist()
    return _table(
        [_final_stats(r) if r["stats"] else _final(r["order"], r["seq"], pickle.loads(r["item"])) for r in rows]
    )


def _final(order: int, seq: int, item: Item) -> dict[str, Any]:
    if isinstance(item, Rejection):
        return {"order": order, "seq": seq, "kind": "rejection", "input": item.input, "record": item.record,
                "id": "", "stage": item.stage, "reason": item.reason, "doc": ""}  # fmt: skip
    prov = item.provenance
    doc = json.dumps(item.to_dict(), ensure_ascii=False, allow_nan=False)
    return {"order": order, "seq": seq, "kind": "document", "input": prov.input if prov else "",
            "record": prov.record if prov else "", "id": item.id, "stage": "", "reason": "", "doc": doc}  # fmt: skip


def _final_stats(row: dict[str, Any]) -> dict[str, Any]:
    return {"order": row["order"], "seq": row["seq"], "kind": "stats", "input": "", "record": "", "id": "",
            "stage": "", "reason": "", "doc": row["stats"]}  # fmt: skip


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    schema = pa.schema([(c, pa.int64() if c in ("order", "seq") else pa.string()) for c in COLUMNS])
    return pa.Table.from_pylist(rows, schema=schema)


# -- loading into SQLite -----------------------------------------------------------------------------------------


def load_parquet(
    store: Store,
    folder: str | Path,
    *,
    batch_size: int = 200,
    on_batch: Callable[[WriteReport], None] | None = None,
    group_rows: int = 20_000,
) -> LoadReport:
    """Merge a Ray run's Parquet output into ``store``, inputs in order (as a one-worker local run writes them).

    Documents already stored count as unchanged, so loading twice changes nothing. The inputs are recorded as
    finished shards, and the load as a run (engine ``load``) with the Ray run's counters and peak memory.
    """
    try:
        import pyarrow.compute as pc
        import pyarrow.dataset as pads
    except ImportError as exc:
        raise MissingDependency("pyarrow", "parquet") from exc
    where = Path(folder)
    marker_file = where / MARKER
    if not marker_file.is_file():
        raise UsageError(f"{where} holds no finished Ray output (no {MARKER}): was the run interrupted?")
    marker = json.loads(marker_file.read_text(encoding="utf-8"))
    if marker.get("format") != FORMAT:
        raise UsageError(f"{where}: unknown output format {marker.get('format')!r} (expected {FORMAT})")
    started = time.monotonic()
    conn = store.conn
    report = LoadReport(run_id=start_run(conn, engine="load", workers=int(marker.get("workers", 1)), at=now()))
    peaks: dict[str, float] = {}
    status = "interrupted"
    try:
        files = sorted(str(p) for p in where.glob("*.parquet"))
        dataset = pads.dataset(files, format="parquet") if files else None
        orders = _orders(dataset, pc)
        for group in _groups(orders, group_rows):
            table = dataset.to_table(filter=pc.field("order").isin(list(group))) if dataset else None
            if table is None:
                continue
            table = table.sort_by([("order", "ascending"), ("seq", "ascending")])
            items = _items(table.to_pylist(), report, peaks)
            report.write.add(store.write(items, batch_size=batch_size, on_batch=on_batch))
        _mark_inputs(store, marker, report)
        status = "done"
    except Exception:
        status = "failed"
        raise
    finally:
        report.seconds = time.monotonic() - started
        counts = {"shards": report.shards, "skipped": int(marker.get("skipped", 0)),
                  "documents": report.write.documents, "inserted": report.write.inserted,
                  "unchanged": report.write.unchanged, "rejected": report.write.rejected}  # fmt: skip
        stats = {"stages": rounded(report.stats), "rejections": dict(report.rejections.most_common()),
                 "peak_rss_mb": {pid: round(mb, 1) for pid, mb in sorted(peaks.items())},
                 "ray": {"workers": marker.get("workers"), "seconds": marker.get("seconds")}}  # fmt: skip
        finish_run(conn, report.run_id, status=status, at=now(), counts=counts, seconds=report.seconds, stats=stats)
    return report


def _orders(dataset: Any, pc: Any) -> list[tuple[int, int]]:
    """Each input's order with its number of rows, stats rows (order -1) first."""
    if dataset is None:
        return []
    column = dataset.to_table(columns=["order"]).column("order")
    counts = pc.value_counts(column).to_pylist()
    return sorted((int(c["values"]), int(c["counts"])) for c in counts)


def _groups(orders: list[tuple[int, int]], rows: int) -> Iterator[list[int]]:
    """Consecutive inputs in groups of about ``rows`` rows, so a big output is loaded in bounded memory."""
    group: list[int] = []
    size = 0
    for order, count in orders:
        group.append(order)
        size += count
        if size >= rows:
            yield group
            group, size = [], 0
    if group:
        yield group


def _items(rows: list[dict[str, Any]], report: LoadReport, peaks: dict[str, float]) -> Iterator[Item]:
    from warta.pipeline.local import reason_key

    for row in rows:
        kind = row["kind"]
        if kind == "stats":
            data = json.loads(row["doc"])
            merge_stats(report.stats, data["stages"])
            pid = str(data["pid"])
            peaks[pid] = max(peaks.get(pid, 0.0), float(data["peak_rss_mb"]))
        elif kind == "rejection":
            rejection = Rejection(row["input"], row["reason"], row["stage"], row["record"])
            report.rejections[reason_key(rejection)] += 1
            yield rejection
        else:
            yield article_from_dict(json.loads(row["doc"]))


def _mark_inputs(store: Store, marker: dict[str, Any], report: LoadReport) -> None:
    """Record the Ray run's input files as finished shards, so a later local run skips them."""
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for entry in marker.get("inputs", []):
            if "path" not in entry:
                continue
            report.shards += 1
            key = ShardKey(entry["path"], int(entry["size"]), int(entry["mtime_ns"]))
            documents, rejected = _shard_counts(conn, entry["name"])
            mark_shard(conn, key, run_id=report.run_id, documents=documents, rejected=rejected, at=now())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _shard_counts(conn: Any, name: str) -> tuple[int, int]:
    documents = conn.execute("SELECT count(*) FROM articles WHERE input = ?", (name,)).fetchone()[0]
    rejected = conn.execute("SELECT count(*) FROM rejected WHERE input = ?", (name,)).fetchone()[0]
    return int(documents), int(rejected)
