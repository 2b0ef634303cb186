"""Merge the statistical NER's mentions with the gazetteer's linked ones.

The gazetteer is precise and linked but knows only well-known names; the trained model finds any name but links
none. Where they overlap, the longer span wins (``Kementerian Luar Negeri Rusia`` over ``Rusia``); on equal spans
the gazetteer wins, keeping its finer label (GPE vs LOC) and id. A longer model span inherits the country of the
linked mention inside it, and a model person whose name is a linked person's name takes that id.
"""

from __future__ import annotations

from collections.abc import Iterable

from warta.data import Entity


def merge_entities(model: Iterable[Entity], gazetteer: Iterable[Entity]) -> list[Entity]:
    """One list of non-overlapping mentions, in text order."""
    linked = sorted(gazetteer, key=lambda e: (e.start, -e.end))
    out: list[Entity] = []
    covered: list[Entity] = []  # linked mentions swallowed by a longer model span
    for ent in sorted(model, key=lambda e: (e.start, -e.end)):
        inside = [g for g in linked if ent.start <= g.start and g.end <= ent.end]
        crossing = [g for g in linked if g.start < ent.end and ent.start < g.end and g not in inside]
        if crossing or any(g.start == ent.start and g.end == ent.end for g in inside):
            continue  # the gazetteer's own span stands
        if inside and not _compatible(ent, inside):
            continue  # "Korea Utara Kim Jong Un" as one LOC is the model running two names together
        if inside:
            ent = _inherit(ent, inside)
            covered += inside
        out.append(ent)
    out += [g for g in linked if not any(g is c for c in covered)]
    return sorted(_dedupe(out), key=lambda e: e.start)


# A longer model span may contain linked mentions of these labels: an organisation or place named after a
# country ("Kementerian Luar Negeri Rusia", "Provinsi Papua"), or a person with a title ("Presiden Vladimir Putin").
_CONTAINS = {"ORG": {"GPE", "LOC", "ORG"}, "LOC": {"GPE", "LOC"}, "GPE": {"GPE"}, "PER": {"PER"}}


def _compatible(ent: Entity, inside: list[Entity]) -> bool:
    allowed = _CONTAINS.get(ent.label, set())
    return len(inside) == 1 and inside[0].label in allowed


def _inherit(ent: Entity, inside: list[Entity]) -> Entity:
    """A longer model mention takes the country of what it contains, and the id of a person it names."""
    country = ent.country or next((g.country for g in inside if g.country), None)
    ident = ent.id
    if ent.label == "PER":
        # "Presiden Vladimir Putin" (a model span with the title in it) is still Vladimir Putin
        person = next((g for g in inside if g.label == "PER"), None)
        if person is not None:
            ident = person.id
    return Entity(ent.text, ent.label, ent.start, ent.end, country, ident)


def _dedupe(ents: list[Entity]) -> list[Entity]:
    seen: set[tuple[int, int]] = set()
    out = []
    for ent in ents:
        if (ent.start, ent.end) not in seen:
            seen.add((ent.start, ent.end))
            out.append(ent)
    return out
