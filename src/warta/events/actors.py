"""Actor resolution: a participant's words to {text, country, sector, id}.

Four data files under ``events/data/`` drive it (formats in their headers): ``actors.tsv`` (institutions, seats of
power used as metonyms — *Kremlin*, *Gedung Putih*, *Istana* —, parties, international bodies), ``roles.tsv`` (role
words to CAMEO sectors: *Presiden*→GOV, *tentara*→MIL, *polisi*→COP), ``leaders.tsv`` (compiled from Phoenix by
``scripts/build_actors.py``) and ``officials.tsv`` (curated Indonesian and recent figures), both with dates of office.
Country names, short forms and ids come from the gazetteer (:mod:`warta.nlp.gazetteer`), so one thing has one id.

A mention such as ``Presiden Rusia Vladimir Putin`` is read left to right: role words give the sector, a country
name the country, the remaining name is looked up among people in office at the article's date.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from warta.data import Actor, Entity
from warta.nlp.gazetteer import load_entries

_WORD = re.compile(r"[\w][\w.'’-]*", re.UNICODE)
#: Words joining a person to the body they speak for ("Rachel Lee dari Stimson Center").
_AFFILIATION = re.compile(r"\s+(?:dari|of|from)\s+", re.IGNORECASE)
MAX_PHRASE = 4  # longest role/country/actor name, in words


@dataclass(frozen=True, slots=True)
class Known:
    """A named actor: what a name stands for."""

    country: str | None
    sector: str | None
    id: str | None


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person's period in one office."""

    name: str
    country: str | None
    sector: str
    start: str  # ISO date or "" (unknown)
    end: str  # ISO date or "" (open-ended)

    def covers(self, date: str | None) -> bool:
        if not date:
            return not self.end  # without a date, the current office
        day = date[:10]
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


def _rows(name: str) -> Iterator[list[str]]:
    text = resources.files("warta.events").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold().replace("’", "'")))


class ActorTable:
    """Everything actor resolution knows, loaded once (:func:`default_actors`)."""

    def __init__(self) -> None:
        self.named: dict[str, Known] = {}
        self.roles: dict[str, str] = {}
        self.surface: set[str] = set()  # named actors as written, for finding them in text
        self.standalone: set[str] = set()  # role words that name an actor on their own ("polisi")
        self.countries: dict[str, tuple[str, str | None]] = {}
        self.people: dict[str, list[Tenure]] = {}
        self.ids: dict[str, str] = {}  # gazetteer name → id, for named actors listed without one
        self.person_names: dict[str, str] = {}  # gazetteer person id → canonical name
        self.linked: dict[str, Known] = {}  # gazetteer people and bodies with a country
        entries = load_entries()
        # a country's own id (curated Wikidata id, else iso3166:XXX); a city's entry carries another id
        country_ids: dict[str, str | None] = {}
        for e in entries:  # countries.tsv comes first in the gazetteer's entries
            if e.label == "GPE" and e.country:
                country_ids.setdefault(e.country, e.id)
        for entry in entries:
            if entry.id:
                self.ids.setdefault(_key(entry.name), entry.id)
            if entry.label == "GPE" and entry.country and entry.id in (country_ids.get(entry.country), None):
                self.countries.setdefault(_key(entry.name), (entry.country, entry.id))
            if entry.label == "PER" and entry.id:
                self.person_names.setdefault(entry.id, entry.name)
            if entry.label in ("PER", "ORG") and entry.country:
                self.linked.setdefault(_key(entry.name), Known(entry.country, None, entry.id))
        for names, country, sector, qid in (r + [""] * (4 - len(r)) for r in _rows("actors.tsv")):
            for name in names.split("|"):
                self.surface.add(name)
                ident = f"wikidata:{qid}" if qid else self.ids.get(_key(name))
                self.named[_key(name)] = Known(country or None, sector or None, ident)
        for words, sector, alone in (r[:3] for r in _rows("roles.tsv")):
            for word in words.split("|"):
                self.roles[_key(word)] = sector
                if alone == "y":
                    self.standalone.add(_key(word))
        for file in ("officials.tsv", "leaders.tsv"):
            for name, aliases, country, sector, start, end in (r + [""] * (6 - len(r)) for r in _rows(file)):
                tenure = Tenure(name, country or None, sector, start, end)
                for alias in {name, *filter(None, aliases.split("|"))}:
                    self.people.setdefault(_key(alias), []).append(tenure)

    # -- lookups ---------------------------------------------------------------------------------------------

    def person(self, name: str, date: str | None = None) -> Tenure | None:
        """The office a named person held at ``date`` (or holds now); ``None`` when unknown or ambiguous."""
        tenures = self.people.get(_key(name), [])
        if not tenures:
            return None
        current = [t for t in tenures if t.covers(date)] or ([] if date else tenures)
        if not current and date:  # known person, no office at that date: still their country
            current = tenures
        if len({(t.name, t.country) for t in current}) > 1:
            return None  # two different people (or countries) under one name
        return max(current, key=lambda t: (t.start or "", t.end or "9999"))

    def resolve(self, text: str, entity: Entity | None = None, date: str | None = None) -> Actor:
        """``text`` (a mention, possibly with roles and appositions) as an :class:`~warta.data.Actor`."""
        shown = entity.text if entity is not None else text.strip()
        country, sector, ident = self._parts(text, date)
        if entity is not None:
            country = country or entity.country
            ident = entity.id or ident
            if sector is None and entity.id in self.person_names:
                tenure = self.person(self.person_names[entity.id], date)
                sector = tenure.sector if tenure else None
                country = country or (tenure.country if tenure else None)
        return Actor(shown, country, sector, ident)

    def _parts(self, text: str, date: str | None) -> tuple[str | None, str | None, str | None]:
        key = _key(text)
        if key in self.named:
            k = self.named[key]
            return k.country, k.sector, k.id
        head, *tail = _AFFILIATION.split(text, maxsplit=1)
        if tail:
            affiliation = tail[0]
            h = self._parts(head, date)
            a = self._parts(affiliation, date)
            return h[0] or a[0], h[1] or a[1], h[2]
        words = key.split()
        country: str | None = None
        sector: str | None = None
        ident: str | None = None
        rest: list[str] = []
        i = 0
        while i < len(words) and not rest:  # roles and places come first; once a name starts, the rest is name
            for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                if phrase in self.roles:
                    sector = sector or self.roles[phrase]
                elif phrase in self.countries:
                    country = country or self.countries[phrase][0]
                    if sector is None:  # "tentara Rusia" is not Russia itself: no id for the army
                        ident = ident or self.countries[phrase][1]
                elif phrase in self.named:
                    k = self.named[phrase]
                    country, sector = country or k.country, sector or k.sector
                    ident = ident or k.id
                else:
                    continue
                i += n
                break
            else:
                rest = words[i:]
        for j in range(len(rest)):  # "dalam negeri tito karnavian": the name is the longest known tail
            name = " ".join(rest[j:])
            tenure = self.person(name, date)
            if tenure is not None:
                ident = self.ids.get(name) or self.ids.get(_key(tenure.name))
                return country or tenure.country, sector or tenure.sector, ident
            if name in self.linked:  # a name the gazetteer links (a person or body without an office here)
                k = self.linked[name]
                return country or k.country, sector, k.id
        return country, sector, ident

    def role(self, words: str) -> str | None:
        """The sector a role word (or phrase) gives, if it is one."""
        return self.roles.get(_key(words))

    def is_known(self, text: str, date: str | None = None) -> bool:
        """Whether resolution finds a country or a sector for ``text``."""
        country, sector, _ = self._parts(text, date)
        return country is not None or sector is not None


@functools.lru_cache(maxsize=1)
def default_actors() -> ActorTable:
    """The shipped actor table, built once per process."""
    return ActorTable()


def resolve(text: str, entity: Entity | None = None, date: str | None = None) -> Actor:
    """Resolve one mention with the shipped tables."""
    return default_actors().resolve(text, entity, date)
