"""Direct quotes: text between quotation marks, attributed through a speech verb next to it.

Covers the two shapes news uses most: ``"…," kata Lee.`` (cue after the quote) and ``Lee mengatakan, "…"``
(cue before). Indirect speech and coreference come with the quotes issue; this finds what it can be sure of.
"""

from __future__ import annotations

import re

from warta.data import Entity, Quote, Speaker

# Speech verbs (Indonesian and English) that attribute a quote to whoever follows or precedes them.
CUES = (
    "kata|ujar|ucap|tutur|ungkap|jelas|tegas|imbuh|tambah|sebut|lanjut|papar|terang|kilah|pungkas|"
    "mengatakan|menyatakan|menegaskan|menjelaskan|mengungkapkan|menambahkan|menyebutkan|berkata|"
    "said|says|told|added|asked|stated|wrote"
)
_QUOTE = re.compile(r"[\"“”„]([^\"“”„]{12,}?)[\"“”]")
_NAME = r"((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|bin|binti|van|de|al|el))*)"
_AFTER = re.compile(r"^\s*,?\s*(?P<cue>" + CUES + r")(?:nya)?\s+" + _NAME)
_BEFORE = re.compile(_NAME + r"\s+(?P<cue>" + CUES + r")(?:,|:)?\s*$")
_PRONOUN_AFTER = re.compile(r"^\s*,?\s*(?P<cue>" + CUES + r")(?:nya)?\b")


def find_direct_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """Quoted spans of at least a few words, with the cue verb and speaker when one is next to them."""
    quotes = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1).strip().rstrip(",")
        if len(inner.split()) < 3:  # scare quotes and titles, not speech
            continue
        cue, speaker = _attribution(text, m.start(), m.end(), entities)
        start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        quotes.append(Quote(inner, start, start + len(inner), True, cue, speaker))
    return quotes


def _attribution(text: str, start: int, end: int, entities: list[Entity]) -> tuple[str | None, Speaker | None]:
    after = text[end : end + 80]
    if m := _AFTER.match(after):
        name_start = end + m.start(2)
        return m.group("cue"), _speaker(m.group(2), name_start, entities)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 80) : start]
    if m := _BEFORE.search(before):
        name_start = start - len(before) + m.start(1)
        return m.group("cue"), _speaker(m.group(1), name_start, entities)
    if m := _PRONOUN_AFTER.match(after):
        return m.group("cue"), None
    return None, None


# Titles that open a speaker phrase ("Presiden Joko Widodo"): they are the speaker's role, not their name.
_ROLE_WORDS = (
    "Presiden Wapres Menteri Menlu Menhan Gubernur Bupati Wali Kapolri Kapolda Panglima Jenderal Ketua "
    "Direktur Kepala Juru Jubir Sekretaris Duta Perdana President Minister Governor Spokesperson General Dr Prof"
)
ROLES = frozenset(_ROLE_WORDS.split())


def _speaker(name: str, start: int, entities: list[Entity]) -> Speaker:
    """The speaker, linked to an entity whose mention it overlaps or whose name it ends (``Lee`` → Rachel Lee)."""
    words = name.rstrip(".,").split()
    role_words = []
    while len(words) > 1 and words[0].rstrip(".") in ROLES:
        role_words.append(words.pop(0))
    name = " ".join(words)
    role = " ".join(role_words) or None
    for ent in entities:
        if ent.label == "PER" and (ent.start <= start < ent.end or ent.text.split()[-1] == name):
            return Speaker(name, entity_id=ent.id, role=role)
    return Speaker(name, role=role)
