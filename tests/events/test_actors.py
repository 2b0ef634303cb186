from __future__ import annotations

import itertools
from importlib import resources

import pytest

from warta.data import Entity
from warta.events.actors import default_actors, resolve

DATA = ("actors.tsv", "roles.tsv", "officials.tsv", "leaders.tsv")
SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "OPP",
    "CVL",
    "BUS",
    "MED",
    "EDU",
    "REL",
    "REB",
    "HLH",
    "LAB",
    "AGR",
    "IGO",
    "NGO",
    "SPY",
    "ELI",
}


def _rows(name: str) -> list[list[str]]:
    text = resources.files("warta.events").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Presiden Rusia Vladimir Putin", "RUS", "GOV"),
        ("pemimpin tertinggi Korea Utara Kim Jong Un", "PRK", "GOV"),
        ("tentara Rusia", "RUS", "MIL"),
        ("warga Rusia", "RUS", "CVL"),
        ("Kremlin", "RUS", "GOV"),
        ("Gedung Putih", "USA", "GOV"),
        ("Istana", "IDN", "GOV"),
        ("Moskow", "RUS", "GOV"),
        ("Korut", "PRK", None),
        ("AS", "USA", None),
        ("polisi", None, "COP"),
        ("hakim", None, "JUD"),
        ("mahasiswa", None, "CVL"),
        ("demonstran", None, "OPP"),
        ("perusahaan", None, "BUS"),
        ("KPK", "IDN", "JUD"),
        ("TNI", "IDN", "MIL"),
        ("NATO", None, "IGO"),
        ("Menteri Dalam Negeri Tito Karnavian", "IDN", "GOV"),
        ("Rachel Lee dari Stimson Center", "USA", None),
        ("Jokowi", "IDN", "GOV"),
    ],
)
def test_resolves_country_and_sector(text: str, country: str | None, sector: str | None) -> None:
    actor = resolve(text, date="2024-06-20")
    assert (actor.country, actor.sector) == (country, sector)


def test_ids_reuse_the_gazetteer() -> None:
    assert resolve("Presiden Rusia Vladimir Putin").id == "wikidata:Q7747"
    assert resolve("NATO").id == "wikidata:Q7184"
    assert resolve("Korea Utara").id == "wikidata:Q423"
    assert resolve("tentara Rusia").id is None  # the army is not the country


def test_dates_of_office_pick_the_role() -> None:
    table = default_actors()
    assert (table.person("Prabowo", "2023-01-01") or pytest.fail()).sector == "MIL"
    assert (table.person("Prabowo", "2025-01-01") or pytest.fail()).sector == "GOV"


def test_entity_fills_what_the_words_do_not_say() -> None:
    kim = Entity("Kim", "PER", 0, 3, "PRK", "wikidata:Q56226")
    actor = resolve("Kim", kim, "2024-06-20")
    assert (actor.text, actor.country, actor.sector, actor.id) == ("Kim", "PRK", "GOV", "wikidata:Q56226")


@pytest.mark.parametrize("name", DATA)
def test_data_files_are_well_formed(name: str) -> None:
    rows = _rows(name)
    assert rows
    width = {"actors.tsv": 4, "roles.tsv": 3, "officials.tsv": 6, "leaders.tsv": 6}[name]
    for row in rows:
        assert len(row) == width, row
    sectors = [r[1] if name == "roles.tsv" else r[2] if name == "actors.tsv" else r[3] for r in rows]
    assert set(sectors) <= SECTORS
    keys = [r[0] for r in rows]  # leaders.tsv is sorted as the build script writes it, the curated files by casefold
    assert keys == (sorted(keys) if name == "leaders.tsv" else sorted(keys, key=str.casefold))


@pytest.mark.parametrize("name", ["actors.tsv", "roles.tsv"])
def test_no_name_is_listed_twice(name: str) -> None:
    seen: dict[str, str] = {}
    for row in _rows(name):
        for word in row[0].split("|"):
            key = word.casefold()
            assert key not in seen, f"{word!r} listed twice ({seen[key]!r} and {row[0]!r})"
            seen[key] = row[0]


def test_officials_do_not_overlap_in_one_office() -> None:
    by_person: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for name, _aliases, _country, sector, start, end in _rows("officials.tsv"):
        by_person.setdefault((name, sector), []).append((start, end or "9999"))
    for periods in by_person.values():
        periods.sort()
        for (_s1, e1), (s2, _e2) in itertools.pairwise(periods):
            assert e1 <= s2
