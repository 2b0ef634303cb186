"""``warta events``, ``warta commitments`` and ``warta actors unresolved``: who did what to whom, who pledged what."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click

from warta.cli.options import db_option
from warta.query.events import Party, commitments, events, unresolved_names

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST", "REJECT",
    "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)  # fmt: skip
MODES = ("asserted", "alleged", "hypothetical", "future", "negated")


def _format_option(f: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output as a table for people, JSON Lines or CSV.",
    )(f)


def _parties(parties: list[Party]) -> str:
    return "; ".join(f"{p.text} ({'/'.join(x for x in (p.country, p.sector) if x)})" for p in parties)


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    flat = [{c: (_parties(r[c]) if isinstance(r[c], list) else r[c]) for c in columns} for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns)
        writer.writeheader()
        writer.writerows(flat)
        click.echo(buf.getvalue(), nl=False)
        return
    for r in flat:
        click.echo("  ".join(str(r[c]) if r[c] is not None else "-" for c in columns[:-1]))
        click.echo(f"    {r[columns[-1]]}")


def _as_parties(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    for row in rows:
        for key in keys:
            row[key] = [Party(**p) for p in row[key]]
    return rows


@click.command(
    "events",
    epilog="""\b
Examples:
  warta events --db warta.db --actor PRK --type AID
  warta events --db warta.db --recipient Rusia --mode alleged --format json
  warta events --db warta.db --since 2024-01 --format csv > events.csv
""",
)
@db_option
@click.option("--actor", help="Actor country code (PRK), name or id.")
@click.option("--recipient", help="Recipient country code, name or id.")
@click.option("--type", "event_type", type=click.Choice(EVENT_TYPES, case_sensitive=False), help="PLOVER type.")
@click.option("--mode", type=click.Choice(MODES), help="Only events in this mode.")
@click.option("--since", metavar="DATE", help="Events on or after this date (event date, else publication).")
@click.option("--until", metavar="DATE", help="Events on or before this date.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1), help="At most this many.")
@_format_option
def events_command(
    db: str,
    actor: str | None,
    recipient: str | None,
    event_type: str | None,
    mode: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    fmt: str,
) -> None:
    """List coded events (PLOVER type, mode, CAMEO, actor → recipient) with their evidence sentence."""
    hits = events(
        db, actor=actor, recipient=recipient, event_type=event_type, mode=mode, since=since, until=until, limit=limit
    )
    rows = _as_parties([h.to_dict() for h in hits], ("actor", "recipient"))
    columns = ["date", "event", "mode", "cameo", "actor", "recipient", "trigger", "sentence"]
    for row in rows:
        row["date"] = row["date"] or row["published"]
    if fmt == "json":
        rows = [h.to_dict() for h in hits]
    _emit(rows, fmt, columns if fmt != "csv" else [*columns, "article_id", "confidence", "context"])


@click.command(
    "commitments",
    epilog="""\b
Examples:
  warta commitments --db warta.db --country PRK
  warta commitments --db warta.db --format json
""",
)
@db_option
@click.option("--country", help="Only commitments this country (code, name or id) is party to or benefits from.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1), help="At most this many.")
@_format_option
def commitments_command(db: str, country: str | None, limit: int, fmt: str) -> None:
    """Who is committed to whom, to what (mutual defence, military aid, …), with the evidence sentence."""
    hits = commitments(db, country=country, limit=limit)
    rows = _as_parties([h.to_dict() for h in hits], ("parties", "beneficiaries"))
    columns = ["date", "kind", "mutual", "mode", "parties", "beneficiaries", "sentence"]
    for row in rows:
        row["date"] = row["date"] or row["published"]
    if fmt == "json":
        rows = [h.to_dict() for h in hits]
    _emit(rows, fmt, columns if fmt != "csv" else [*columns, "article_id"])


@click.group("actors")
def actors_group() -> None:
    """Inspect actor resolution over a database."""


@actors_group.command(
    "unresolved",
    epilog="""\b
Examples:
  warta actors unresolved --db warta.db --top 30
""",
)
@db_option
@click.option("--top", default=50, show_default=True, type=click.IntRange(min=1), help="Length of the list.")
def unresolved(db: str, top: int) -> None:
    """Frequent person and organisation names with no country or sector (candidates for the actor tables)."""
    for text, label, count in unresolved_names(db, top=top):
        click.echo(f"{count:6d}  {label:<4} {text}")
