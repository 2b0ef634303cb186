"""A dictionary event coder: trigger words, actors from the entities around them, mode from cue words.

This is the foundation's coder: sentence by sentence, a trigger from ``data/triggers.tsv``; entities before it in
its clause are the actor, entities after it the recipient. The parse-based coder of the events issue replaces the
actor logic; the data and output shape stay.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from warta.data import Actor, Entity, Event
from warta.events.modality import mode_of

# Actors are things that act: people, organisations and political places; geographic regions are settings.
ACTOR_LABELS = frozenset({"PER", "ORG", "GPE", "NORP"})
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n\s*\n")


@dataclass(frozen=True, slots=True)
class Trigger:
    language: str
    pattern: re.Pattern[str]
    cameo: str
    plover: str
    context: str | None


@functools.lru_cache(maxsize=1)
def load_triggers() -> tuple[Trigger, ...]:
    """The shipped trigger table."""
    text = resources.files("warta.events").joinpath("data", "triggers.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, words, cameo, plover, *rest = line.split("\t")
        # longest alternatives first, so "memasok senjata" wins over "memasok"
        alts = sorted(words.split("|"), key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alts) + r")\b", re.IGNORECASE)
        out.append(Trigger(lang, pattern, cameo, plover, (rest[0] if rest else "") or None))
    return tuple(out)


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences (a cheap splitter; the trained pipeline's parser replaces it)."""
    spans, start = [], 0
    for m in _SPLIT.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def code_events(text: str, entities: list[Entity], language: str | None) -> list[Event]:
    """Events in ``text``: one per trigger that has at least one actor or recipient entity in its sentence."""
    triggers = [t for t in load_triggers() if t.language == (language if language == "en" else "id")]
    events: list[Event] = []
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        ents = [e for e in entities if s_start <= e.start and e.end <= s_end and e.label in ACTOR_LABELS]
        if not ents:
            continue
        hits = _triggers_in(sentence, triggers)
        for i, (m_start, m_end, trig) in enumerate(hits):
            lo = hits[i - 1][1] if i else 0
            hi = hits[i + 1][0] if i + 1 < len(hits) else len(sentence)
            clause = max(lo, sentence.rfind(",", 0, m_start) + 1)
            before = [e for e in ents if clause <= e.start - s_start and e.end - s_start <= m_start]
            actor = _actors(_group(text, before, last=True))
            if not actor and _RELATIVE.match(sentence[clause:m_start]):
                # "…Seoul, yang … memperingatkan Rusia": the relative clause's subject is the noun before it
                earlier = [e for e in ents if e.end - s_start <= m_start]
                actor = _actors(_group(text, earlier, last=True))
            after = [e for e in ents if m_end <= e.start - s_start < hi]
            recipient = _actors(_group(text, after, last=False))
            if _RECIPROCAL.search(sentence[max(0, m_start - 20) : m_end + 20]) and not recipient:
                recipient = list(actor)  # reciprocal: both sides act on each other
            if not actor and not recipient:
                continue
            mode, _cue = mode_of(sentence, m_start)
            confidence = 0.4 + 0.2 * bool(actor) + 0.2 * bool(recipient)
            events.append(
                Event(
                    event=trig.plover,
                    mode=mode,
                    cameo=trig.cameo,
                    actor=actor,
                    recipient=recipient,
                    trigger=sentence[m_start:m_end],
                    sentence=sentence.strip(),
                    start=s_start + m_start,
                    end=s_start + m_end,
                    context=trig.context,
                    confidence=round(confidence, 2),
                )
            )
    return events


def _triggers_in(sentence: str, triggers: list[Trigger]) -> list[tuple[int, int, Trigger]]:
    """Non-overlapping trigger matches, longest first, in sentence order."""
    found: list[tuple[int, int, Trigger]] = []
    for trig in triggers:
        for m in trig.pattern.finditer(sentence):
            found.append((m.start(), m.end(), trig))
    found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, Trigger]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


_RECIPROCAL = re.compile(r"\b(saling|each other|one another)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\s*(yang|which|who)\b", re.IGNORECASE)
# Between two mentions of one party ("AS dan negara-negara NATO", "Presiden Rusia Vladimir Putin") only a few
# words stand, none of them a preposition that would start another role.
_PREPOSITION = re.compile(
    r"\b(di|ke|dari|untuk|terhadap|dalam|pada|dengan|kepada|oleh|atas|sementara|namun|tetapi|"
    r"in|to|from|for|against|with|on|at|by|while|but)\b",
    re.IGNORECASE,
)


def _group(text: str, mentions: list[Entity], *, last: bool) -> list[Entity]:
    """The mentions nearest the trigger and those coordinated with them (the last group before, first after)."""
    if not mentions:
        return []
    ordered = mentions[::-1] if last else mentions
    group = [ordered[0]]
    for ent in ordered[1:]:
        lo, hi = (ent.end, group[-1].start) if last else (group[-1].end, ent.start)
        gap = text[lo:hi]
        if len(gap.split()) > 4 or _PREPOSITION.search(gap) or any(c in gap for c in ".;:()"):
            break
        group.append(ent)
    return group[::-1] if last else group


def _actors(entities: list[Entity]) -> list[Actor]:
    """Distinct actors (one per linked id or surface form), in order of mention."""
    seen: set[str] = set()
    out = []
    for ent in entities:
        key = ent.id or ent.text
        if key not in seen:
            seen.add(key)
            out.append(Actor(ent.text, ent.country, None, ent.id))
    return out
