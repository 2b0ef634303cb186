"""``warta load``: merge the Parquet output of a Ray run (``warta ingest --engine ray``) into SQLite."""

from __future__ import annotations

import click

from warta.cli.options import db_option
from warta.cli.show import plural
from warta.pipeline.ray_runner import LoadReport, load_parquet
from warta.store import Store

EPILOG = """\b
Examples:
  warta load crawl-out/ --db news.db
  warta ingest crawl/ --engine ray --address auto --parquet /shared/out/ --db cluster.db
  warta load /shared/out/ --db news.db
"""


@click.command("load", epilog=EPILOG)
@click.argument("parquet_dir", type=click.Path(exists=True, file_okay=False), metavar="PARQUET_DIR")
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Items per transaction.")  # fmt: skip
def load_command(parquet_dir: str, db: str, batch_size: int) -> None:
    """Merge a Ray run's Parquet output (PARQUET_DIR) into the database, idempotently.

    Documents, rejections and everything derived from them (entities, quotes, events, commitments, stories) are
    written as `warta ingest` writes them, in input order; documents already stored count as unchanged, so
    loading the same output twice changes nothing. The input files are recorded as finished, so a later local
    `warta ingest` of them skips them, and the load is recorded as a run (warta runs).
    """
    with Store(db) as store:
        report = load_parquet(store, parquet_dir, batch_size=batch_size)
    load_summary(report, db)


def load_summary(report: LoadReport, db: str) -> None:
    """The closing lines of a load (shared with ``warta ingest --engine ray``)."""
    total = report.write
    click.echo(
        f"{plural(total.documents, 'document')} ({total.inserted} new, {total.unchanged} unchanged), "
        f"{total.rejected} rejected → {db}",
        err=True,
    )
    click.echo(
        f"{plural(report.shards, 'file')} loaded in {report.seconds:.1f} s; run {report.run_id}: warta runs --db {db}",
        err=True,
    )
