"""What the finders hand to attribution: a statement span, its cue and the raw speaker phrase, with offsets."""

from __future__ import annotations

from dataclasses import dataclass

from warta.quotes.speakers import Person, Reference


@dataclass(slots=True)
class Candidate:
    """A statement found in the text, before its speaker is resolved.

    ``start``/``end`` bound the statement (quotation marks excluded); ``cue_start``/``cue_end`` the cue word as
    written (``katanya``), which the evaluation compares with gold cues; ``inherit`` marks a quotation with no
    cue of its own that continues the previous speaker's words (``"…," kata Lee. "…"``).
    """

    start: int
    end: int
    direct: bool
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    phrase: Person | Reference | None = None
    inherit: bool = False
