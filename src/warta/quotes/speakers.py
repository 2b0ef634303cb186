"""Who is speaking: speaker phrases split into name, role and affiliation, and references resolved to people.

A speaker phrase is what stands next to a cue: ``kata Kepala Dusun Nglahar, Wahyu Wibowo`` or the subject of
``Rachel Lee dari peneliti senior di … Stimson Center, mengatakan …``. :func:`parse_phrase` reads it from
capitalised runs and small word lists (no model needed); :class:`People` remembers who was named where, so later
references — ``ia``, ``dia``, ``beliau``, ``-nya``, ``sang menteri``, ``Kapolri``, ``Lee`` — resolve to the
right earlier mention, with its role, affiliation and entity id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from warta.data import Entity, Speaker
from warta.quotes.lexicon import (
    ADVERBS,
    FUNCTION_WORDS,
    HONORIFICS,
    ORG_WORDS,
    PLACE_WORDS,
    PRONOUNS,
    RANKS,
    ROLE_WORDS,
)
from warta.quotes.lexicon import CONNECTORS as _CONNECTORS
from warta.quotes.lexicon import DAYS as _DAYS
from warta.quotes.lexicon import PREPS as _PREPS

# Words keep an inner dot ("Kemenko.Polhukam") and short abbreviations theirs ("Dr. Budi", "H. Ahmad"), but a
# sentence-final dot is punctuation.
_WORD = re.compile(r"[A-Z][a-z]?\.(?=\s?[A-Z])|[^\W\d_][\w'’-]*(?:\.[^\W\d_][\w'’-]*)*|\d[\w.,/-]*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offsets in the text."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.casefold().rstrip(".")

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words and punctuation of ``text[start:end]`` with absolute offsets."""
    return [
        Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, len(text) if end is None else end)
    ]


@dataclass(frozen=True, slots=True)
class Person:
    """A named speaker candidate: the name as written, where, and what the text says about them."""

    name: str
    start: int
    end: int
    role: str | None = None
    affiliation: str | None = None
    entity_id: str | None = None
    is_person: bool = True  # False for an organisation speaking ("Kementerian Luar Negeri menyatakan …")
    narration: bool = False  # found by capitalisation alone: a weaker witness for a name than a speaker phrase

    def speaker(self) -> Speaker:
        return Speaker(self.name, entity_id=self.entity_id, role=self.role, affiliation=self.affiliation)


@dataclass(frozen=True, slots=True)
class Reference:
    """A phrase that names no one itself: a pronoun, ``-nya``, or a bare role (``sang menteri``, ``Kapolri``)."""

    kind: str  # "pronoun" or "role"
    text: str
    start: int
    end: int


def _runs(toks: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised words (with name particles inside), in order."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for i, tok in enumerate(toks):
        inside = bool(current) and tok.low in _CONNECTORS and i + 1 < len(toks) and toks[i + 1].cap
        if (tok.cap and tok.text[0].isalpha()) or inside:
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _is_acronym(tok: Token) -> bool:
    letters = [c for c in tok.text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and tok.low not in HONORIFICS


def _kind(run: list[Token]) -> str:
    first = run[0].low
    if first in ROLE_WORDS:
        return "role"
    if first in ORG_WORDS or _is_acronym(run[0]):
        return "org"
    if first in PLACE_WORDS:
        return "place"
    return "name"


def _span_text(text: str, toks: list[Token]) -> str:
    return text[toks[0].start : toks[-1].end] if toks else ""


def _orgish(tok: Token) -> bool:
    return tok.low in ORG_WORDS | PLACE_WORDS | ROLE_WORDS or _is_acronym(tok) or tok.low in _CONNECTORS


def _split_role_run(
    run: list[Token], short: frozenset[str] = frozenset(), text_count: Callable[[Token], int] = lambda t: 2
) -> tuple[list[Token], list[Token], list[Token]]:
    """``Menteri Keuangan Sri Mulyani`` → (role, affiliation, name) parts of one capitalised run."""
    i = 0
    while i < len(run) and run[i].low in ROLE_WORDS:
        i += 1
    rest = run[i:]
    if len(rest) <= 2 and not any(_orgish(t) for t in rest):
        return run[:i], [], rest  # "Presiden Joko Widodo"
    # The name is the tail after the last organisation, place or rank word: two words, unless the article
    # later calls the person by a word further left ("kata Syafrin") or by a one-word name ("kata Suprapto").
    j = len(run)
    while j > i and not _orgish(run[j - 1]) and run[j - 1].low not in RANKS and len(run) - j < 3:
        j -= 1
    tail = run[j:]
    known = [n for n, t in enumerate(tail) if t.text in short]
    if known:
        k = known[0]
        if k == len(tail) - 1 and k > 0 and text_count(tail[k - 1]) <= 1:
            k -= 1  # "Nashrudin Azis", called "Azis" later: the first name is still part of the name
        j += k
    elif len(tail) == 3:
        j += 1
    name = run[j:]
    middle = run[i:j]
    org_at = next((n for n, t in enumerate(middle) if t.low in ORG_WORDS or _is_acronym(t)), None)
    if org_at is None:
        return run[:j], [], name
    return run[: i + org_at], middle[org_at:], name


@dataclass(frozen=True, slots=True)
class TextNames:
    """What the whole article says about its capitalised words, to read one phrase in the light of the rest."""

    text: str
    caps: frozenset[str]  # capitalised where no sentence begins: names, not sentence-initial common words
    short: frozenset[str]  # the word right after a cue or "menurut": how the article calls people by one name

    def __contains__(self, word: object) -> bool:
        return word in self.caps

    def count(self, tok: Token) -> int:
        return len(re.findall(rf"\b{re.escape(tok.text)}\b", self.text))


def capitalised_words(text: str) -> TextNames:
    """The article's :class:`TextNames`."""
    return TextNames(
        text,
        frozenset(m.group(1) for m in _MID_CAP.finditer(text)),
        frozenset(m.group(1) for m in _AFTER_CUE.finditer(text)),
    )


_MID_CAP = re.compile(r"(?<=[\w,] )([A-Z][\w'’-]*)")
_AFTER_CUE = re.compile(
    r"\b(?:kata|ujar|ucap|tutur|ungkap|jelas|tegas|imbuh|tambah|sebut|papar|menurut|Menurut)\s+([A-Z][\w'’-]*)"
)


def parse_phrase(
    text: str,
    toks: list[Token],
    entities: list[Entity],
    caps: TextNames | None = None,
    after_cue: bool = False,
) -> Person | Reference | None:
    """Read a speaker phrase: a name with its role and affiliation, a reference to resolve, or nothing.

    ``caps`` (from :func:`capitalised_words`) tells names from words capitalised only to begin a sentence;
    ``after_cue`` phrases put the name last (``kata Kepala Dusun X, Kelurahan Y, Wahyu Wibowo``), subjects first.
    """
    toks = [t for t in toks if t.low not in ADVERBS]
    while toks and toks[0].low in HONORIFICS:
        toks = toks[1:]
    if not toks:
        return None
    if toks[0].low in PRONOUNS and len(toks) <= 2:
        return Reference("pronoun", toks[0].text, toks[0].start, toks[0].end)
    start, end = toks[0].start, toks[-1].end
    # The statistical NER (or the gazetteer) knows best where a person's name is.
    for ent in entities:
        if ent.label == "PER" and start <= ent.start and ent.end <= end:
            role, affiliation = _apposition(text, toks, ent.start, ent.end)
            return Person(ent.text, ent.start, ent.end, role, affiliation, ent.id)
    runs = [_namelike(r, caps) for r in _runs(toks)]
    runs = [r for r in runs if r]
    names = [r for r in runs if _kind(r) == "name" and r[0].low not in HONORIFICS]
    if after_cue:
        names = [r for r in names if not _after_preposition(toks, r)]
    if names:
        return _person(text, toks, names[-1] if after_cue else names[0])
    for run in reversed(runs) if after_cue else runs:
        if _kind(run) == "role":
            role_part, org_part, name_part = _split_role_run(run, *_evidence(caps))
            if name_part:
                return Person(
                    _span_text(text, name_part),
                    name_part[0].start,
                    name_part[-1].end,
                    _span_text(text, role_part) or None,
                    _span_text(text, org_part) or _apposition(text, toks, name_part[0].start, name_part[-1].end)[1],
                )
    if toks[0].low == "sang" or (toks[0].low in ROLE_WORDS and len(toks) <= 3):
        return Reference("role", _span_text(text, toks), start, end)
    orgs = [r for r in runs if _kind(r) == "org"]
    if orgs and orgs[0][0] is toks[0]:
        return Person(_span_text(text, orgs[0]), orgs[0][0].start, orgs[0][-1].end, is_person=False)
    return None


def _after_preposition(toks: list[Token], run: list[Token]) -> bool:
    i = next(n for n, t in enumerate(toks) if t is run[0])
    return i > 0 and toks[i - 1].low in _PREPS


def _evidence(caps: TextNames | None) -> tuple[frozenset[str], Callable[[Token], int]]:
    if caps is None:
        return frozenset(), lambda t: 2
    return caps.short, caps.count


def _namelike(run: list[Token], caps: TextNames | None) -> list[Token]:
    """The run without a first word that is capitalised only because a sentence starts with it."""
    if run[0].low in FUNCTION_WORDS:
        return run[1:]
    if caps is None or len(run) > 1 or run[0].text in caps or run[0].low in ROLE_WORDS | ORG_WORDS:
        return run
    return [] if not _is_acronym(run[0]) else run


def _person(text: str, toks: list[Token], run: list[Token]) -> Person:
    while len(run) > 1 and run[0].low in HONORIFICS:
        run = run[1:]
    role, affiliation = _apposition(text, toks, run[0].start, run[-1].end)
    return Person(_span_text(text, run), run[0].start, run[-1].end, role, affiliation)


def _apposition(text: str, toks: list[Token], name_start: int, name_end: int) -> tuple[str | None, str | None]:
    """Role and affiliation from the words around a name in its phrase."""
    before = [t for t in toks if t.end <= name_start]
    after = [t for t in toks if t.start >= name_end]
    role: str | None = None
    affiliation: str | None = None
    # A role right before the name: "Menteri Keuangan Sri Mulyani", "peneliti LIPI, Budi".
    runs_before = _runs(before)
    if before and before[0].low in ROLE_WORDS:
        role_toks = _until(before, stop_caps_after_first=False)
        role_part, org_part, _ = _split_role_run(role_toks) if role_toks[0].cap else (role_toks, [], [])
        role = _span_text(text, role_part).rstrip(" ,") or None
        affiliation = _span_text(text, org_part) or None
    # An apposition after the name: "Rachel Lee dari peneliti senior di program Korea di … Stimson Center".
    words = [t for t in after if t.low not in {",", "(", ")"}]
    if words and words[0].low in _PREPS:
        words = words[1:]
    if words and words[0].low in ROLE_WORDS and role is None:
        role_toks = _until(words, stop_caps_after_first=True)
        role = _span_text(text, role_toks) or None
    orgs = [r for r in _runs(after) if _kind(r) in ("org", "name")]
    if orgs and affiliation is None:
        affiliation = _span_text(text, orgs[-1])
    elif affiliation is None and runs_before:
        org_before = [r for r in runs_before if _kind(r) == "org"]
        if org_before:
            affiliation = _span_text(text, org_before[-1])
    return role, affiliation


def _until(toks: list[Token], stop_caps_after_first: bool) -> list[Token]:
    """Leading words of a role phrase, up to a preposition, a comma or (optionally) a capitalised word."""
    out: list[Token] = []
    for tok in toks:
        if tok.low in _PREPS or not tok.text[0].isalnum():
            break
        if stop_caps_after_first and out and tok.cap:
            break
        out.append(tok)
    return out


def phrase_after_cue(text: str, start: int, limit: int = 160) -> list[Token]:
    """The speaker phrase that follows a cue (``kata Kepala Dusun X, Wahyu Wibowo di …``), up to where it ends."""
    toks = tokens(text, start, min(len(text), start + limit))
    out: list[Token] = []
    for i, tok in enumerate(toks):
        if tok.text in '.;!?"“”‘’„:' or "\n" in text[(out[-1].end if out else start) : tok.start]:
            break
        if tok.text in ",()":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or not (nxt.cap or nxt.low in ROLE_WORDS) or nxt.low in _DAYS:
                break
            out.append(tok)
            continue
        if tok.cap or tok.low in ROLE_WORDS or tok.low in _CONNECTORS or tok.low in PRONOUNS or tok.low == "sang":
            out.append(tok)
            continue
        if (
            tok.low in ("dari", "of", "from")
            and i + 1 < len(toks)
            and (toks[i + 1].cap or toks[i + 1].low in ROLE_WORDS)
        ):
            out.append(tok)
            continue
        if out and out[-1].low in ROLE_WORDS and tok.low.isalpha() and tok.low not in _PREPS and len(out) < 4:
            out.append(tok)  # "peneliti senior", "juru bicara"
            continue
        break
    while out and out[-1].text in ",(":
        out.pop()
    return out


class People:
    """Who has been named so far in one article, to resolve later references to the right earlier mention."""

    def __init__(self, text: str, entities: list[Entity], excluded: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.entities = entities
        self.excluded = list(excluded)  # spans (direct quotes) whose mentions are not the narrator's
        self.people: list[Person] = []
        for ent in entities:
            if ent.label == "PER" and not self._excluded(ent.start):
                role, affiliation = self._role_before(ent.start)
                self.people.append(Person(ent.text, ent.start, ent.end, role, affiliation, ent.id))
        self.people += self._narration(capitalised_words(text))
        self.people.sort(key=lambda p: p.start)

    def _narration(self, names: TextNames) -> list[Person]:
        """People the narration names with their office, without a model: "Menteri Luar Negeri Retno Marsudi".

        Bare capitalised pairs are left out: at a sentence start or before a place they are too often not names.
        """
        covered = [(p.start, p.end) for p in self.people]
        out: list[Person] = []
        for run in _runs(tokens(self.text)):
            if self._excluded(run[0].start) or any(s < run[-1].end and run[0].start < e for s, e in covered):
                continue
            kind = _kind(run)
            if kind == "role":
                role_part, org_part, name_part = _split_role_run(run, names.short, names.count)
                if name_part and not any(_orgish(t) for t in name_part):
                    role = _span_text(self.text, role_part) or None
                    org = _span_text(self.text, org_part) or None
                    out.append(
                        Person(
                            _span_text(self.text, name_part),
                            name_part[0].start,
                            name_part[-1].end,
                            role,
                            org,
                            narration=True,
                        )
                    )
        return out

    def _excluded(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.excluded)

    def _role_before(self, pos: int) -> tuple[str | None, str | None]:
        words = tokens(self.text, max(0, pos - 60), pos)[-4:]
        idx = next((i for i, t in enumerate(words) if t.low in ROLE_WORDS and t.cap), None)
        if idx is None:
            return None, None
        role_part, org_part, _ = _split_role_run([t for t in words[idx:] if t.cap] + [Token("X", pos, pos)])
        return _span_text(self.text, role_part) or None, _span_text(self.text, org_part) or None

    def add(self, person: Person) -> Person:
        """Record a mention and return it completed from what is known (full name, role, entity id)."""
        known = self._match_name(person.name, person.start, any_position=True)
        if known is not None and person.is_person:
            longer = person if len(person.name) > len(known.name) else known
            person = replace(
                person,
                name=longer.name,
                role=person.role or known.role,
                affiliation=person.affiliation or known.affiliation,
                entity_id=person.entity_id or known.entity_id,
            )
        if person.entity_id is None:
            person = replace(person, entity_id=self._entity_id(person.name))
        self.people.append(person)
        return person

    def resolve(self, ref: Reference) -> Person | None:
        """The person a pronoun or bare role refers to: the latest fitting mention before it."""
        before = sorted((p for p in self.people if p.end <= ref.start and p.is_person), key=lambda p: p.end)
        if ref.kind == "pronoun":
            return before[-1] if before else None
        words = {w.casefold() for w in ref.text.split()} - {"sang", "the"}
        for person in reversed(before):
            role_words = {w.casefold() for w in (person.role or "").split()}
            if words & role_words:
                return person
        return None

    def _match_name(self, name: str, pos: int, any_position: bool = False) -> Person | None:
        """An earlier (or, failing that, any) mention whose name contains all of ``name``'s words."""
        parts = [w.casefold() for w in name.split()]
        fits = [p for p in self.people if p.is_person and set(parts) <= {w.casefold() for w in p.name.split()}]
        fits = [p for p in fits if not p.narration] or fits
        if not fits:
            return None
        earlier = [p for p in fits if p.start < pos]
        pool = earlier or (fits if any_position else [])
        if not pool:
            return None
        # the most complete name (a later "Lee" should not shadow "Rachel Lee"), with what any mention of the
        # same name says about role, affiliation and id (the NER mention knows the name, the apposition the role)
        best = max(pool, key=lambda p: (len(p.name.split()), p.start))
        same = [p for p in pool if p.name == best.name]
        return replace(
            best,
            role=next((p.role for p in reversed(same) if p.role), None),
            affiliation=next((p.affiliation for p in reversed(same) if p.affiliation), None),
            entity_id=next((p.entity_id for p in reversed(same) if p.entity_id), None),
        )

    def _entity_id(self, name: str) -> str | None:
        folded = name.casefold()
        for ent in self.entities:
            if ent.id and (ent.text.casefold() == folded or folded in ent.text.casefold().split()):
                return ent.id
        parts = set(folded.split())
        for ent in self.entities:
            if ent.id and ent.label == "PER" and parts & set(ent.text.casefold().split()) == parts:
                return ent.id
        return None
