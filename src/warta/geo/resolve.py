"""Toponym resolution in context: which place a name in an article means, or why it stays unresolved.

Evidence, in order of weight: a country name is always the country (never a city or a building of that name);
curated Indonesian names and exonyms; the countries the article is about (country mentions, the dateline
``JAKARTA, KOMPAS.com -`` / ``Mataram, NTB (ANTARA) -``); the dateline's province; administrative level
(a province called ``Bali`` before an Indian town ``Bāli``); population. A name with no candidate, or whose best
candidates sit in different countries with nothing in the text to choose between them, is reported unresolved.

Within its phrase, a name may be qualified by the places that follow it (``Kuningan, Jakarta Selatan``,
``Distrik Walelagama, Kabupaten Jayawijaya, Papua Pegunungan``, ``Mataram, NTB``): candidates inside the
qualifying place win, and a name the gazetteer does not place there (a kecamatan, a distrik, a village, or a
namesake elsewhere) is placed at its qualifier's point, in the qualifier's regency and province, with a lower
confidence, rather than moved to the namesake or left unresolved.
"""

from __future__ import annotations

import enum
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from warta.data import Entity
from warta.geo.gazetteer import Kind, Place, PlaceIndex, default_index, normalise

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


#: ``, Jakarta Selatan`` after a name: up to four capitalised words (``Kab.`` and ``D.I.`` style dots allowed).
_QUALIFIER = re.compile(r"[ \t]*,[ \t]*(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})")
#: Sub-regency prefixes: a name under one of them is a place inside its qualifier, never a namesake elsewhere.
_LOCAL_PREFIXES = ("kecamatan ", "kec ", "distrik ", "desa ", "kelurahan ", "kampung ", "dusun ")
QUALIFIED_BONUS = 0.6


def _qualifier(name: str, index: PlaceIndex) -> Place | None:
    """The place a qualifier names: a country, else the largest administrative unit of that name."""
    country = index.country(name)
    if country is not None:
        return country
    order = (Kind.REGION, Kind.ADMIN2, Kind.AREA, Kind.CITY)
    cands = sorted(index.candidates(name), key=lambda p: (order.index(p.kind), -p.population, p.key))
    return cands[0] if cands else None


def qualifiers(text: str, end: int, index: PlaceIndex | None = None) -> list[Place]:
    """Places named right after the mention ending at ``end``, in the same phrase, nearest first.

    ``Kuningan, Jakarta Selatan`` → [Jakarta Selatan]; ``Walelagama, Kabupaten Jayawijaya, Papua Pegunungan`` →
    [Jayawijaya, Papua Pegunungan]. Each qualifier is the longest run of capitalised words the gazetteer knows
    (``Jawa Tengah. Fenomena`` → ``Jawa Tengah``); the chain stops at the first comma not followed by a place.
    """
    index = index or default_index()
    out: list[Place] = []
    pos = end
    while len(out) < 3:
        m = _QUALIFIER.match(text, pos)
        if not m:
            break
        words = m.group("name").split()
        found = None
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            stripped = phrase.rstrip(".")
            found = _qualifier(stripped, index) or (_qualifier(phrase, index) if stripped != phrase else None)
            if found is not None:
                pos = m.end("name") - (len(phrase) - len(stripped))
                break
        if found is None:
            break
        out.append(found)
        if len(words[:n]) < len(words):  # the phrase ended inside this run of capitals
            break
    return out


def _inside(place: Place, qualifier: Place) -> bool:
    if place.country != qualifier.country:
        return False
    if qualifier.kind is Kind.COUNTRY:
        return True
    if not qualifier.admin1 or place.admin1 != qualifier.admin1:
        return False
    if qualifier.kind in (Kind.ADMIN2, Kind.CITY) and place.kind is not Kind.REGION:
        return place.admin2 in (None, qualifier.admin2, qualifier.name) or place.key == qualifier.key
    return True


def _local(name: str, within: Place) -> Place:
    """``name`` as a locality inside ``within`` (a regency, city or province), at ``within``'s point."""
    bare = name
    folded = normalise(name) + " "
    for prefix in _LOCAL_PREFIXES:
        if folded.startswith(prefix):
            bare = name.split(None, 1)[1] if len(name.split(None, 1)) > 1 else name
            break
    admin2 = within.name if within.kind is Kind.ADMIN2 else within.admin2
    if within.kind is Kind.CITY and admin2 is None:
        admin2 = within.name
    return Place(
        f"{within.key}/{normalise(bare)}",
        Kind.CITY,
        bare,
        within.country,
        within.admin1,
        within.lat,
        within.lon,
        admin1_name=within.admin1_name,
        admin2=admin2,
    )


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


def resolve(
    name: str, ctx: Context | None = None, index: PlaceIndex | None = None, within: Sequence[Place] = ()
) -> Resolution | Unresolved:
    """The place ``name`` most likely means in ``ctx``, or why it cannot be placed.

    ``within``: the places that qualify the name in its phrase (:func:`qualifiers`), nearest first.
    """
    index = index or default_index()
    ctx = ctx or Context()
    country = index.country(name)
    if country is not None:  # a country's name is the country, whatever else bears it
        return Resolution(country, 0.95)
    sub = [q for q in within if q.kind is not Kind.COUNTRY]
    local = normalise(name).startswith(_LOCAL_PREFIXES)
    if local:  # ``Kecamatan Menteng``: a town of that name, or a locality
        bare = _local(name, Place("", Kind.CITY, name, "", None, 0.0, 0.0)).name
        cands = [p for p in index.candidates(bare) if p.kind is Kind.CITY]
    else:
        cands = index.candidates(name)
    # a locality the gazetteer does not hold inside its qualifier; not a list of peers (``Bandung, Jakarta``,
    # ``Jawa Barat, Jawa Tengah``): without a sub-regency prefix, only a town name under a regency or province
    if sub and not any(_inside(p, sub[0]) for p in cands):
        town = all(p.kind is Kind.CITY for p in cands) and sub[0].kind in (Kind.REGION, Kind.ADMIN2)
        if local or (town and cands):
            return Resolution(_local(name, sub[0]), 0.6)
    if not cands:
        return Unresolved(name, "unknown")

    def score(p: Place) -> float:
        return _score(name, p, ctx, index) + sum(QUALIFIED_BONUS for q in within if _inside(p, q))

    scored = sorted(((score(p), p) for p in cands), key=lambda sp: (-sp[0], sp[1].key))
    top_score, top = scored[0]
    rivals = [s for s, p in scored[1:] if p.country != top.country]
    margin = top_score - rivals[0] if rivals else 1.0
    if margin < AMBIGUOUS_MARGIN:
        return Unresolved(name, "ambiguous")
    return Resolution(top, round(min(0.95, 0.55 + margin / 2), 2))
