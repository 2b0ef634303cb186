"""GDELT ActionGeo_ fields from event locations (issue 12)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli.main import cli
from warta.data import EventLocation
from warta.export import GDELT_COLUMNS
from warta.geo.codes import gdelt_geo

pytestmark = pytest.mark.issue(12)


def test_seed_action_geography(tmp_path: Path, seed_path: Path) -> None:
    db, out = tmp_path / "w.db", tmp_path / "events.tsv"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(seed_path), "--db", str(db), "--workers", "1"]).exit_code == 0
    result = runner.invoke(cli, ["export", "--db", str(db), "--format", "gdelt", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, fieldnames=list(GDELT_COLUMNS), delimiter="\t", quoting=csv.QUOTE_NONE))
    placed = {(r["EventRootCode"], r["ActionGeo_FullName"], r["ActionGeo_CountryCode"], r["ActionGeo_Type"])
              for r in rows if r["ActionGeo_Type"]}  # fmt: skip
    assert ("15", "Ukraine", "UP", "1") in placed  # Russia deploys North Korean missiles in Ukraine
    assert ("04", "Russia", "RS", "1") in placed  # the September meeting in Russia
    ukraine = next(r for r in rows if r["ActionGeo_FullName"] == "Ukraine")
    assert ukraine["ActionGeo_FeatureID"] == "UP" and float(ukraine["ActionGeo_Lat"]) > 44
    assert all(r["ActionGeo_Lat"] == "" for r in rows if not r["ActionGeo_Type"])  # nothing invented


def test_city_fields() -> None:
    loc = EventLocation("Mataram", "IDN", -8.5833, 116.1167, "city", 0.9, admin1="Nusa Tenggara Barat",
                        admin1_code="17", feature_id="geonames:1635882")  # fmt: skip
    assert gdelt_geo(loc) == [
        "4", "Mataram, Nusa Tenggara Barat, IDN", "ID", "ID17", "", "-8.5833", "116.1167", "1635882",
    ]  # fmt: skip
    assert gdelt_geo(None) == [""] * 8
