"""``warta ingest``: inputs in, documents and rejections stored in SQLite."""

from __future__ import annotations

from typing import Any

import click

from warta.cli.common import Progress, documents, echo_rejections
from warta.cli.options import db_option, input_format_option, paths_argument, settings_from, settings_options
from warta.cli.show import article_summary, plural
from warta.store import Store, WriteReport

EPILOG = """\b
Examples:
  warta ingest examples/ --db warta.db --show
  warta ingest crawl.warc.gz feeds/ --db news.db --batch-size 500
  warta ingest articles.jsonl --input-format jsonl
"""


@click.command(epilog=EPILOG)
@paths_argument
@db_option
@input_format_option
@click.option("--show", is_flag=True, help="Print a short summary of each new article.")
@settings_options
def ingest(paths: tuple[str, ...], db: str, input_format: str | None, show: bool, **options: Any) -> None:
    """Extract articles from PATH... and store them, with what was rejected and why, in the database.

    Ingesting the same input again changes nothing: documents are keyed by a content-derived id.
    """
    settings = settings_from(options)
    progress = Progress()

    def on_batch(report: WriteReport) -> None:
        if show:
            progress.clear()
            for article in report.new:
                click.echo(article_summary(article) + "\n")

    with Store(db) as store:
        items = echo_rejections(documents(paths, input_format, settings), progress)
        total = store.write(items, batch_size=settings.batch_size, on_batch=on_batch)
    progress.clear()
    click.echo(
        f"{plural(total.documents, 'document')} ({total.inserted} new, {total.unchanged} unchanged), "
        f"{total.rejected} rejected → {db}",
        err=True,
    )
