"""Text for people: an article summary (``ingest --show``), search hits and database stats."""

from __future__ import annotations

import textwrap
from collections import Counter

from warta.data import Article, Event, Quote
from warta.query import Hit, Stats

BODY_CHARS = 300
MAX_ENTITIES = 24  # distinct entities shown; the rest are counted
MAX_LISTED = 6  # quotes or events shown; the rest are counted
_INDENT = "   "
_LABEL = 10  # width of the field names in the left column


def _field(name: str, value: str, width: int = 100) -> str:
    first = f"{_INDENT}{name:<{_LABEL}}"
    return textwrap.fill(
        value, width=width, initial_indent=first, subsequent_indent=" " * len(first), break_on_hyphens=False
    )


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _quote(q: Quote) -> str:
    who = f" — {q.speaker.text}" if q.speaker else ""
    return f"“{_clip(q.text, 90)}”{who}"


def _event(e: Event) -> str:
    actors = ", ".join(a.text for a in e.actor) or "?"
    recipients = ", ".join(a.text for a in e.recipient) or "?"
    cameo = f" [{e.cameo}]" if e.cameo else ""
    return f"{e.event}{cameo} ({e.mode.value}): {actors} → {recipients} «{e.trigger}»"


def article_summary(article: Article, body_chars: int = BODY_CHARS) -> str:
    """A few lines describing a document: title, language, editor, credits, related, entities, quotes, events."""
    lines = [f"━━ {article.title or '(no title)'}"]
    facts = [f"id {article.id}"]
    if article.language:
        score = f" ({article.language_score:.2f})" if article.language_score is not None else ""
        facts.append(f"language {article.language}{score}")
    if article.source.domain or article.site_name:
        facts.append(article.site_name or article.source.domain or "")
    if article.published:
        facts.append(article.published)
    lines.append(_INDENT + " · ".join(facts))
    if article.source.url or article.source.path:
        lines.append(_field("source", article.source.url or article.source.path or ""))
    origin = article.origin
    if origin is not None and (origin.publisher or origin.credited_to):
        parts = [f"published by {origin.publisher}"] if origin.publisher else []
        parts += [f"content credited to {', '.join(origin.credited_to)}"] if origin.credited_to else []
        lines.append(_field("origin", " · ".join(parts)))
    if article.authors:
        lines.append(_field("authors", ", ".join(article.authors)))
    if article.editor:
        lines.append(_field("editor", article.editor))
    if article.credits:
        lines.append(_field("credits", " · ".join(f"{c.role.value}: {c.name}" for c in article.credits)))
    if article.related:
        lines.append(_field("related", " · ".join(r.title for r in article.related)))
    if article.entities:
        seen = Counter((e.text, e.label, e.country) for e in article.entities)
        shown = [
            f"{text} ({label}{', ' + country if country else ''}){f' ×{n}' if n > 1 else ''}"
            for (text, label, country), n in seen.items()
        ]
        more = f" · … {len(shown) - MAX_ENTITIES} more" if len(shown) > MAX_ENTITIES else ""
        lines.append(_field("entities", " · ".join(shown[:MAX_ENTITIES]) + more))
    for name, parts in (("quotes", [_quote(q) for q in article.quotes]), ("events", [*map(_event, article.events)])):
        for i, part in enumerate(parts[:MAX_LISTED]):
            lines.append(_field(name if i == 0 else "", part))
        if len(parts) > MAX_LISTED:
            lines.append(_field("", f"… {len(parts) - MAX_LISTED} more"))
    lines.append(_field("text", _clip(article.text, body_chars) if article.text else "(empty)"))
    return "\n".join(lines)


def hit_lines(rank: int, hit: Hit) -> str:
    """One search result: rank, title, where it is from, and the snippet."""
    where = " · ".join(x for x in (hit.domain or hit.path, hit.language, hit.published) if x)
    head = f"{rank:>2}. {hit.title or '(no title)'}" + (f"  ({where})" if where else "")
    return "\n".join([head, f"    {' '.join(hit.snippet.split())}", f"    id {hit.id}"])


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"  # unreachable; keeps mypy sure of the return


def stats_text(s: Stats) -> str:
    """The stats report for people."""
    out = [
        f"{s.path}: {plural(s.documents, 'document')}, {plural(s.entities, 'entity mention')}, {s.rejected} rejected "
        f"(schema v{s.schema_version}, {_size(s.size_bytes)})"
    ]
    if s.first_ingested:
        out.append(f"ingested {s.first_ingested} … {s.last_ingested}")

    def row(name: str, counts: list[tuple[str, int]]) -> None:
        if counts:
            out.append(f"{name:<11}" + " · ".join(f"{v} {c}" for v, c in counts))

    row("languages", [(c.value or "unknown", c.count) for c in s.by_language])
    row("domains", [(c.value or "unknown", c.count) for c in s.by_domain])
    row("labels", [(c.value or "?", c.count) for c in s.entities_by_label])
    if s.top_entities:
        out.append("top entities:")
        for e in s.top_entities:
            out.append(f"  {e.count:>6}  {e.text} ({e.label}{', ' + e.country if e.country else ''})")
    if s.rejections:
        out.append("rejected, by reason:")
        for r in s.rejections:
            out.append(f"  {r.count:>6}  {r.stage}: {r.reason}")
    return "\n".join(out)
