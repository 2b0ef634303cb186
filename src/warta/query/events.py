"""Events, commitments and unresolved actor names in a Warta database (read-only)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.query.db import reader
from warta.query.explore import MAX_ROWS, EventFilters, event_table, has_events, party_sql
from warta.query.parties import Party

__all__ = ["CommitmentHit", "EventHit", "Party", "commitments", "events", "unresolved_names"]


@dataclass(slots=True)
class EventHit:
    """A stored event with its article and participants."""

    article_id: str
    title: str | None
    published: str | None
    event: str
    mode: str
    cameo: str | None
    quad_class: int | None
    intensity: float | None
    context: str | None
    trigger: str
    sentence: str
    start: int
    end: int
    confidence: float
    date: str | None
    location: str | None
    actor: list[Party] = field(default_factory=list)
    recipient: list[Party] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class CommitmentHit:
    """A stored commitment: who is committed to whom, to what, with its evidence."""

    article_id: str
    title: str | None
    published: str | None
    kind: str
    mutual: bool
    mode: str
    trigger: str
    sentence: str
    date: str | None
    parties: list[Party] = field(default_factory=list)
    beneficiaries: list[Party] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def events(
    db_path: str | Path,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    event_type: str | None = None,
    mode: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[EventHit]:
    """Stored events, newest first, filtered by actor/recipient (country code, name or id), type, mode and date.

    The date filter uses the event's own date where the text gave one, else the article's publication date. The
    same query as the events explorer (:func:`warta.query.explore.event_table`), in the CLI's shape.
    """
    filters = EventFilters(actor=actor, recipient=recipient, event_type=event_type, mode=mode, since=since, until=until)
    rows = event_table(db_path, filters, limit=min(limit, MAX_ROWS)).rows
    names = EventHit.__dataclass_fields__
    return [EventHit(**{k: getattr(row, k) for k in names}) for row in rows]


def commitments(db_path: str | Path, *, country: str | None = None, limit: int = 100) -> list[CommitmentHit]:
    """Stored commitments, those involving ``country`` (as party or beneficiary, code or name) when given."""
    where, params = "", list[Any]()
    if country:
        sql, params = party_sql("commitment_parties", "commitment_n", country.strip(), None)
        where = f"WHERE {sql}"
    with reader(db_path) as conn:
        if not has_events(conn):
            return []
        rows = conn.execute(
            "SELECT x.n, x.article_id, a.title, a.published, x.kind, x.mutual, x.mode, x.trigger, x.sentence, x.date "
            f"FROM commitments x JOIN articles a ON a.id = x.article_id {where} "
            "ORDER BY coalesce(x.date, a.published) DESC, x.n LIMIT ?",
            [*params, limit],
        ).fetchall()
        hits = []
        for n, article_id, title, published, kind, mutual, mode, trigger, sentence, date in rows:
            hit = CommitmentHit(article_id, title, published, kind, bool(mutual), mode, trigger, sentence, date)
            for role, *party in conn.execute(
                "SELECT role, text, country, sector, id FROM commitment_parties WHERE commitment_n = ? ORDER BY rowid",
                (n,),
            ):
                (hit.parties if role == "party" else hit.beneficiaries).append(Party(*party))
            hits.append(hit)
        return hits


def unresolved_names(db_path: str | Path, top: int = 50) -> list[tuple[str, str, int]]:
    """The most frequent person and organisation names the actor tables resolve to no country and no sector."""
    from warta.events.actors import default_actors

    table = default_actors()
    with reader(db_path) as conn:
        counts = Counter(
            (text, label)
            for text, label in conn.execute("SELECT text, label FROM entities WHERE label IN ('PER', 'ORG')")
        )
    out = []
    for (text, label), count in counts.most_common():
        if not table.is_known(text):
            out.append((text, label, count))
            if len(out) >= top:
                break
    return out
