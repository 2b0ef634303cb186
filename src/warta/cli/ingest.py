"""``warta ingest``: inputs in, documents and rejections stored in SQLite — on all cores, resumable, or on Ray."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from warta.cli.common import StatusLine, rejection_line
from warta.cli.options import db_option, input_format_option, paths_argument, settings_from, settings_options
from warta.cli.show import article_summary, plural
from warta.data import InputFormat, Item, Rejection
from warta.pipeline.local import LocalRunner, RunProgress, RunReport
from warta.settings import Settings
from warta.store import Store, WriteReport

EPILOG = """\b
Examples:
  warta ingest examples/ --db warta.db --show
  warta ingest crawl/ --db news.db --workers 2
  warta ingest crawl.warc.gz feeds/ --db news.db --batch-size 500
  warta ingest articles.jsonl --input-format jsonl
  warta ingest crawl/ --db news.db --engine ray --parquet crawl-out/
  warta ingest s3-mounted-crawl/ --db news.db --engine ray --address auto --parquet /shared/out/
"""


class ShardProgress(StatusLine):
    """A one-line bar on stderr while it is a terminal: files, documents, documents/s, rejections."""

    def update(self, state: RunProgress) -> None:
        if not self.due():
            return
        width = 24
        filled = int(width * state.files_done / state.files) if state.files else width
        self.draw(
            f"  [{'#' * filled}{'.' * (width - filled)}] {state.files_done}/{state.files} files, "
            f"{plural(state.documents, 'document')}, {state.rate:.1f}/s, {state.rejected} rejected"
        )


@click.command(epilog=EPILOG)
@paths_argument
@db_option
@input_format_option
@click.option("--show", is_flag=True, help="Print a short summary of each new article.")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes, one input file at a time each "
    "[default: all cores, fewer for a few MB of input; 1 runs in this process].",
)
@click.option(
    "--resume/--no-resume",
    default=True,
    show_default=True,
    help="Skip input files a previous run finished (same path, size and modification time).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; ray: Ray Data (pip install 'warta[ray]'), writing Parquet to "
    "--parquet, then loaded into --db.",
)
@click.option(
    "--address",
    default=None,
    metavar="ADDR",
    help="With --engine ray: the Ray cluster to join (auto, ray://HOST:10001) [default: start a local Ray "
    "with --workers CPUs].",
)
@click.option(
    "--parquet",
    type=click.Path(file_okay=False),
    default=None,
    metavar="OUT_DIR",
    help="With --engine ray: an empty folder for the Parquet output [default: the database path + .parquet].",
)
@settings_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    input_format: str | None,
    show: bool,
    workers: int | None,
    resume: bool,
    engine: str,
    address: str | None,
    parquet: str | None,
    **options: Any,
) -> None:
    """Extract articles from PATH... and store them, with what was rejected and why, in the database.

    Each input file is a shard: all cores work on different files, and the database records finished ones, so an
    interrupted run picks up where it stopped. Ingesting the same input again changes nothing: documents are
    keyed by a content-derived id, and finished files are skipped (their documents count as unchanged).

    With --engine ray the same stages run on Ray Data (a local Ray, or a cluster with --address); the output is
    written as Parquet, then merged into the database as `warta load` does.
    """
    settings = settings_from(options)
    fmt = InputFormat(input_format) if input_format else None
    if engine == "ray":
        _ray(paths, db, fmt, settings, workers=workers, address=address, parquet=parquet, resume=resume, show=show)
        return
    if address or parquet:
        raise click.UsageError("--address and --parquet go with --engine ray")
    bar = ShardProgress()

    def on_items(items: list[Item]) -> None:
        for item in items:
            if isinstance(item, Rejection):
                bar.clear()
                click.echo(rejection_line(item), err=True)

    def on_batch(report: WriteReport) -> None:
        if show and report.new:
            bar.clear()
            for article in report.new:
                click.echo(article_summary(article) + "\n")

    with Store(db) as store:
        runner = LocalRunner(
            store, settings, workers=workers, input_format=fmt, resume=resume,
            on_items=on_items, on_batch=on_batch, on_progress=bar.update,
        )  # fmt: skip
        report = runner.run(list(paths))
    bar.clear()
    _summary(report, db)


def _summary(report: RunReport, db: str) -> None:
    total = report.write
    click.echo(
        f"{plural(total.documents, 'document')} ({total.inserted} new, {total.unchanged} unchanged), "
        f"{total.rejected} rejected → {db}",
        err=True,
    )
    skipped = f", {report.skipped} skipped (done before)" if report.skipped else ""
    workers = plural(report.workers, "worker")
    rate = report.documents / report.seconds if report.seconds > 0 and report.shards else 0.0
    click.echo(
        f"{plural(report.shards, 'file')} read{skipped} in {report.seconds:.1f} s ({rate:.1f} documents/s, "
        f"{workers}); run {report.run_id}: warta runs --db {db}",
        err=True,
    )


def _ray(
    paths: tuple[str, ...],
    db: str,
    fmt: InputFormat | None,
    settings: Settings,
    *,
    workers: int | None,
    address: str | None,
    parquet: str | None,
    resume: bool,
    show: bool,
) -> None:
    from warta.cli.load import load_summary
    from warta.pipeline.ray_runner import load_parquet, run_ray
    from warta.store.runs import done_shard

    out = Path(parquet) if parquet else Path(f"{db}.parquet")
    with Store(db) as store:
        conn = store.conn
        result = run_ray(
            list(paths), out, settings, input_format=fmt, address=address, cpus=workers,
            skip=(lambda s: s.key is not None and done_shard(conn, s.key) is not None) if resume else None,
            progress=ShardProgress().enabled,
        )  # fmt: skip
        skipped = f", {result.skipped} skipped (done before)" if result.skipped else ""
        click.echo(
            f"{plural(result.shards, 'file')} read{skipped} on Ray ({plural(result.workers, 'CPU')}) in "
            f"{result.seconds:.1f} s → {out}",
            err=True,
        )

        def on_batch(report: WriteReport) -> None:
            if show:
                for article in report.new:
                    click.echo(article_summary(article) + "\n")

        loaded = load_parquet(store, out, batch_size=settings.batch_size, on_batch=on_batch)
    load_summary(loaded, db)
