"""A place named after a name in its phrase qualifies it: ``Kuningan, Jakarta Selatan`` (issue 12)."""

from __future__ import annotations

import pytest

from warta.geo.resolve import Resolution, qualifiers, resolve

pytestmark = pytest.mark.issue(12)


def _resolve(text: str, name: str) -> Resolution:
    end = text.index(name) + len(name)
    found = resolve(name, within=qualifiers(text, end))
    assert isinstance(found, Resolution), found
    return found


def test_qualifiers_chain_and_stop_at_the_phrase() -> None:
    text = "Banjir di Walelagama, Kabupaten Jayawijaya, Papua Pegunungan. Warga mengungsi."
    names = [p.name for p in qualifiers(text, text.index(","))]
    assert names == ["Kabupaten Jayawijaya", "Papua Pegunungan"]
    text = "di Wonosobo, Jawa Tengah. Fenomena ini"
    assert [p.name for p in qualifiers(text, text.index(","))] == ["Jawa Tengah"]
    assert qualifiers("di Bandung, yang", 10) == []


def test_a_qualifier_steers_to_the_namesake_inside_it() -> None:
    # Kuningan is also a regency in Jawa Barat; followed by ``Jakarta Selatan`` it is the locality in Jakarta
    found = _resolve("Kantor di Kuningan, Jakarta Selatan, Senin", "Kuningan")
    assert (found.place.name, found.place.admin1_name, found.place.admin2) == (
        "Kuningan",
        "DKI Jakarta",
        "Jakarta Selatan",
    )
    assert found.confidence < 0.9
    found = _resolve("Warga Kuningan, Jawa Barat, Senin", "Kuningan")
    assert found.place.admin1_name == "Jawa Barat"


def test_a_sub_regency_locality_is_placed_in_its_qualifier() -> None:
    found = _resolve("di Distrik Walelagama, Kabupaten Jayawijaya, Papua Pegunungan", "Distrik Walelagama")
    place = found.place
    assert (place.name, place.admin2, place.admin1_name) == ("Walelagama", "Kabupaten Jayawijaya", "Papua Pegunungan")
    found = _resolve("di Desa Sekar, Kabupaten Bojonegoro", "Desa Sekar")
    assert (found.place.name, found.place.admin1_name) == ("Sekar", "Jawa Timur")


def test_without_a_qualifier_nothing_is_invented() -> None:
    assert not isinstance(resolve("Distrik Walelagama"), Resolution)


def test_a_list_of_peers_is_no_qualifier() -> None:
    text = "banjir di Jawa Barat, Jawa Tengah, dan Jawa Timur"
    found = resolve("Jawa Barat", within=qualifiers(text, text.index(",")))
    assert isinstance(found, Resolution) and found.place.admin1_name == "Jawa Barat"
    text = "di Bandung, Jakarta, dan Surabaya"
    found = resolve("Bandung", within=qualifiers(text, text.index(",")))
    assert isinstance(found, Resolution) and found.place.admin1_name == "Jawa Barat"
