"""``warta stats``: what a database holds and what was rejected, and why."""

from __future__ import annotations

import json

import click

from warta.cli.options import db_option, json_option
from warta.cli.show import stats_text
from warta.query import stats as run_stats

EPILOG = """\b
Examples:
  warta stats --db warta.db
  warta stats --db warta.db --top 25 --json
"""


@click.command(epilog=EPILOG)
@db_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="Length of top lists.")
@json_option
def stats(db: str, top: int, as_json: bool) -> None:
    """Summarise the database: documents by language and domain, entities, rejections by reason."""
    report = run_stats(db, top=top)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(stats_text(report))
