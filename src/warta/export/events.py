"""Stored events with their participants and article, read once for the event exports."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from warta.query.events import Party  # one type for a stored participant, shared with the read API

#: Modes exported by default: what the text says happened (GDELT and PLOVER code events that took place).
HAPPENED = ("asserted", "alleged")


@dataclass(slots=True)
class EventRow:
    n: int
    article_id: str
    event: str
    mode: str
    cameo: str | None
    quad_class: int | None
    intensity: float | None
    context: str | None
    trigger: str
    sentence: str
    sentence_start: int | None
    confidence: float
    date: str | None
    location: str | None
    published: str | None
    ingested: str
    url: str | None
    input: str | None
    domain: str | None
    title: str | None
    first_paragraph_end: int
    actors: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)


def read_events(conn: sqlite3.Connection, modes: tuple[str, ...] = HAPPENED) -> list[EventRow]:
    """Events in the given modes, in storage order, with actors and recipients."""
    marks = ",".join("?" * len(modes))
    rows = conn.execute(
        f"""SELECT e.n, e.article_id, e.event, e.mode, e.cameo, e.quad_class, e.intensity, e.context, e.trigger,
                   e.sentence, e.sentence_start, e.confidence, e.date, e.location, a.published, a.ingested, a.url,
                   a.input, a.domain, a.title,
                   CASE WHEN instr(a.text, char(10)) > 0 THEN instr(a.text, char(10)) ELSE length(a.text) END
            FROM events AS e JOIN articles AS a ON a.id = e.article_id
            WHERE e.mode IN ({marks}) ORDER BY e.n""",
        modes,
    ).fetchall()
    events = {row[0]: EventRow(*row) for row in rows}
    for n, role, text, country, sector, ident in conn.execute(
        "SELECT event_n, role, text, country, sector, id FROM event_actors ORDER BY rowid"
    ):
        event = events.get(n)
        if event is not None:
            (event.actors if role == "actor" else event.recipients).append(Party(text, country, sector, ident))
    return list(events.values())
