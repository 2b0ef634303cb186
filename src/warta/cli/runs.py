"""``warta runs``: what each ingest run did — files, documents, per-stage counters and seconds, rejections."""

from __future__ import annotations

import json

import click

from warta.cli.options import db_option, json_option
from warta.cli.show import plural
from warta.store import connect
from warta.store.runs import RunRecord, list_runs

EPILOG = """\b
Examples:
  warta runs --db warta.db
  warta runs --db warta.db --limit 1 --json
"""


@click.command(epilog=EPILOG)
@db_option
@click.option("--limit", default=5, show_default=True, type=click.IntRange(min=1), help="How many runs, newest first.")
@json_option
def runs(db: str, limit: int, as_json: bool) -> None:
    """List the latest ingest runs: status, files read and skipped, documents, stage costs, rejection reasons."""
    conn = connect(db, read_only=True)
    try:
        records = list_runs(conn, limit) if _has_runs(conn) else []
    finally:
        conn.close()
    if as_json:
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    if not records:
        click.echo("no runs recorded", err=True)
    for record in records:
        click.echo(run_text(record))


def _has_runs(conn: object) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'runs'").fetchone()  # type: ignore[attr-defined]
    return row is not None


def run_text(record: RunRecord) -> str:
    """A run in a few lines for people."""
    seconds = f"{record.seconds:.1f} s" if record.seconds is not None else "unfinished"
    status = record.status if record.finished else "unfinished (interrupted or still running)"
    lines = [
        f"run {record.id}  {record.started}  {status}  {record.engine}, {plural(record.workers, 'worker')}, {seconds}",
        f"   {plural(record.shards, 'file')} read, {record.skipped} skipped · "
        f"{plural(record.documents, 'document')} ({record.inserted} new, {record.unchanged} unchanged), "
        f"{record.rejected} rejected",
    ]
    stages = record.stats.get("stages", {})
    if stages:
        parts = []
        for name, counters in stages.items():
            detail = ", ".join(f"{k} {v}" for k, v in counters.items() if k != "seconds")
            parts.append(f"{name} {counters.get('seconds', 0):.2f} s ({detail})")
        lines.append("   stages    " + "\n             ".join(parts))
    rejections = record.stats.get("rejections", {})
    if rejections:
        lines.append("   rejected  " + " · ".join(f"{reason} ×{n}" for reason, n in rejections.items()))
    rss = record.stats.get("peak_rss_mb", {})
    if rss:
        lines.append("   memory    peak " + ", ".join(f"{mb:.0f} MiB" for mb in rss.values()) + " per worker")
    return "\n".join(lines)
