"""Toponym resolution: names, spellings, exonyms, context and datelines (issue 12)."""

from __future__ import annotations

from collections import Counter

import pytest

from warta.geo.gazetteer import Kind, normalise
from warta.geo.resolve import Context, Resolution, Unresolved, find_dateline, resolve

pytestmark = pytest.mark.issue(12)


@pytest.mark.parametrize(
    ("name", "country", "admin1", "kind"),
    [
        ("Jakarta Barat", "IDN", "04", Kind.ADMIN2),
        ("Jakbar", "IDN", "04", Kind.ADMIN2),
        ("Kab. Bogor", "IDN", "30", Kind.ADMIN2),
        ("Kota Bogor", "IDN", "30", Kind.CITY),
        ("Mataram", "IDN", "17", Kind.CITY),
        ("NTB", "IDN", "17", Kind.REGION),
        ("Jawa Barat", "IDN", "30", Kind.REGION),
        ("Bali", "IDN", "02", Kind.REGION),
        ("Moskow", "RUS", "48", Kind.CITY),
        ("Den Haag", "NLD", "11", Kind.CITY),
        ("Semenanjung Korea", "", None, Kind.AREA),
        ("Jalur Gaza", "PSE", None, Kind.AREA),
        ("Rusia", "RUS", None, Kind.COUNTRY),
        ("Amerika Serikat", "USA", None, Kind.COUNTRY),
    ],
)
def test_resolves(name: str, country: str, admin1: str | None, kind: Kind) -> None:
    found = resolve(name, Context(default_country="IDN"))
    assert isinstance(found, Resolution), found
    assert (found.place.country, found.place.admin1, found.place.kind) == (country, admin1, kind)


def test_country_name_is_never_a_building_or_town() -> None:
    found = resolve("Georgia", Context(countries=Counter({"USA": 5})))
    assert isinstance(found, Resolution) and found.place.kind is Kind.COUNTRY


def test_unknown_names_are_reported_not_guessed() -> None:
    found = resolve("Kampung Sukamaju Indah Permai")
    assert isinstance(found, Unresolved) and found.reason == "unknown"


def test_context_country_decides() -> None:
    au = resolve("Perth", Context(countries=Counter({"AUS": 3})))
    gb = resolve("Perth", Context(countries=Counter({"GBR": 3})))
    assert isinstance(au, Resolution) and au.place.country == "AUS"
    assert isinstance(gb, Resolution) and gb.place.country == "GBR"


@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        ("JAKARTA, KOMPAS.com - Presiden", "Jakarta", "04"),
        ("Mataram, NTB (ANTARA) - Gubernur", "Mataram", "17"),
        ("JAKARTA , KOMPAS — Hari ini", "Jakarta", "04"),
        ("Bandung - Wali kota", "Bandung", "30"),
    ],
)
def test_datelines(text: str, place: str, admin1: str) -> None:
    found = find_dateline(text)
    assert found is not None and (found[0].name, found[0].admin1) == (place, admin1)


def test_no_dateline_in_plain_prose() -> None:
    assert find_dateline("Presiden Prabowo menyatakan - katanya") is None


def test_normalise_prefixes() -> None:
    assert normalise("Kab. Bogor") == normalise("Kabupaten  Bogor") == "kabupaten bogor"
