"""``warta export``: the database as Parquet tables, a GDELT 2.0 Events TSV or PLOVER JSON Lines."""

from __future__ import annotations

import click

from warta.cli.options import db_option
from warta.cli.show import plural
from warta.export import ExportFormat, export

EPILOG = """\b
Examples:
  warta export --db warta.db --format parquet warta-parquet/
  warta export --db warta.db --format gdelt events.gdelt.tsv
  warta export --db warta.db --format plover events.plover.jsonl
"""


@click.command("export", epilog=EPILOG)
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    required=True,
    help="parquet: one file per table in OUT (needs pyarrow: pip install 'warta[parquet]'); gdelt: GDELT 2.0 "
    "Events TSV (61 columns, no header); plover: PLOVER JSON Lines. Events said to have happened (asserted, "
    "alleged) only.",
)
@click.argument("out", type=click.Path(), metavar="OUT")
def export_command(db: str, fmt: str, out: str) -> None:
    """Export the database for other tools: DuckDB/pandas/Spark (Parquet), GDELT tooling, PLOVER consumers."""
    counts = export(db, fmt, out)
    summary = ", ".join(f"{plural(n, 'row')} {name}" for name, n in counts.items())
    click.echo(f"{summary} → {out}", err=True)
