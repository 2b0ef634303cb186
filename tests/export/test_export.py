"""Exports read back: GDELT 2.0 Events TSV by its 61 column names, PLOVER JSON Lines, Parquet tables (issue 8)."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli.main import cli
from warta.export import GDELT_COLUMNS

pytestmark = pytest.mark.issue(8)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    path = tmp_path_factory.mktemp("export") / "warta.db"
    result = CliRunner().invoke(cli, ["ingest", str(seed_path), "--db", str(path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return path


def export(db: Path, fmt: str, out: Path) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt, str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stderr


def test_gdelt_reads_back_with_the_61_columns(db: Path, tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "events.tsv"
    export(db, "gdelt", out)
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, fieldnames=list(GDELT_COLUMNS), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(GDELT_COLUMNS) == len(set(GDELT_COLUMNS)) == 61
    assert rows and all(None not in row and len(row) == 61 for row in rows)  # no row has extra or missing fields
    conn = sqlite3.connect(db)
    happened = conn.execute("SELECT count(*) FROM events WHERE mode IN ('asserted', 'alleged')").fetchone()[0]
    assert len(rows) == happened
    # the seed's treaty: Putin and Kim sign a mutual-assistance pact (SUPPORT, CAMEO 057, verbal cooperation)
    (pact,) = [r for r in rows if r["EventCode"] == "057"]
    assert (pact["EventBaseCode"], pact["EventRootCode"], pact["QuadClass"]) == ("057", "05", "1")
    assert pact["Actor1CountryCode"] == "RUS" and pact["Actor1Code"] == "RUSGOV" and pact["Actor1Type1Code"] == "GOV"
    assert pact["Actor1Name"] == "VLADIMIR PUTIN"
    assert pact["Actor2CountryCode"] == "PRK" and pact["Actor2Code"] == "PRKGOV"
    assert pact["IsRootEvent"] == "1" and float(pact["GoldsteinScale"]) > 0
    assert (pact["NumMentions"], pact["NumSources"], pact["NumArticles"]) == ("1", "1", "1")
    assert len(pact["Day"]) == 8 and pact["MonthYear"] == pact["Day"][:6] and pact["Year"] == pact["Day"][:4]
    assert len(pact["DATEADDED"]) == 14 and pact["DATEADDED"].isdigit()
    assert pact["SOURCEURL"].endswith(seed_path.name)
    assert pact["AvgTone"] == "" and pact["ActionGeo_Lat"] == ""


def test_plover_json_lines(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export(db, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    pact = next(r for r in records if r["cameo"] == "057")
    assert pact["event_type"] == "SUPPORT" and pact["mode"] == "asserted"
    assert pact["actor_country"] == "RUS" and "Kim Jong Un" in pact["recipient"]
    assert pact["source"]["title"].startswith("Putin dan Kim Jong Un")
    assert all(r["mode"] in ("asserted", "alleged") for r in records)


def test_parquet_tables_match_the_database(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "pq"
    message = export(db, "parquet", out)
    assert "documents" in message
    conn = sqlite3.connect(db)
    for table, source in [("documents", "articles"), ("entities", "entities"), ("quotes", "quotes"),
                          ("events", "events"), ("event_actors", "event_actors")]:  # fmt: skip
        expected = conn.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
        assert pq.read_table(out / f"{table}.parquet").num_rows == expected, table
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    assert docs[0]["title"].startswith("Putin dan Kim Jong Un") and json.loads(docs[0]["doc"])["id"] == docs[0]["id"]
