"""``warta quotes``: who said what — stored quotes by speaker and by words in the quote."""

from __future__ import annotations

import json
import textwrap

import click

from warta.cli.options import db_option, json_option
from warta.query import QuoteHit
from warta.query import quotes as run_quotes

EPILOG = """\b
Examples:
  warta quotes --db warta.db
  warta quotes --db warta.db --speaker "Lee"
  warta quotes --db warta.db --speaker wikidata:Q56226 --search rusia
  warta quotes --db warta.db --search '"senjata" OR rudal' --json

\b
--speaker matches whole words of the speaker's name (or an entity id); --search uses the query language of
'warta search' over the quote text.
"""


def quote_lines(hit: QuoteHit) -> str:
    """A quote for people: the words (quoted when direct), then who said them, how, and where."""
    words = f"“{hit.text}”" if hit.direct else hit.text
    who = hit.speaker or "(unknown speaker)"
    about = ", ".join(x for x in (hit.role, hit.affiliation) if x)
    head = f"{who} ({about})" if about else who
    link = f" [{hit.speaker_entity_id}]" if hit.speaker_entity_id else ""
    cue = f" — {hit.cue}" if hit.cue else ""
    body = textwrap.fill(words, width=100, initial_indent="  ", subsequent_indent="  ")
    return f"{head}{link}{cue}\n{body}\n  in {hit.article_id}: {hit.title or '(untitled)'}"


@click.command(epilog=EPILOG)
@db_option
@click.option("-s", "--speaker", metavar="NAME", help="Only quotes by this speaker (name words or entity id).")
@click.option("-q", "--search", "words", metavar="WORDS", help="Only quotes whose text matches WORDS.")
@click.option("-n", "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most quotes.")
@json_option
def quotes(db: str, speaker: str | None, words: str | None, limit: int, as_json: bool) -> None:
    """List stored quotes with their speakers: direct quotations and reported statements."""
    hits = run_quotes(db, speaker=speaker, text=words, limit=limit)
    if as_json:
        for hit in hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    if not hits:
        click.echo("no quotes match", err=True)
        return
    click.echo("\n\n".join(quote_lines(hit) for hit in hits))
