"""English quotes from the dependency parse: ``"…," said X``, ``X said (that) …``, ``according to X, …``.

A direct quote is a quoted span of some length; its speaker is the subject of a reporting verb of its sentence
outside the quotes (``said X`` inverts: the subject follows), else — a quote standing alone as a paragraph — the
previous speaker. A reported statement is the ``ccomp`` clause of a reporting verb. ``according to X`` attributes
the rest of its sentence to X. Speakers are linked like event actors: the person's entity id (the gazetteer's or,
for a bare surname, that of the person named earlier), the role words before the name (*Foreign Minister*) and
the country or body it speaks for (*Russian*, *of the UN*).
"""

from __future__ import annotations

import re
from typing import Any

from warta.data import Entity, Quote, Speaker

#: Reporting verbs (lemmas).
REPORTING = frozenset(
    {"say", "tell", "add", "state", "announce", "claim", "insist", "note", "stress", "warn", "argue", "explain",
     "declare", "write", "confirm", "deny", "admit", "reply", "respond", "suggest", "emphasise", "emphasize",
     "acknowledge", "assert", "comment", "report", "predict", "believe", "urge", "vow", "pledge", "promise"}
)  # fmt: skip
_QUOTED = re.compile(r"“([^”]{12,})”|\"([^\"\n]{12,})\"")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
MIN_REPORTED = 4  # tokens: "said it would respond" is a statement, "said so" is not


def find_english_quotes(text: str, entities: list[Entity], doc: Any) -> list[Quote]:
    """Direct and reported statements of the parsed English ``doc`` of ``text``, in text order, with speakers."""
    people = [e for e in entities if e.label == "PER"]
    quotes: list[Quote] = []
    direct: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text[: len(doc.text)]):
        start, end = m.start(1) if m.group(1) else m.start(2), m.end(1) if m.group(1) else m.end(2)
        direct.append((m.start(), m.end()))
        verb = _reporting_verb_around(doc, m.start(), m.end())
        speaker_toks = _subject(verb) if verb is not None else []
        cue = verb.text if verb is not None else None
        quotes.append(Quote(text[start:end], start, end, True, cue, _speaker(speaker_toks, entities, people, start)))
    for tok in doc:
        inside = any(s <= tok.idx < e for s, e in direct)
        if inside:
            continue
        if tok.lemma_.lower() in REPORTING and tok.pos_ == "VERB":
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            for comp in comps:
                toks = [t for t in comp.subtree if not (t.dep_ == "mark" and t.head == comp)]
                if len(toks) < MIN_REPORTED or any(s <= toks[0].idx < e for s, e in direct):
                    continue
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                speaker = _speaker(_subject(tok), entities, people, tok.idx)
                quotes.append(Quote(text[start:end], start, end, False, tok.text, speaker))
        elif tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            quotes += _according(text, tok, entities, people, direct)
    quotes.sort(key=lambda q: q.start)
    _inherit(quotes, {p.text for p in people})
    return quotes


def _reporting_verb_around(doc: Any, q_start: int, q_end: int) -> Any:
    """The reporting verb of the quote's sentence(s) that stands outside the quote, nearest to it."""
    span = doc.char_span(q_start, q_end, alignment_mode="expand")
    if span is None:
        return None
    first, last = span[0].sent, span[-1].sent
    candidates = [
        t for t in doc[first.start : min(len(doc), last.end + 1)]
        if t.lemma_.lower() in REPORTING and t.pos_ == "VERB" and not (q_start <= t.idx < q_end)
    ]  # fmt: skip
    # the sentence after a quote ending in a comma ("…," Kim said.) counts too: the parser may split it off
    if not candidates and last.end < len(doc):
        nxt = doc[last.end].sent
        candidates = [t for t in nxt if t.lemma_.lower() in REPORTING and t.pos_ == "VERB" and t.i - nxt.start <= 4]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - q_start), abs(t.idx - q_end)))


def _subject(verb: Any) -> list[Any]:
    if verb is None:
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return [t for s in subjects for t in s.subtree if t.dep_ not in ("relcl", "punct") or t == s]


def _according(
    text: str, tok: Any, entities: list[Entity], people: list[Entity], direct: list[tuple[int, int]]
) -> list[Quote]:
    to = next(c for c in tok.children if c.lower_ == "to")
    who = [t for c in to.children if c.dep_ == "pobj" for t in c.subtree]
    sent = tok.sent
    phrase_start = tok.idx
    phrase_end = who[-1].idx + len(who[-1].text) if who else to.idx + 2
    if phrase_start - sent.start_char < 3:  # "According to X, …": the rest of the sentence
        start = phrase_end
        while start < sent.end_char and text[start] in " ,":
            start += 1
        end = sent.end_char
    else:  # "…, according to X."
        start, end = sent.start_char, phrase_start
    claim = text[start:end].strip(" ,.;\n")
    if len(claim.split()) < MIN_REPORTED or any(s <= start < e for s, e in direct):
        return []
    start = text.index(claim, start)
    return [Quote(claim, start, start + len(claim), False, "according to", _speaker(who, entities, people, tok.idx))]


def _speaker(toks: list[Any], entities: list[Entity], people: list[Entity], at: int) -> Speaker | None:
    """A speaker from the tokens of the subject phrase, linked through the entities inside it."""
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    inside = [e for e in entities if start <= e.start and e.end <= end]
    person = next((e for e in inside if e.label == "PER"), None)
    if person is not None:
        ident = person.id or _earlier_id(person.text, people, at)
        role = " ".join(t.text for t in toks if t.idx < person.start and t.pos_ in ("NOUN", "PROPN") and
                        not any(e.start <= t.idx < e.end for e in inside)) or None  # fmt: skip
        body = next((e for e in inside if e.label in ("GPE", "NORP", "ORG") and e is not person), None)
        return Speaker(person.text, ident, role, body.text if body else None)
    if len(toks) == 1 and toks[0].lower_ in ("he", "she"):  # the person named last before it
        before = [e for e in people if e.end <= toks[0].idx]
        if before:
            last = before[-1]
            return Speaker(last.text, last.id or _earlier_id(last.text, people, last.start), None, None)
    if len(toks) == 1 and toks[0].lower_ in _PRONOUNS:
        return None  # resolved to the previous speaker by _inherit
    body = next((e for e in inside if e.label in ("ORG", "GPE", "NORP")), None)
    words = [t for t in toks if t.dep_ != "det"]
    phrase = toks[0].doc[words[0].i : words[-1].i + 1].text if words else ""  # a span: Doc.text joins it all
    if body is not None:
        role = " ".join(t.text for t in words if not (body.start <= t.idx < body.end) and t.dep_ != "case") or None
        return Speaker(phrase, body.id, role, body.text)
    return Speaker(phrase, None, phrase, None) if phrase else None


def _earlier_id(name: str, people: list[Entity], at: int) -> str | None:
    """A bare surname's id: the person named in full earlier (``Kim`` after ``Kim Jong Un``)."""
    for e in people:
        if e.start < at and e.id and name in e.text.split():
            return e.id
    return None


def _inherit(quotes: list[Quote], people: set[str]) -> None:
    """Quotes without a speaker (a pronoun, a quote on its own) take the previous person speaking."""
    previous: Speaker | None = None
    for i, q in enumerate(quotes):
        if q.speaker is None and previous is not None:
            quotes[i] = Quote(q.text, q.start, q.end, q.direct, q.cue, previous)
        elif q.speaker is not None and q.speaker.text in people:
            previous = q.speaker
