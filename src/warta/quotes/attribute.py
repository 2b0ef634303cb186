"""From text to quotes: find direct and reported statements, then resolve every speaker in document order."""

from __future__ import annotations

from collections.abc import Mapping

from warta.data import Entity, Quote, Speaker
from warta.quotes.direct import find_direct
from warta.quotes.found import Candidate
from warta.quotes.indirect import find_indirect
from warta.quotes.speakers import People, Person, Reference, capitalised_words


def find_candidates(
    text: str, entities: list[Entity], subjects: Mapping[int, tuple[int, int]] | None = None
) -> list[Candidate]:
    """Direct quotations and reported statements, in text order (speakers not yet resolved)."""
    caps = capitalised_words(text)
    direct = find_direct(text, entities, caps)
    taken = [(c.start, c.end) for c in direct]
    indirect = find_indirect(text, entities, caps, taken, subjects)
    return sorted(direct + indirect, key=lambda c: c.start)


def resolve(text: str, entities: list[Entity], candidates: list[Candidate]) -> list[Quote]:
    """Quotes with speakers: names completed from earlier mentions, pronouns and roles resolved, ids linked."""
    people = People(text, entities, excluded=[(c.start, c.end) for c in candidates if c.direct])
    quotes: list[Quote] = []
    previous: Speaker | None = None
    for cand in candidates:
        speaker = _speaker(cand, people, previous)
        quotes.append(Quote(text[cand.start : cand.end], cand.start, cand.end, cand.direct, cand.cue, speaker))
        if speaker is not None:
            previous = speaker
    return quotes


def _speaker(cand: Candidate, people: People, previous: Speaker | None) -> Speaker | None:
    phrase = cand.phrase
    if isinstance(phrase, Person):
        return people.add(phrase).speaker()
    if isinstance(phrase, Reference):
        person = people.resolve(phrase)
        if person is not None:
            return people.add(
                Person(person.name, phrase.start, phrase.end, person.role, person.affiliation, person.entity_id)
            ).speaker()
        return Speaker(phrase.text, role=phrase.text) if phrase.kind == "role" else None
    if cand.inherit and previous is not None:
        return Speaker(previous.text, previous.entity_id, previous.role, previous.affiliation)
    return None


def find_quotes(
    text: str, entities: list[Entity], subjects: Mapping[int, tuple[int, int]] | None = None
) -> list[Quote]:
    """Every quote in ``text`` with its cue and speaker (see :mod:`warta.quotes`)."""
    return resolve(text, entities, find_candidates(text, entities, subjects))
