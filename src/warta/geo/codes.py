"""GDELT-style geography codes for an event location: geo type, FIPS country, ADM1 code, feature id."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from warta.data import EventLocation


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → FIPS 10-4 (GDELT writes country codes in FIPS)."""
    text = resources.files("warta.geo").joinpath("data", "fips.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


def gdelt_geo(loc: EventLocation | None) -> list[str]:
    """The 8 GDELT ActionGeo_ fields (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID).

    Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (a region or named area).
    """
    if loc is None:
        return [""] * 8
    us = loc.country == "USA"
    geo_type = {"country": 1, "region": 2 if us else 5}.get(loc.precision, 3 if us else 4)
    fips = fips_codes().get(loc.country or "", "")
    adm1 = f"{fips}{loc.admin1_code}" if fips and loc.admin1_code and geo_type != 1 else fips
    full = ", ".join(x for x in (loc.place, loc.admin1 if loc.admin1 != loc.place else None, _country(loc)) if x)
    feature = loc.feature_id or ""
    if feature.startswith("geonames:"):
        feature = feature.removeprefix("geonames:")
    elif geo_type == 1:
        feature = fips
    elif feature.startswith("region:"):
        feature = adm1
    return [str(geo_type), full, fips, adm1, "", f"{loc.lat:.4f}", f"{loc.lon:.4f}", feature]


def _country(loc: EventLocation) -> str | None:
    if loc.precision == "country":
        return None  # the place is the country
    return loc.country
