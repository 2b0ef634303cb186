"""Commitments: treaties and pledges as who commits to what towards whom (ATOP-style, but from the news).

A commitment comes from an AGREE or SUPPORT event whose sentence names a treaty or a pledge (``perjanjian``,
``pakta``, ``berjanji``…); its kind comes from ``data/commitments.tsv`` (mutual defence, non-aggression, military
aid, consultation, trade, else cooperation). Reciprocal wording (``saling``, ``kedua negara``) or parties acting
towards each other make it mutual.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from warta.data import Commitment, Event

_TREATY = re.compile(
    r"\b(perjanjian|pakta|traktat|kesepakatan|aliansi|berjanji|berkomitmen|menjanjikan|komitmen|treaty|pact|"
    r"alliance|pledged?|committed)\b",
    re.IGNORECASE,
)
_MUTUAL = re.compile(r"\b(saling|bersama|kedua negara|keduanya|mutual|each other)\b", re.IGNORECASE)
TYPES = frozenset({"AGREE", "SUPPORT"})


@functools.lru_cache(maxsize=1)
def kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) in the order they are tried."""
    text = resources.files("warta.events").joinpath("data", "commitments.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in rows)


def commitments(events: list[Event]) -> list[Commitment]:
    """The commitments the events state, one per (kind, parties, beneficiaries)."""
    out: list[Commitment] = []
    seen: set[tuple[str, frozenset[str], frozenset[str]]] = set()
    for event in events:
        if event.event not in TYPES or not event.actor or not _TREATY.search(event.sentence):
            continue
        kind = next(k for k, pattern in kinds() if pattern.search(event.sentence))
        parties = {a.country or a.text for a in event.actor}
        beneficiaries = {a.country or a.text for a in event.recipient}
        mutual = bool(_MUTUAL.search(event.sentence)) or (len(parties) > 1 and parties == beneficiaries)
        key = (kind, frozenset(parties), frozenset(beneficiaries))
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Commitment(
                kind=kind,
                parties=list(event.actor),
                beneficiaries=list(event.recipient or event.actor) if mutual else list(event.recipient),
                mutual=mutual,
                mode=event.mode,
                trigger=event.trigger,
                sentence=event.sentence,
                start=event.start,
                end=event.end,
                date=event.date,
            )
        )
    return out
