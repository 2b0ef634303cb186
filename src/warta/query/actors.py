"""Actors: a country (ISO 3166-1 alpha-3 code), an entity (``wikidata:Q…`` id) or a bare name — its events,
counterparts, quotes and commitments (read-only).

A country gathers everyone coded to it: ``PRK`` includes Kim Jong Un (``PRK``/``GOV``) as well as "Korea Utara".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from warta.query.db import reader
from warta.query.events import Party
from warta.query.explore import EventFilters, EventRow, event_table, has_events, party_sql

_COUNTRY = re.compile(r"^[A-Za-z]{3}$")

#: Short names where ISO 3166 has only a formal one and pycountry no common name.
_SHORT = {"RUS": "Russia", "VNM": "Vietnam", "SYR": "Syria", "LAO": "Laos", "BRN": "Brunei", "TZA": "Tanzania"}


@dataclass(frozen=True, slots=True)
class ActorRef:
    """How an actor is addressed: ``key`` (``PRK``, ``wikidata:Q56226`` or a name) and its display name."""

    key: str
    name: str
    kind: str  # country, entity, name


@dataclass(slots=True)
class Counterpart:
    """Another actor in the focal actor's events: how often as recipient of its actions, and as actor towards it."""

    actor: ActorRef
    outgoing: int = 0  # the focal actor did something to it
    incoming: int = 0  # it did something to the focal actor
    types: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ActorQuote:
    article_id: str
    title: str | None
    text: str
    start: int
    end: int
    speaker: str | None
    direct: bool


@dataclass(slots=True)
class ActorCommitment:
    """A commitment involving the actor. ``direction``: ``by`` (it pledged), ``to`` (pledged to it), ``mutual``."""

    n: int
    article_id: str
    title: str | None
    published: str | None
    kind: str
    mutual: bool
    mode: str
    trigger: str
    sentence: str
    start: int
    end: int
    date: str | None
    direction: str
    counterparts: list[ActorRef] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    beneficiaries: list[Party] = field(default_factory=list)


@dataclass(slots=True)
class ActorProfile:
    actor: ActorRef
    aliases: list[str]
    event_count: int
    events: list[EventRow] = field(default_factory=list)
    counterparts: list[Counterpart] = field(default_factory=list)
    quotes: list[ActorQuote] = field(default_factory=list)
    commitments: list[ActorCommitment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def country_name(code: str) -> str | None:
    """The common English name of an ISO 3166-1 alpha-3 code (``PRK`` → North Korea), or None."""
    if code.upper() in _SHORT:
        return _SHORT[code.upper()]
    found = pycountry.countries.get(alpha_3=code.upper())
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


def actor_ref(key: str, fallback: str | None = None) -> ActorRef:
    """The :class:`ActorRef` for ``key``: a known country code, an id with a colon, or a name."""
    key = key.strip()
    if _COUNTRY.match(key) and country_name(key):
        return ActorRef(key.upper(), country_name(key) or key.upper(), "country")
    if ":" in key:
        return ActorRef(key, fallback or key, "entity")
    return ActorRef(key, fallback or key, "name")


def party_ref(party: Party) -> ActorRef:
    """The actor a stored party stands for: its country when coded, else its entity id, else its name."""
    if party.country and country_name(party.country):
        return actor_ref(party.country)
    if party.id:
        return ActorRef(party.id, party.text, "entity")
    return ActorRef(party.text, party.text, "name")


def _matches(party: Party, actor: ActorRef) -> bool:
    if actor.kind == "country":
        return party.country == actor.key
    if actor.kind == "entity":
        return party.id == actor.key
    return party.text.lower() == actor.key.lower()


def _aliases(conn: Any, actor: ActorRef) -> list[str]:
    column = {"country": "country", "entity": "id", "name": "text"}[actor.kind]
    label = "AND label IN ('GPE', 'LOC')" if actor.kind == "country" else ""
    rows = conn.execute(
        f"SELECT text, count(*) AS c FROM entities WHERE {column} = ? {label} GROUP BY text ORDER BY c DESC, text "
        "LIMIT 8",
        (actor.key,),
    ).fetchall()
    return [r[0] for r in rows]


def _quotes(conn: Any, actor: ActorRef, limit: int) -> list[ActorQuote]:
    if actor.kind == "country":
        who = "q.speaker_entity_id IN (SELECT id FROM entities WHERE country = ? AND id IS NOT NULL)"
    elif actor.kind == "entity":
        who = "q.speaker_entity_id = ?"
    else:
        who = "lower(q.speaker) = lower(?)"
    rows = conn.execute(
        'SELECT q.article_id, a.title, q.text, q.start, q."end", q.speaker, q.direct FROM quotes q '
        f"JOIN articles a ON a.id = q.article_id WHERE {who} "
        "ORDER BY a.published IS NULL, a.published DESC, a.n DESC, q.start LIMIT ?",
        (actor.key, limit),
    ).fetchall()
    return [ActorQuote(r[0], r[1], r[2], int(r[3]), int(r[4]), r[5], bool(r[6])) for r in rows]


def _commitments(conn: Any, actor: ActorRef, limit: int) -> list[ActorCommitment]:
    sql, params = party_sql("commitment_parties", "commitment_n", actor.key, None)
    rows = conn.execute(
        "SELECT x.n, x.article_id, a.title, a.published, x.kind, x.mutual, x.mode, x.trigger, x.sentence, x.start, "
        f'x."end", x.date FROM commitments x JOIN articles a ON a.id = x.article_id WHERE {sql} '
        "ORDER BY coalesce(x.date, a.published) DESC, x.n LIMIT ?",
        [*params, limit],
    ).fetchall()
    out = []
    for r in rows:
        parties: list[Party] = []
        beneficiaries: list[Party] = []
        for role, *party in conn.execute(
            "SELECT role, text, country, sector, id FROM commitment_parties WHERE commitment_n = ? ORDER BY rowid",
            (r[0],),
        ):
            (parties if role == "party" else beneficiaries).append(Party(*party))
        by = any(_matches(p, actor) for p in parties)
        to = any(_matches(p, actor) for p in beneficiaries)
        if not (by or to):
            continue  # matched by a part of a name only, not the actor itself
        direction = "mutual" if r[5] else ("by" if by else "to")
        seen: dict[str, ActorRef] = {}
        for p in parties + beneficiaries:
            ref = party_ref(p)
            if not _matches(p, actor) and ref.key != actor.key:
                seen.setdefault(ref.key, ref)
        n, article_id, title, published, kind, mutual, mode, trigger, sentence, start, end, date = r
        out.append(
            ActorCommitment(
                n, article_id, title, published, kind, bool(mutual), mode, trigger, sentence, start, end, date,
                direction, list(seen.values()), parties, beneficiaries,
            )
        )  # fmt: skip
    return out


def _counterparts(rows: list[EventRow], actor: ActorRef) -> list[Counterpart]:
    found: dict[str, Counterpart] = {}
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        sides = ((row.actor, row.recipient, "outgoing"), (row.recipient, row.actor, "incoming"))
        for mine, theirs, direction in sides:
            if not any(_matches(p, actor) for p in mine):
                continue
            for p in theirs:
                ref = party_ref(p)
                if _matches(p, actor) or ref.key == actor.key:
                    continue
                cp = found.setdefault(ref.key, Counterpart(ref))
                setattr(cp, direction, getattr(cp, direction) + 1)
                types[ref.key][row.event] += 1
    for key, cp in found.items():
        cp.types = [t for t, _ in types[key].most_common()]
    return sorted(found.values(), key=lambda c: (-(c.outgoing + c.incoming), c.actor.name))


def actor_profile(db_path: str | Path, key: str, *, limit: int = 200) -> ActorProfile:
    """Everything stored about the actor ``key``: events (newest first, up to ``limit``), counterparts over those
    events, its quotes, and its commitments with their evidence."""
    actor = actor_ref(key)
    with reader(db_path) as conn:
        aliases = _aliases(conn, actor)
        if actor.kind != "country" and aliases:
            actor = ActorRef(actor.key, aliases[0], actor.kind)
        quotes = _quotes(conn, actor, limit)
        commitments = _commitments(conn, actor, limit) if has_events(conn) else []
    page = event_table(db_path, EventFilters(participant=actor.key), limit=limit)
    rows = [r for r in page.rows if any(_matches(p, actor) for p in r.actor + r.recipient)]
    return ActorProfile(actor, aliases, page.total, rows, _counterparts(rows, actor), quotes, commitments)


def actors(db_path: str | Path, *, limit: int = 100) -> list[tuple[ActorRef, int]]:
    """The actors that take part in stored events (by country when coded), with their event counts."""
    with reader(db_path) as conn:
        if not has_events(conn):
            return []
        rows = conn.execute(
            "SELECT p.text, p.country, p.sector, p.id, count(DISTINCT p.event_n) FROM event_actors p "
            "GROUP BY p.text, p.country, p.id"
        ).fetchall()
    counts: Counter[str] = Counter()
    refs: dict[str, ActorRef] = {}
    for text, country, sector, pid, count in rows:
        ref = party_ref(Party(text, country, sector, pid))
        refs.setdefault(ref.key, ref)
        counts[ref.key] += int(count)
    return [(refs[k], c) for k, c in counts.most_common(limit)]
