"""``warta search``: ranked full-text search with snippets."""

from __future__ import annotations

import json
import sys

import click

from warta.cli.options import db_option, json_option
from warta.cli.show import hit_lines
from warta.query import search as run_search

EPILOG = """\b
Examples:
  warta search putin --db warta.db
  warta search '"kim jong un" rusia' --limit 5
  warta search 'presi* OR menteri' --language id --json

\b
Words must all match (AND is implied); "quoted phrases" match in order; word* matches a prefix;
OR between terms matches either; NOT before a term excludes it. Case and accents are ignored.
"""


@click.command(epilog=EPILOG)
@click.argument("query")
@db_option
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Most hits.")
@click.option("-l", "--language", metavar="CODE", help="Only documents in this language (ISO 639-1).")
@json_option
def search(query: str, db: str, limit: int, language: str | None, as_json: bool) -> None:
    """Search stored documents for QUERY; print the best matches with snippets (best first)."""
    styled = not as_json and sys.stdout.isatty()
    mark = ("\x1b[1m", "\x1b[0m") if styled else ("[", "]")  # bold on a terminal, brackets in pipes
    hits = run_search(db, query, limit=limit, language=language, mark=mark)
    if as_json:
        for hit in hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    if not hits:
        click.echo(f"no documents match {query!r}", err=True)
        return
    for rank, hit in enumerate(hits, 1):
        click.echo(hit_lines(rank, hit) + "\n", color=styled)
