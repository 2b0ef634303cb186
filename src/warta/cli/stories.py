"""``warta stories``, ``warta story`` and ``warta related``: the same story across sources, counted once."""

from __future__ import annotations

import json
import textwrap

import click

from warta.cli.options import db_option, json_option
from warta.query.stories import AggregatedEvent, StorySummary, related, stories, story, story_of


def _summary_line(s: StorySummary) -> str:
    span = s.first_seen if s.first_seen == s.last_seen else f"{s.first_seen} … {s.last_seen}"
    actors = f"\n    actors: {', '.join(s.actors)}" if s.actors else ""
    return (
        f"#{s.id}  {s.title or '(untitled)'}\n    {span} · {s.articles} article(s), {s.sources} independent "
        f"source(s), {s.copies} cop{'y' if s.copies == 1 else 'ies'}{actors}"
    )


def _event_line(e: AggregatedEvent) -> str:
    who = f"{'+'.join(e.actor) or '?'} → {'+'.join(e.recipient) or '?'}"
    head = (
        f"  {e.event} [{e.cameo or '-'}] {who}: {e.mentions} mention(s), {e.articles} article(s), "
        f"{e.sources} source(s) ({'/'.join(e.modes)})"
    )
    first = e.evidence[0]
    quote = textwrap.shorten(first.sentence, 110, placeholder="…")
    return f"{head}\n      «{first.trigger}» {quote} [{first.article_id}]"


@click.command(
    "stories",
    epilog="""\b
Examples:
  warta stories --db warta.db
  warta stories --db warta.db --since 2024-06-01 --actor PRK
  warta stories --db warta.db --min-articles 3 --json
""",
)
@db_option
@click.option("--since", metavar="DATE", help="Stories seen on or after this date (YYYY-MM-DD).")
@click.option("--actor", help="Only stories naming this actor (country code, entity id or name).")
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(min=1), help="Smallest story.")
@click.option("-n", "--limit", default=50, show_default=True, type=click.IntRange(min=1), help="Most stories.")
@json_option
def stories_command(
    db: str, since: str | None, actor: str | None, min_articles: int, limit: int, as_json: bool
) -> None:
    """List stories: articles about one event or topic across sources, grouped as they are ingested.

    Copies of an article (mirrors, syndication) are one article; independent sources count each outlet once.
    """
    found = stories(db, since=since, actor=actor, min_articles=min_articles, limit=limit)
    if as_json:
        for s in found:
            click.echo(json.dumps(s.to_dict(), ensure_ascii=False))
        return
    if not found:
        click.echo("no stories match", err=True)
        return
    click.echo("\n".join(_summary_line(s) for s in found))


@click.command(
    "story",
    epilog="""\b
Examples:
  warta story 1 --db warta.db
  warta story 1 --db warta.db --json
""",
)
@click.argument("story_id", type=int, metavar="ID")
@db_option
@json_option
def story_command(story_id: int, db: str, as_json: bool) -> None:
    """Show one story: its articles with origin and copies, and its events aggregated across articles."""
    detail = story(db, story_id)
    if as_json:
        click.echo(json.dumps(detail.to_dict(), ensure_ascii=False))
        return
    lines = [_summary_line(detail.story), "", "articles:"]
    for a in detail.articles:
        origin = a.publisher or a.domain or "?"
        if a.credited_to:
            origin += f", content credited to {', '.join(a.credited_to)}"
        lines.append(f"  {a.id}  {a.published or '-'}  {a.title or '(untitled)'}  [{origin}]")
        for c in a.copies:
            lines.append(f"      copy ({c['kind']}, {c['similarity']:.2f}): {c['url'] or c['domain'] or c['path']}")
    if detail.events:
        lines += ["", "events (aggregated; copies and syndication counted once):"]
        lines += [_event_line(e) for e in detail.events]
    click.echo("\n".join(lines))


@click.command(
    "related",
    epilog="""\b
Examples:
  warta related 59ea421e369eabea --db warta.db
  warta related 59ea421e369eabea --db warta.db --limit 5 --json
""",
)
@click.argument("article_id", metavar="ARTICLE_ID")
@db_option
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Most articles.")
@json_option
def related_command(article_id: str, db: str, limit: int, as_json: bool) -> None:
    """Articles related to one: the rest of its story, then articles sharing its named actors."""
    found = related(db, article_id, limit=limit)
    if as_json:
        for r in found:
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        return
    sid = story_of(db, article_id)
    click.echo(f"{article_id}: story #{sid}" if sid is not None else f"{article_id}: in no story yet", err=True)
    if not found:
        click.echo("no related articles", err=True)
        return
    for r in found:
        why = r.reason + (f" ({', '.join(r.shared[:4])})" if r.shared else "")
        click.echo(f"{r.id}  {r.published or '-'}  {r.title or '(untitled)'}\n    {why}, score {r.score:.2f}")
