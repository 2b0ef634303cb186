"""The trigger vocabulary (``data/triggers.tsv``) and where its triggers occur in a sentence.

A trigger is a word or phrase that names an event of one PLOVER type / CAMEO code. :func:`triggers_in` finds the
non-overlapping ones in a sentence, leaving out evidential qualifiers ("dituduh memasok": the supply is alleged),
nominal triggers that recall a background occasion ("usai pertemuan") and the complement of a governing trigger
("menolak proposal gencatan senjata": the ceasefire is what is refused). :mod:`warta.events.coder` places their
participants.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

WORD_RUN = re.compile(r"[\w-]+")
#: A letter or digit outside ASCII: case folding may then differ between str.lower and the patterns' IGNORECASE.
_NON_ASCII_WORD = re.compile(r"(?:(?![\x00-\x7f])\w)")
#: Nominal triggers after these words name a past or background occasion, not a new event ("sebelum pertemuan").
BACKGROUND = re.compile(
    r"\b(sebelum|sesudah|setelah|selama|usai|seusai|menjelang|sejak|saat|ketika)\s+$", re.IGNORECASE
)
#: Evidential verbs that only qualify the next trigger ("dituduh memasok" is an alleged supply).
_QUALIFIER = re.compile(r"^(dituduh|dituding|diduga|dicurigai|dilaporkan)$", re.IGNORECASE)
#: Types whose trigger governs what follows it, and the types it governs (None: any): what is agreed, asked,
#: threatened or refused is the content of that event, not a second one ("mengancam akan menyerang"); a protest's
#: demands are its own ("mogok kerja menuntut kenaikan upah"), but not what happens to the protesters.
GOVERNING_TYPES: dict[str, frozenset[str] | None] = {
    "AGREE": None,
    "REQUEST": None,
    "THREATEN": None,
    "REJECT": None,
    "PROTEST": frozenset({"REQUEST", "REJECT", "ACCUSE"}),
}
#: Between a governing trigger and its complement: no clause break, no coordination that starts a new predicate.
_COMPLEMENT_BREAK = re.compile(
    r"[,;:.!?\"“”()]|\b(dan|serta|sementara|namun|tetapi|sedangkan|kemudian|lalu|and|while|but|then)\b", re.IGNORECASE
)
#: How many words may stand between a governing trigger and its complement ("di depan gedung DPR menolak").
COMPLEMENT_GAP = 8
VERBAL = re.compile(r"^(me|be|di(?!alog)|ter|sepakat|setuju|mogok|siaga|minta|turun|bentrok)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trigger:
    language: str
    pattern: re.Pattern[str]
    cameo: str
    plover: str
    context: str | None
    #: The first word (lower-cased run of letters, digits and hyphens) of each of its phrases; ``None`` when a phrase
    #: does not start with one, so the pattern must always be tried.
    first_words: frozenset[str] | None = None


@functools.lru_cache(maxsize=1)
def load_triggers() -> tuple[Trigger, ...]:
    """The shipped trigger table."""
    text = resources.files("warta.events").joinpath("data", "triggers.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, words, cameo, plover, *rest = line.split("\t")
        alts = sorted(words.split("|"), key=len, reverse=True)  # "memasok senjata" wins over "memasok"
        body = "|".join(re.escape(a).replace(r"\ \*\ ", r"\s+(?:\S+\s+){0,2}?") for a in alts)
        pattern = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.IGNORECASE)
        firsts = {WORD_RUN.match(a.lower()) for a in alts}
        first_words = None if None in firsts or not all(a.isascii() for a in alts) else frozenset(
            m.group() for m in firsts if m is not None
        )
        out.append(Trigger(lang, pattern, cameo, plover, (rest[0] if rest else "") or None, first_words))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def cameo_scale() -> dict[str, tuple[int, float]]:
    """CAMEO root → (quad class, intensity), from ``data/cameo_scale.tsv``."""
    text = resources.files("warta.events").joinpath("data", "cameo_scale.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {root: (int(quad), float(value)) for root, quad, value in rows}


def triggers_in(sentence: str, triggers: list[Trigger]) -> list[tuple[int, int, Trigger]]:
    """Non-overlapping trigger matches, longest first, in sentence order, without qualifiers and background."""
    found: list[tuple[int, int, Trigger]] = []
    # a phrase can only match where the sentence has its first word as a whole word: skip the patterns whose first
    # words are all absent (most, in most sentences) instead of running each over the sentence
    words = None if _NON_ASCII_WORD.search(sentence) else set(WORD_RUN.findall(sentence.lower()))
    for trig in triggers:
        if words is not None and trig.first_words is not None and words.isdisjoint(trig.first_words):
            continue
        for m in trig.pattern.finditer(sentence):
            found.append((m.start(), m.end(), trig))
    found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, Trigger]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    out: list[tuple[int, int, Trigger]] = []
    for i, (s, e, trig) in enumerate(kept):
        nxt = kept[i + 1][0] if i + 1 < len(kept) else None
        if _QUALIFIER.match(sentence[s:e]) and nxt is not None and len(sentence[e:nxt].split()) <= 2:
            continue  # "dituduh memasok": the allegation is the supply's mode
        if BACKGROUND.search(sentence[max(0, s - 20) : s]) and not VERBAL.match(sentence[s:e]):
            continue  # "usai pertemuan" recalls an occasion; "usai bertemu dengan X" reports the meeting
        if out and complement_of(sentence, out[-1], s, trig):
            continue  # "menolak proposal gencatan senjata": the ceasefire is what is refused
        out.append((s, e, trig))
    return out


def complement_of(sentence: str, before: tuple[int, int, Trigger], start: int, trig: Trigger) -> bool:
    """Whether a trigger at ``start`` is the content of the governing trigger just before it in its clause."""
    begin, end, prev = before
    if prev.plover not in GOVERNING_TYPES or prev.plover == trig.plover or not VERBAL.match(sentence[begin:end]):
        return False  # a noun ("kesepakatan ini …") takes no verbal complement
    governed = GOVERNING_TYPES[prev.plover]
    if governed is not None and trig.plover not in governed:
        return False
    gap = sentence[end:start]
    return len(gap.split()) <= COMPLEMENT_GAP and not _COMPLEMENT_BREAK.search(gap)
