"""Indirect (reported) speech: ``X mengatakan (bahwa) …``, ``menurut X, …``, ``X said (that) …``.

A sentence reports speech when it opens with a speaker — a name, a role, an organisation or a pronoun, after an
optional lead-in such as ``Sementara itu,`` — followed by a reporting verb; the statement is the rest of the
sentence. With the trained parser the subject is the verb's ``nsubj`` subtree instead of everything before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from warta.data import Entity
from warta.quotes.cues import ACCORDING_TO, REPORTING_SET
from warta.quotes.found import Candidate
from warta.quotes.lexicon import HONORIFICS, ORG_WORDS, ROLE_WORDS
from warta.quotes.speakers import Person, Reference, TextNames, Token, parse_phrase, tokens

#: Sentence ends: . ! ? before a space and a capital or quotation mark, or a paragraph break.
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“”‘A-Z0-9])|\n\s*\n")
_QUOTE_MARKS = frozenset('"“”„«»')
#: Words after the verb that open the statement and are not part of it.
_OPENERS = frozenset({"bahwa", "that", ",", ":"})
MAX_SUBJECT = 30  # words; longer means the verb belongs to a clause deep in the sentence
MIN_STATEMENT = 3  # words


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, by punctuation and paragraph breaks."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def find_indirect(
    text: str,
    entities: list[Entity],
    caps: TextNames,
    taken: list[tuple[int, int]],
    subjects: Mapping[int, tuple[int, int]] | None = None,
) -> list[Candidate]:
    """Reported statements in sentences that hold no direct quote (``taken``).

    ``subjects`` maps a verb's start offset to its subject span, when a dependency parse is at hand.
    """
    found: list[Candidate] = []
    for start, end in sentences(text):
        if any(s < end and start < e for s, e in taken) or any(c in _QUOTE_MARKS for c in text[start:end]):
            continue
        cand = _according_to(text, start, end, entities, caps) or _reporting(text, start, end, entities, caps, subjects)
        if cand is not None:
            found.append(cand)
    return found


def _strip_end(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1] in ".!?, " or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in ",: " or text[start].isspace()):
        start += 1
    return start, end


def _according_to(text: str, start: int, end: int, entities: list[Entity], caps: TextNames) -> Candidate | None:
    """``Menurut X, …`` (or ``…, menurut X.``): the speaker between the cue and the comma."""
    toks = tokens(text, start, end)
    low = [t.low for t in toks]
    for i in range(len(toks)):
        two = " ".join(low[i : i + 2])
        size = 2 if two == "according to" else 1 if low[i] in ACCORDING_TO else 0
        if not size:
            continue
        comma = next((j for j in range(i + size, len(toks)) if toks[j].text == ","), len(toks))
        phrase = parse_phrase(text, toks[i + size : comma], entities, caps)
        if phrase is None:
            return None
        if i <= 2:  # "Menurut X, statement." (a short lead-in such as "Namun," may come first)
            s, e = _strip_end(text, toks[comma].end if comma < len(toks) else end, end)
        elif i > 0 and toks[i - 1].text == ",":  # "statement, menurut X."
            s, e = _strip_end(text, start, toks[i - 1].start)
        else:
            return None
        if len(text[s:e].split()) < MIN_STATEMENT:
            return None
        return Candidate(s, e, False, " ".join(low[i : i + size]), toks[i].start, toks[i + size - 1].end, phrase)
    return None


def _reporting(
    text: str,
    start: int,
    end: int,
    entities: list[Entity],
    caps: TextNames,
    subjects: Mapping[int, tuple[int, int]] | None,
) -> Candidate | None:
    """``Subject [, apposition,] (juga) VERB (bahwa) statement.``"""
    toks = tokens(text, start, end)
    for i, tok in enumerate(toks[: MAX_SUBJECT + 1]):
        if tok.text.casefold() not in REPORTING_SET:
            continue
        if i == 0:
            return None
        subject = _subject(toks[:i], subjects.get(tok.start) if subjects else None)
        if not subject or any(t.low == "yang" for t in subject):  # a relative clause: not the speaker
            return None
        phrase = parse_phrase(text, subject, entities, caps)
        if not _opens_with(phrase, subject):
            return None
        rest = toks[i + 1 :]
        while rest and rest[0].low in _OPENERS:
            rest = rest[1:]
        if not rest:
            return None
        s, e = _strip_end(text, rest[0].start, end)
        if len(text[s:e].split()) < MIN_STATEMENT:
            return None
        return Candidate(s, e, False, tok.text.casefold(), tok.start, tok.end, phrase)
    return None


def _subject(before: list[Token], span: tuple[int, int] | None) -> list[Token]:
    """The subject words: the parser's ``nsubj`` span when known, else all before the verb after a lead-in."""
    if span is not None:
        inside = [t for t in before if span[0] <= t.start and t.end <= span[1]]
        if inside:
            return inside
    # "Sementara itu, Menteri X mengatakan": a lead-in of lowercase words closed by a comma is not the subject.
    for j, tok in enumerate(before):
        if tok.text == ",":
            lead = before[:j]
            if lead and not any(t.cap for t in lead[1:]) and len(lead) <= 5:
                return before[j + 1 :]
            break
    return before


def _opens_with(phrase: Person | Reference | None, subject: list[Token]) -> bool:
    """Whether the speaker phrase starts the subject (a name further in is an object, not the speaker)."""
    if phrase is None:
        return False
    first = next((t for t in subject if t.text[0].isalnum()), None)
    if first is None:
        return False
    if isinstance(phrase, Reference):
        return phrase.start <= first.start + 12
    # the name itself, or a role/honorific right before it, must come first
    return phrase.start - first.start <= 60 and _only_titles_before(subject, phrase)


def _only_titles_before(subject: list[Token], person: Person) -> bool:
    before = [t for t in subject if t.end <= person.start]
    return all(t.cap or t.low in ROLE_WORDS | HONORIFICS | ORG_WORDS | {"sang", ",", "(", ")"} for t in before)
