"""Warta's place gazetteer: countries, first-level regions, kabupaten/kota, cities and named areas, by name.

Two sources, both shipped: ``data/geonames.tsv.gz`` (compiled from GeoNames by :mod:`warta.geo.build`) and
``data/curated.tsv`` (Indonesian provinces and kabupaten/kota with their usual spellings, Indonesian exonyms,
named areas such as ``Semenanjung Korea``). Country names come from :mod:`warta.nlp.gazetteer`'s tables, so the
linker and the geocoder agree on what a country is. Loaded once, on first use.
"""

from __future__ import annotations

import enum
import gzip
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import pycountry

from warta.nlp.gazetteer import load_entries


class Kind(enum.StrEnum):
    """What sort of place an entry is; the order is from largest to smallest."""

    COUNTRY = "country"
    REGION = "region"  # first-level: province, state, oblast
    AREA = "area"  # a named area that is no administrative unit: peninsula, strip, island, sea
    ADMIN2 = "admin2"  # kabupaten/kota, county
    CITY = "city"


@dataclass(frozen=True, slots=True)
class Place:
    """One place under its display name."""

    key: str  # ``geonames:524901``, ``region:ID.30``, ``country:IDN``, or a curated key
    kind: Kind
    name: str
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 code within ``country``
    lat: float
    lon: float
    population: int = 0
    admin1_name: str | None = None
    admin2: str | None = None
    curated: bool = False


_PREFIXES = {  # spelled-out and abbreviated administrative prefixes → one canonical spelling
    "kab": "kabupaten", "kab.": "kabupaten", "kabupaten": "kabupaten", "kota": "kota", "kotamadya": "kota",
    "provinsi": "provinsi", "prov": "provinsi", "prov.": "provinsi", "propinsi": "provinsi",
}  # fmt: skip
#: Prefixes that may be dropped to find the bare name (``Kota Bogor`` → ``Bogor``), with the kinds they allow.
STRIP = {"kota": (Kind.CITY, Kind.ADMIN2), "provinsi": (Kind.REGION,), "kabupaten": (Kind.ADMIN2, Kind.CITY)}
_PUNCT = re.compile(r"[.,'’`()\-]+")


def normalise(name: str) -> str:
    """Case-, accent- and punctuation-folded name with canonical prefixes: ``Kab. Bogor`` → ``kabupaten bogor``."""
    if name.isascii():  # most names: NFKD leaves ASCII as it is, so skip it (half of the index's build time)
        folded = name.casefold()
    else:
        folded = unicodedata.normalize("NFKD", name)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = folded.split()
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    return " ".join(_PUNCT.sub(" ", " ".join(words)).split())


class PlaceIndex:
    """Name → candidate places."""

    def __init__(self, places: list[tuple[Place, list[str]]], countries: dict[str, Place]) -> None:
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.primary: set[tuple[str, str]] = set()  # (normalised name, key) pairs where the name is the display name
        self.countries = countries  # alpha-3 → country place
        self.country_names: dict[str, str] = {}  # normalised country name → alpha-3
        self.regions: dict[tuple[str, str], Place] = {}
        for place, names in places:
            if place.kind is Kind.REGION and place.admin1:
                self.regions[(place.country, place.admin1)] = place
            self.primary.add((normalise(place.name), place.key))
            for name in {normalise(n) for n in [place.name, *names]}:
                if name:
                    self.by_name[name].append(place)

    def add_country_name(self, name: str, alpha3: str) -> None:
        key = normalise(name)
        if key and alpha3 in self.countries:
            self.country_names.setdefault(key, alpha3)

    def country(self, name: str) -> Place | None:
        alpha3 = self.country_names.get(normalise(name))
        return self.countries.get(alpha3) if alpha3 else None

    def candidates(self, name: str) -> list[Place]:
        """Places called ``name``, also without an administrative prefix the place's kind allows."""
        key = normalise(name)
        found = list(self.by_name.get(key, []))
        head, _, rest = key.partition(" ")
        if head in STRIP and rest:
            kinds = STRIP[head]
            found += [p for p in self.by_name.get(rest, []) if p.kind in kinds and p not in found]
        return found

    def region_of(self, place: Place) -> Place | None:
        return self.regions.get((place.country, place.admin1)) if place.admin1 else None

    def is_primary(self, name: str, place: Place) -> bool:
        return (normalise(name), place.key) in self.primary


def _alpha3(iso2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=iso2)
    return str(country.alpha_3) if country else None


def _read_compiled() -> list[tuple[Place, list[str]]]:
    raw = resources.files("warta.geo").joinpath("data", "geonames.tsv.gz").read_bytes()
    rows = gzip.decompress(raw).decode("utf-8").splitlines()[1:]
    out: list[tuple[Place, list[str]]] = []
    for line in rows:
        kind, key, name, aliases, country, admin1, lat, lon, pop = line.split("\t")
        full_key = {"city": f"geonames:{key}", "region": f"region:{key}", "country": f"country:{country}"}[kind]
        place = Place(full_key, Kind(kind), name, country, admin1 or None, float(lat), float(lon), int(pop))
        out.append((place, aliases.split("|") if aliases else []))
    return out


def _read_curated() -> list[tuple[str, Kind, list[str], str, str | None, float | None, float | None]]:
    text = resources.files("warta.geo").joinpath("data", "curated.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, kind, names, country, admin1, lat, lon = (line.split("\t") + [""] * 7)[:7]
        out.append((key, Kind(kind), names.split("|"), country, admin1 or None,
                    float(lat) if lat else None, float(lon) if lon else None))  # fmt: skip
    return out


def _country_names() -> list[tuple[str, str]]:
    """(name, alpha-3) for every country name the entity linker knows (Indonesian, English, pycountry)."""
    qids = set()
    text = resources.files("warta.nlp").joinpath("data", "countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        cols = line.split("\t")
        if line.strip() and not line.startswith("#") and len(cols) > 1 and cols[1]:
            qids.add(f"wikidata:{cols[1]}")
    return [
        (e.name, e.country)
        for e in load_entries()
        if e.country and e.id and (e.id in qids or e.id.startswith("iso3166:"))
    ]


@lru_cache(maxsize=1)
def default_index() -> PlaceIndex:
    """The shipped gazetteer (built once per process)."""
    compiled = _read_compiled()
    places: dict[str, tuple[Place, list[str]]] = {p.key: (p, names) for p, names in compiled}
    countries = {p.country: p for p, _ in compiled if p.kind is Kind.COUNTRY}
    for key, kind, names, country, admin1, lat, lon in _read_curated():
        if kind is Kind.REGION:
            old = places.get(f"region:{key}")
            if old is None and (lat is None or lon is None):
                continue
            base = old[0] if old else Place(f"region:{key}", kind, names[0], country, admin1, lat or 0.0, lon or 0.0)
            merged = replace(base, name=names[0], curated=True, lat=lat if lat is not None else base.lat,
                             lon=lon if lon is not None else base.lon)  # fmt: skip
            places[f"region:{key}"] = (merged, names[1:])  # GeoNames' English name may be stale: curated wins
        elif lat is not None and lon is not None:
            place = Place(f"warta:{key}", kind, names[0], country, admin1, lat, lon, curated=True)
            places[place.key] = (place, names[1:])
    regions = {(p.country, p.admin1 or ""): p for p, _ in places.values() if p.kind is Kind.REGION}
    finished: list[tuple[Place, list[str]]] = []
    for place, names in places.values():
        region = regions.get((place.country, place.admin1 or "")) if place.kind is not Kind.REGION else place
        admin2 = place.name if place.kind is Kind.ADMIN2 else None
        finished.append((replace(place, admin1_name=region.name if region else None, admin2=admin2), names))
    countries = {p.country: p for p, _ in finished if p.kind is Kind.COUNTRY}
    index = PlaceIndex([(p, n) for p, n in finished if p.kind is not Kind.COUNTRY], countries)
    for place in countries.values():
        index.add_country_name(place.name, place.country)
    for name, alpha3 in _country_names():
        index.add_country_name(name, alpha3)
    return index
