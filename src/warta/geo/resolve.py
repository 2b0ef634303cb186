"""Toponym resolution in context: which place a name in an article means, or why it stays unresolved.

Evidence, in order of weight: a country name is always the country (never a city or a building of that name);
curated Indonesian names and exonyms; the countries the article is about (country mentions, the dateline
``JAKARTA, KOMPAS.com -`` / ``Mataram, NTB (ANTARA) -``); the dateline's province; administrative level
(a province called ``Bali`` before an Indian town ``Bāli``); population. A name with no candidate, or whose best
candidates sit in different countries with nothing in the text to choose between them, is reported unresolved.
"""

from __future__ import annotations

import enum
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from warta.data import Entity
from warta.geo.gazetteer import Kind, Place, PlaceIndex, default_index

_LEVEL_BONUS = {Kind.COUNTRY: 0.0, Kind.REGION: 0.15, Kind.AREA: 0.3, Kind.ADMIN2: 0.25, Kind.CITY: 0.0}
#: Below this margin between the best candidates in two different countries, a name is left unresolved.
AMBIGUOUS_MARGIN = 0.08
PLACE_LABELS = frozenset({"GPE", "LOC"})

# ``JAKARTA, KOMPAS.com -``, ``Mataram, NTB (ANTARA) -``, ``JAKARTA , KOMPAS —``, ``Jakarta - `` (detik)
_OUTLET = r"(?:\(?\s*[A-Za-z][\w.]*(?:\s[A-Z][\w.]*)?\s*\)?)"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’.]+(?:[ -][A-Z][A-Za-z'’.]+){0,3})\s*"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})\s*)?"
    rf"(?:,\s*{_OUTLET}\s*|{_OUTLET}\s+)?[-–—]\s"
)


class Precision(enum.StrEnum):
    """How exactly a location is known (GDELT's geo types, simplified)."""

    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    POINT = "point"


@dataclass(frozen=True, slots=True)
class Resolution:
    """A name resolved to a place, with how surely."""

    place: Place
    confidence: float

    @property
    def precision(self) -> Precision:
        kind = self.place.kind
        if kind is Kind.COUNTRY:
            return Precision.COUNTRY
        if kind in (Kind.REGION, Kind.AREA):
            return Precision.REGION
        return Precision.CITY


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name the gazetteer cannot place, and why (``unknown``, ``ambiguous``)."""

    text: str
    reason: str


@dataclass(slots=True)
class Context:
    """What the article says about where it is: its countries (weighted) and its dateline."""

    countries: Counter[str] = field(default_factory=Counter)
    dateline: Place | None = None
    default_country: str | None = None

    def weight(self, country: str) -> float:
        total = sum(self.countries.values())
        return self.countries.get(country, 0) / total if total else 0.0


def find_dateline(text: str, index: PlaceIndex | None = None) -> tuple[Place, int, int] | None:
    """The dateline's place and the span of its name, when the text opens with one the gazetteer knows."""
    index = index or default_index()
    m = DATELINE.match(text[:160])
    if not m:
        return None
    name = m.group("place")
    region = m.group("region")
    hint = Context()
    if region:
        for cand in index.candidates(region):
            if cand.kind is Kind.REGION:
                hint.dateline = cand
                hint.countries[cand.country] += 1
    found = resolve(name.title() if name.isupper() else name, hint, index)
    if not isinstance(found, Resolution) or found.place.kind is Kind.COUNTRY:
        return None
    return found.place, m.start("place"), m.end("place")


def article_context(
    text: str, entities: Iterable[Entity], language: str | None = None, index: PlaceIndex | None = None
) -> Context:
    """Countries the article names (country mentions, weighted by count) and its dateline."""
    index = index or default_index()
    ctx = Context(default_country="IDN" if language == "id" else None)
    for ent in entities:
        if ent.label in PLACE_LABELS and index.country(ent.text):
            ctx.countries[index.country(ent.text).country] += 1  # type: ignore[union-attr]
    found = find_dateline(text, index)
    if found:
        ctx.dateline = found[0]
        ctx.countries[found[0].country] += 2
    return ctx


def _score(name: str, place: Place, ctx: Context, index: PlaceIndex) -> float:
    # curated names are the Indonesian usage; a curated province (``Bali``) outranks a foreign town of its name
    score = _LEVEL_BONUS[place.kind] + (0.3 if place.curated else 0.0) + (0.2 if place.kind is Kind.REGION else 0)
    score += min(math.log10(place.population + 1) / 7, 1.0) * 0.4
    score += 0.6 * ctx.weight(place.country)
    if ctx.default_country == place.country:
        score += 0.15
    if ctx.dateline is not None and ctx.dateline.country == place.country:
        score += 0.1 + (0.25 if place.admin1 and ctx.dateline.admin1 == place.admin1 else 0.0)
    if index.is_primary(name, place):
        score += 0.1
    return score


def resolve(name: str, ctx: Context | None = None, index: PlaceIndex | None = None) -> Resolution | Unresolved:
    """The place ``name`` most likely means in ``ctx``, or why it cannot be placed."""
    index = index or default_index()
    ctx = ctx or Context()
    country = index.country(name)
    if country is not None:  # a country's name is the country, whatever else bears it
        return Resolution(country, 0.95)
    cands = index.candidates(name)
    if not cands:
        return Unresolved(name, "unknown")
    scored = sorted(((_score(name, p, ctx, index), p) for p in cands), key=lambda sp: (-sp[0], sp[1].key))
    top_score, top = scored[0]
    rivals = [s for s, p in scored[1:] if p.country != top.country]
    margin = top_score - rivals[0] if rivals else 1.0
    if margin < AMBIGUOUS_MARGIN:
        return Unresolved(name, "ambiguous")
    return Resolution(top, round(min(0.95, 0.55 + margin / 2), 2))
