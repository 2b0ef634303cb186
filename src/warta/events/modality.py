"""Mode of an event — asserted, alleged, hypothetical, future or negated — from cue words before its trigger."""

from __future__ import annotations

import re

from warta.data import EventMode

# Checked in this order: a negated allegation is still negated; an alleged plan is alleged.
_CUES: tuple[tuple[EventMode, str], ...] = (
    (EventMode.NEGATED, r"tidak|tak|belum|bukan|jangan|membantah|menyangkal|batal|gagal|not|never|denied|no longer"),
    (
        EventMode.ALLEGED,
        r"dituduh|dituding|diduga|dicurigai|dilaporkan|disebut-sebut|kabarnya|konon|reportedly|allegedly|accused of",
    ),
    (
        EventMode.HYPOTHETICAL,
        r"jika|bila|apabila|kalau|seandainya|bisa|dapat|mungkin|kemungkinan|berpotensi|terancam|if|could|might|may|"
        r"would",
    ),
    (
        EventMode.FUTURE,
        r"akan|bakal|berencana|rencana|diperkirakan|diharapkan|hendak|ingin|siap|bersiap|berniat|will|plans to|"
        r"expected to|is set to",
    ),
)
_COMPILED = tuple((mode, re.compile(r"\b(?:" + cues + r")\b", re.IGNORECASE)) for mode, cues in _CUES)
_CONDITION = re.compile(r"(jika|bila|apabila|kalau|seandainya|if|unless)\b", re.IGNORECASE)
# Cues further back than this belong to another clause.
WINDOW = 60


def mode_of(sentence: str, trigger_start: int) -> tuple[EventMode, str | None]:
    """The mode the words just before the trigger give it, and the cue that decided."""
    left = sentence[max(0, trigger_start - WINDOW) : trigger_start]
    left = re.split(r"[,;:]|\bsementara\b|\bwhile\b", left)[-1]  # stay inside the trigger's clause
    # a sentence opened by a condition keeps every event of its conditional clauses hypothetical
    if m := _CONDITION.match(sentence.lstrip('"“ ')):
        return EventMode.HYPOTHETICAL, m.group(0).lower()
    for mode, pattern in _COMPILED:
        if m := pattern.search(left):
            return mode, m.group(0).lower()
    return EventMode.ASSERTED, None
