"""Direct quotes: text between quotation marks, attributed through the cue next to it.

Quotation marks are paired in order, so Kompas' habit of opening with ``”`` works as well as ``“…”`` and
``"…"``. A quotation running over several paragraphs (each paragraph reopening it, only the last closing it)
is one quote. The cue is looked for after the quote (``"…," kata Lee`` / ``"…," ujarnya`` / ``"…," Lee said``)
and then before it (``Presiden mengatakan, "…"``); a quotation with neither that follows closely on another
continues it (``"…," kata Lee. "…"``).
"""

from __future__ import annotations

import re

from warta.data import Entity
from warta.quotes.cues import CUE, REPORTING_SET
from warta.quotes.found import Candidate
from warta.quotes.lexicon import PRONOUNS, ROLE_WORDS
from warta.quotes.speakers import (
    Reference,
    TextNames,
    Token,
    capitalised_words,
    parse_phrase,
    phrase_after_cue,
    tokens,
)

_DOUBLE = re.compile(r"[\"“”„«»]")
_SINGLE = re.compile(r"(?<![\w])‘([^‘’\n]{3,}?)’(?![\w])")
#: A quotation this close after the previous one's attribution continues it (the interrupted-quote shape).
CONTINUE_GAP = 200
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` positions of paired quotation marks; multi-paragraph quotations come out as one."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    scan_from = 0  # where to look for a paragraph break inside the open quotation
    for m in _DOUBLE.finditer(text):
        pos = m.start()
        if open_at is None:
            open_at = scan_from = pos
            continue
        brk = text.rfind("\n\n", scan_from, pos)
        if brk != -1:
            if text[brk:pos].strip() == "":  # the mark opens the next paragraph: the quotation goes on
                scan_from = pos
                continue
            scan_from = pos
            open_at = pos  # the earlier quotation was never closed: drop it, this mark opens a new one
            continue
        spans.append((open_at, pos))
        open_at = None
    spans += [(m.start(), m.end() - 1) for m in _SINGLE.finditer(text)]
    return sorted(spans)


def _inner(text: str, open_at: int, close_at: int) -> tuple[int, int]:
    """The quoted words without the marks, surrounding spaces and a trailing comma."""
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_direct(
    text: str, entities: list[Entity], caps: TextNames | None = None, min_words: int = 3
) -> list[Candidate]:
    """Every quotation that reads as speech, with the cue and speaker phrase next to it when there is one."""
    caps = capitalised_words(text) if caps is None else caps
    found: list[Candidate] = []
    last_attr_end = -1
    for open_at, close_at in quote_spans(text):
        start, end = _inner(text, open_at, close_at)
        words = text[start:end].split()
        cand = _after(text, close_at + 1, entities, caps) or _before(text, open_at, entities, caps)
        if cand is None:
            # Short title-like phrases in quotes ("Makan Gratis") are names or scare quotes, not speech.
            if len(words) < min_words or all(w[:1].isupper() for w in words if w[:1].isalpha()):
                continue
            cand = Candidate(start, end, True)
            gap = text[last_attr_end:open_at] if last_attr_end >= 0 else None
            cand.inherit = gap is not None and len(gap) <= CONTINUE_GAP and "\n\n" not in gap.strip()
        cand.start, cand.end = start, end
        found.append(cand)
        last_attr_end = max(close_at + 1, cand.cue_end or 0)
        if cand.phrase is not None:
            last_attr_end = max(last_attr_end, cand.phrase.end)
    return found


def _after(text: str, pos: int, entities: list[Entity], caps: TextNames) -> Candidate | None:
    """``"…," kata Lee`` / ``"…," ujarnya`` / ``"…," Lee said``: the cue within the first words after the quote."""
    head = text[pos : pos + 120]
    m = re.match(r"[\s,]*", head)
    skip = m.end() if m else 0
    if "\n\n" in head[:skip]:
        return None
    toks = tokens(text, pos + skip, pos + len(head))
    if not toks:
        return None
    cue_match = CUE.match(toks[0].text)
    if cue_match and cue_match.end() == len(toks[0].text):
        tok = toks[0]
        cue = cue_match.group("cue").casefold()
        if cue_match.group("nya"):
            ref = Reference("pronoun", tok.text, tok.start, tok.end)
            return Candidate(0, 0, True, cue, tok.start, tok.end, ref)
        phrase = phrase_after_cue(text, tok.end)
        return Candidate(
            0,
            0,
            True,
            cue,
            tok.start,
            tok.end,
            parse_phrase(text, phrase, entities, caps, after_cue=True) if phrase else None,
        )
    # Speaker first: "Lee said", "Menteri Budi menambahkan", "dia menambahkan".
    for i, tok in enumerate(toks[:7]):
        cm = CUE.fullmatch(tok.text)
        if cm and i > 0 and tok.text.casefold() in REPORTING_SET | {"said", "says"}:
            subject = toks[:i]
            if all(t.cap or t.low in PRONOUNS or t.low in ROLE_WORDS or t.low == "sang" for t in subject):
                return Candidate(
                    0,
                    0,
                    True,
                    cm.group("cue").casefold(),
                    tok.start,
                    tok.end,
                    parse_phrase(text, subject, entities, caps),
                )
            return None
        if not (tok.cap or tok.low in PRONOUNS or tok.low in ROLE_WORDS or tok.low == "sang"):
            return None
    return None


def _before(text: str, pos: int, entities: list[Entity], caps: TextNames) -> Candidate | None:
    """``Presiden Joko Widodo mengatakan, "…"`` / ``Menurut dia, "…"``: a cue ending the text before the quote."""
    line_start = max(text.rfind("\n", 0, pos) + 1, pos - 200)
    before = text[line_start:pos]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    frag_start = line_start + (ends[-1] if ends else 0)
    frag = tokens(text, frag_start, pos)
    while frag and frag[-1].text in ",:":
        frag.pop()
    if not frag:
        return None
    if frag[0].low == "menurut" and len(frag) > 1:
        return Candidate(
            0, 0, True, "menurut", frag[0].start, frag[0].end, parse_phrase(text, frag[1:], entities, caps)
        )
    cm = CUE.fullmatch(frag[-1].text)
    if not cm or frag[-1].text.casefold() not in REPORTING_SET | {"kata", "berkata"}:
        return None
    subject = frag[:-1]
    comma = max((i for i, t in enumerate(subject) if t.text == ","), default=-1)
    if comma >= 0 and not any(t.cap for t in subject[comma + 1 :]) and len(subject) - comma > 4:
        return None
    phrase = parse_phrase(text, subject, entities, caps) if subject else None
    return Candidate(0, 0, True, cm.group("cue").casefold(), frag[-1].start, frag[-1].end, phrase)


__all__ = ["Token", "find_direct", "quote_spans"]
