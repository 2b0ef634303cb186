"""A gazetteer of countries, capitals, regions, well-known leaders and organisations, linked to real-world ids.

Names come from two places: pycountry (ISO 3166 names, English and their Indonesian translations) and the
curated tables in ``nlp/data/`` (everyday names such as *Rusia*, *Korut*, *AS*; capitals; leaders; bodies like
NATO). Matching uses spaCy's PhraseMatcher over the language's tokenizer, longest match wins, and a person's
name parts then resolve later bare mentions in the same document (*Kim Jong Un* … *Kim*).
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from warta.data import Entity
from warta.nlp.blank import news_tokenizer_nlp

ANY_LANGUAGE = "*"
# A pycountry name that is only a formal variant ("Korea, Republic of") is cut at the comma; these words mark
# the formal tail, and short generic results are not worth matching on their own.
_FORMAL = re.compile(r",.*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the gazetteer knows, under one of its names."""

    name: str
    label: str  # PER, ORG, GPE, LOC
    country: str | None  # ISO 3166-1 alpha-3
    id: str | None  # ``wikidata:Q…``, or ``iso3166:XXX`` for a country without a curated Wikidata id
    language: str = ANY_LANGUAGE  # only match in text of this language


def _id(qid: str | None, alpha3: str | None = None) -> str | None:
    if qid:
        return f"wikidata:{qid}"
    return f"iso3166:{alpha3}" if alpha3 else None


def _rows(name: str) -> Iterator[list[str]]:
    text = resources.files("warta.nlp").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _names(field: str) -> Iterator[tuple[str, str]]:
    """Split ``a|id:b|en:c`` into (name, language) pairs."""
    for raw in field.split("|"):
        raw = raw.strip()
        if raw[:3] in ("id:", "en:"):
            yield raw[3:], raw[:2]
        elif raw:
            yield raw, ANY_LANGUAGE


def load_entries() -> list[Entry]:
    """Every (name, thing) pair the gazetteer matches."""
    entries: list[Entry] = []
    qids: dict[str, str] = {}
    for row in _rows("countries.tsv"):
        alpha3, qid, names = row[0], row[1] or None, row[2]
        if qid:
            qids[alpha3] = qid
        entries += [Entry(n, "GPE", alpha3, _id(qid, alpha3), lang) for n, lang in _names(names)]
    entries += _pycountry_entries(qids)
    for row in _rows("places.tsv"):
        names, label, country = row[0], row[1], (row[2] if len(row) > 2 else "") or None
        qid = (row[3] if len(row) > 3 else "") or None
        entries += [Entry(n, label, country, _id(qid), lang) for n, lang in _names(names)]
    for row in _rows("people_orgs.tsv"):
        names, label, country = row[0], row[1], (row[2] if len(row) > 2 else "") or None
        qid = (row[3] if len(row) > 3 else "") or None
        entries += [Entry(n, label, country, _id(qid), lang) for n, lang in _names(names)]
    return entries


def _pycountry_entries(qids: dict[str, str]) -> Iterator[Entry]:
    """Official and common country names in English and Indonesian, cut to their short form."""
    translate: Callable[[str], str]
    try:
        translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"]).gettext
    except OSError:  # pragma: no cover - pycountry always ships the catalogue; be safe anyway
        translate = str
    owners: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for form in (country.name, getattr(country, "common_name", ""), translate(country.name)):
            short = _FORMAL.sub("", form).strip()
            if len(short) >= 4:
                owners.setdefault(short, set()).add(country.alpha_3)
    for short, alpha3s in sorted(owners.items()):
        if len(alpha3s) == 1:  # "Korea" and "Congo" name two countries each: too ambiguous to link
            (alpha3,) = alpha3s
            yield Entry(short, "GPE", alpha3, _id(qids.get(alpha3), alpha3))


class Gazetteer:
    """Finds gazetteer names in text and returns them as linked :class:`~warta.data.Entity` mentions."""

    def __init__(self, entries: Iterable[Entry], nlp: Language | None = None) -> None:
        self.nlp = nlp or news_tokenizer_nlp()
        self.entries: dict[str, Entry] = {}
        by_language: dict[str, list[str]] = {}
        for entry in entries:
            key = f"{entry.language}\t{entry.name}"
            # the first entry listed for a name wins: curated tables come before pycountry's
            self.entries.setdefault(key, entry)
            by_language.setdefault(entry.language, []).append(entry.name)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for language, names in by_language.items():
            unique = sorted(set(names))
            self.matcher.add(language, [self.nlp.make_doc(name) for name in unique])

    def find(self, text: str, language: str | None = None, doc: Doc | None = None) -> list[Entity]:
        """Linked mentions in ``text``, in order, longest match first where names overlap.

        ``doc`` is ``text`` already tokenised by the same news tokenizer (the trained model's, e.g. the ``nlp``
        stage's parse): matching on its tokens saves tokenising the text a second time.
        """
        if doc is None:
            doc = self.nlp.make_doc(text)
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            lang = self.nlp.vocab.strings[match_id]
            if lang in (ANY_LANGUAGE, language):
                spans.append(Span(doc, start, end, label=lang))
        entities = []
        for span in filter_spans(spans):
            entry = self.entries[f"{span.label_}\t{span.text}"]
            entities.append(
                Entity(span.text, entry.label, span.start_char, span.end_char, entry.country, entry.id)
            )
        return _resolve_name_parts(text, entities)


def _resolve_name_parts(text: str, entities: list[Entity]) -> list[Entity]:
    """Link bare name parts (*Kim*, *Putin*) to the full person named earlier in the same text."""
    parts: dict[str, Entity] = {}
    for ent in entities:
        if ent.label == "PER" and " " in ent.text:
            for part in ent.text.split():
                if len(part) >= 3 and part[0].isupper():
                    parts.setdefault(part, ent)
    if not parts:
        return entities
    taken = [(e.start, e.end) for e in entities]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(parts, key=len, reverse=True))) + r")\b")
    extra = []
    for m in pattern.finditer(text):
        first = parts[m.group(1)]
        if m.start() < first.start or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        extra.append(Entity(m.group(1), "PER", m.start(), m.end(), first.country, first.id))
    return sorted(entities + extra, key=lambda e: e.start)


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per process."""
    return Gazetteer(load_entries())
