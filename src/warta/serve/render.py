"""HTML fragments built in Python: every piece of stored text goes through :func:`markupsafe.escape` first.

Highlighting works on character offsets: a paragraph is cut at every annotation boundary and each piece is wrapped
in the annotations covering it, so overlapping spans (an entity inside a quote) never produce broken markup.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote as url_quote
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape

from warta.query.actors import country_name
from warta.query.documents import DocumentView
from warta.query.events import Party

#: Private-use characters marking matches in snippets: they cannot come from a query, and survive escaping.
MARK = ("\ue000", "\ue001")

_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Span:
    """One annotation: ``kind`` is ``quote``, ``entity``, ``trigger`` or ``commitment``."""

    start: int
    end: int
    kind: str
    css: str
    title: str
    href: str | None = None
    anchor: str | None = None


def snippet(text: str) -> Markup:
    """A search snippet with its matches in ``<mark>``: escaped first, marks put in afterwards."""
    return Markup(str(escape(text)).replace(MARK[0], "<mark>").replace(MARK[1], "</mark>"))


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a page's canonical link is the page author's to choose, and a
    ``javascript:`` or ``data:`` one must never become a link on our site."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:  # an invalid IPv6 host and the like
        return None
    return url if scheme in ("http", "https") else None


def actor_url(key: str) -> str:
    return "/actors/" + url_quote(key, safe=":")


def party_label(party: Party) -> str:
    code = "/".join(x for x in (party.country, party.sector) if x)
    return f"{party.text} ({code})" if code else party.text


def entity_href(label: str, country: str | None, entity_id: str | None, text: str) -> str:
    """Where an entity links: a place to its country's actor page, a person or organisation to its own (by id)."""
    if label in ("GPE", "LOC") and country and country_name(country):
        return actor_url(country)
    if entity_id:
        return actor_url(entity_id)
    if country and country_name(country):
        return actor_url(country)
    return "/search?" + urlencode({"q": f'"{text}"'})


def spans(doc: DocumentView) -> list[Span]:
    """The article's quotes, entities, event triggers and commitment triggers as spans."""
    out: list[Span] = []
    for i, q in enumerate(doc.quotes):
        who = q.speaker or "unattributed"
        out.append(Span(q.start, q.end, "quote", "quote", f"quote · {who}", None, f"quote-{i}"))
    for e in doc.entities:
        title = " · ".join(x for x in (e.label, e.country, e.id) if x)
        out.append(Span(e.start, e.end, "entity", f"ent ent-{e.label.lower()}", title,
                        entity_href(e.label, e.country, e.id, e.text)))  # fmt: skip
    for ev in doc.events:
        who = ", ".join(party_label(p) for p in ev.actor) or "?"
        whom = ", ".join(party_label(p) for p in ev.recipient) or "?"
        title = f"{ev.event} ({ev.mode}) · {who} → {whom}"
        quad = ev.quad_class or 0
        out.append(Span(ev.start, ev.end, "trigger", f"trg quad-{quad}", title, f"#ev-{ev.n}", f"event-{ev.n}"))
    for c in doc.commitments:
        title = f"commitment: {c.kind}{' (mutual)' if c.mutual else ''}"
        out.append(Span(c.start, c.end, "commitment", "cmt", title, f"#cm-{c.n}", f"commitment-{c.n}"))
    return [s for s in out if 0 <= s.start < s.end <= len(doc.text)]


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _PARAGRAPH.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


#: Nesting order, outermost first; only the innermost linked span becomes an <a> (links cannot nest).
_ORDER = {"quote": 0, "commitment": 1, "entity": 2, "trigger": 3}


def _piece(text: str, active: list[Span], anchors: set[str]) -> str:
    html = str(escape(text)).replace("\n", "<br>")
    active = sorted(active, key=lambda s: _ORDER[s.kind])
    link = next((s for s in reversed(active) if s.href), None)
    for s in reversed(active):
        ident = ""
        if s.anchor and s.anchor not in anchors:
            anchors.add(s.anchor)
            ident = f' id="{escape(s.anchor)}"'
        attrs = f'{ident} class="{escape(s.css)}" title="{escape(s.title)}"'
        html = f'<a{attrs} href="{escape(s.href)}">{html}</a>' if s is link else f"<span{attrs}>{html}</span>"
    return html


def highlight(doc: DocumentView) -> Markup:
    """The article text as ``<p>`` paragraphs with every annotation highlighted (and linked where it leads on)."""
    all_spans = spans(doc)
    anchors: set[str] = set()
    out = []
    for ps, pe in _paragraphs(doc.text):
        if ps >= pe:
            continue
        inside = [s for s in all_spans if s.start < pe and s.end > ps]
        cuts = sorted({ps, pe, *(max(ps, s.start) for s in inside), *(min(pe, s.end) for s in inside)})
        parts = []
        for a, b in itertools.pairwise(cuts):
            active = [s for s in inside if s.start <= a and s.end >= b]
            parts.append(_piece(doc.text[a:b], active, anchors))
        out.append("<p>" + "".join(parts) + "</p>")
    return Markup("\n".join(out))


def evidence(sentence: str, trigger: str) -> Markup:
    """An evidence sentence with its trigger words in ``<mark>`` (escaped like everything else)."""
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        return Markup(escape(sentence))
    end = at + len(trigger)
    return Markup(f"{escape(sentence[:at])}<mark>{escape(sentence[at:end])}</mark>{escape(sentence[end:])}")
