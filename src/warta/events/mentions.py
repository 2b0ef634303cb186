"""Participants of a sentence: entity mentions and role words, appositions merged, each resolved to an Actor.

``PRESIDEN Rusia Vladimir Putin`` is one participant (role word + country + person, only spaces between);
``polisi`` alone is one too (sector COP, no country). Coordination (``AS dan negara-negara NATO``) is left to the
coder, which groups participants into joint actors.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from warta.data import Actor, Entity
from warta.events.actors import ActorTable, _key, default_actors

# Actors are things that act: people, organisations and political places; geographic regions are settings
# (a LOC with a country — the statistical NER labels countries LOC — takes part too).
ACTOR_LABELS = frozenset({"PER", "ORG", "GPE", "NORP"})
_PRONOUN = re.compile(r"^\W*(dia|ia|beliau|keduanya|mereka)\b", re.IGNORECASE)
#: A country named after a currency word names the currency ("dolar Amerika Serikat (AS)"), not a party.
_CURRENCY = re.compile(
    r"\b(dolar|dollar|yen|yuan|renminbi|won|euro|rupiah|ringgit|peso|rubel|rupee|baht|mata uang)\s*\(?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One participant: its span in the text and who it is."""

    start: int
    end: int
    actor: Actor
    entity: Entity | None


@functools.lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern[str]:
    words = sorted(default_actors().roles, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _named_pattern() -> re.Pattern[str]:
    """Named actors of ``actors.tsv`` (``Polda Metro Jaya``, ``KPK``), matched as written (capitalised)."""
    names = sorted(default_actors().surface, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def is_actor_entity(entity: Entity, table: ActorTable | None = None) -> bool:
    """Whether an entity can take part in an event (people, bodies, states — not regions)."""
    if entity.label in ACTOR_LABELS:
        return True
    del table
    return entity.label == "LOC" and entity.country is not None  # "ke Gaza": a place with a country receives


def participants(text: str, entities: list[Entity], start: int, end: int, date: str | None = None) -> list[Mention]:
    """Participants between ``start`` and ``end`` of ``text``, in order."""
    table = default_actors()
    ents = [e for e in entities if start <= e.start and e.end <= end and is_actor_entity(e, table)]
    pieces: list[tuple[int, int, Entity | None]] = [(e.start, e.end, e) for e in ents]
    for m in _named_pattern().finditer(text, start, end):
        s, e = m.start(), m.end()
        if not any(es < e and s < ee for es, ee, _ in pieces):
            pieces.append((s, e, Entity(m.group(0), "ORG", s, e, *_named(table, m.group(0)))))
    for m in _role_pattern().finditer(text, start, end):
        s, e = m.start(), m.end()
        if not any(es < e and s < ee for es, ee, _ in pieces):
            pieces.append((s, e, None))
    pieces.sort(key=lambda p: p[0])
    groups: list[list[tuple[int, int, Entity | None]]] = []
    reach = -1  # where the last group ends, past a short form in brackets after it
    for piece in pieces:
        if groups and text[reach : piece[0]].strip() == "(" and text[piece[1] :].lstrip().startswith(")"):
            # "Presiden Amerika Serikat (AS) Donald Trump": the short form restates the name before it
            reach = text.index(")", piece[1]) + 1
            continue
        if groups and not text[reach : piece[0]].strip() and _joins(groups[-1], piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
        reach = piece[1]
    out = []
    after_currency = -1
    for group in groups:
        s, e = group[0][0], group[-1][1]
        if _CURRENCY.search(text[max(start, s - 20) : s]) or (
            after_currency >= 0 and text[after_currency:s].strip() == "("
        ):
            after_currency = e
            continue
        after_currency = -1
        named = [p[2] for p in group if p[2] is not None]
        if not named and not any(_key(text[ps:pe]) in table.standalone for ps, pe, _ in group):
            continue  # "hubungan ekonomi dan militer": a qualifier, not a party
        head = next((n for n in reversed(named) if n.label in ("PER", "ORG")), named[-1] if named else None)
        actor = table.resolve(text[s:e], head, date)
        if head is None or head.label not in ("PER", "ORG"):
            actor = Actor(text[s:e], actor.country, actor.sector, actor.id)
        out.append(Mention(s, e, actor, head))
    return out


def _named(table: ActorTable, name: str) -> tuple[str | None, str | None]:
    known = table.named[_key(name)]
    return known.country, known.id


def _joins(group: list[tuple[int, int, Entity | None]], piece: tuple[int, int, Entity | None]) -> bool:
    """Whether ``piece`` continues the apposition ``group`` (a person or body ends a chain: nothing follows it)."""
    last = group[-1][2]
    del piece
    return last is None or last.label not in ("PER", "ORG")


def pronoun_subject(sentence: str) -> bool:
    """Whether the sentence opens with a personal pronoun (``Dia juga menyatakan…``)."""
    return _PRONOUN.match(sentence) is not None
