"""Events and commitments written by the store and read back by the query layer and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli.main import cli
from warta.data import Actor, Article, Commitment, Entity, Event, EventMode, Provenance, content_id
from warta.errors import QueryError
from warta.query import commitments, events, unresolved_names
from warta.store import Store

RUS = Actor("Vladimir Putin", "RUS", "GOV", "wikidata:Q7747")
PRK = Actor("Kim Jong Un", "PRK", "GOV", "wikidata:Q56226")
KOR = Actor("Seoul", "KOR", "GOV", None)


def _article() -> Article:
    text = "Putin dan Kim menandatangani perjanjian. Seoul memperingatkan Rusia."
    return Article(
        id=content_id(text),
        title="Pakta",
        text=text,
        published="2024-06-20",
        language="id",
        provenance=Provenance(input="x.txt"),
        entities=[Entity("Rachel Lee", "PER", 0, 5), Entity("Stimson Center", "ORG", 6, 10, "USA")],
        events=[
            Event("SUPPORT", EventMode.ASSERTED, "057", [RUS, PRK], [RUS, PRK], "menandatangani", "s1", 14, 28,
                  "military", 0.9, quad_class=1, intensity=3.5, date="2024-06-19"),
            Event("THREATEN", EventMode.ASSERTED, "130", [KOR], [Actor("Rusia", "RUS")], "memperingatkan", "s2",
                  47, 61, None, 0.9),
            Event("AID", EventMode.ALLEGED, "072", [PRK], [Actor("Rusia", "RUS")], "memasok senjata", "s3", 0, 1),
        ],
        commitments=[
            Commitment("mutual_defence", [RUS, PRK], [RUS, PRK], True, EventMode.ASSERTED, "menandatangani", "s1",
                       14, 28, "2024-06-19"),
        ],
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "e.db"
    with Store(path) as store:
        store.write([_article()])
        assert store.count("events") == 3 and store.count("commitments") == 1
    return path


def test_events_filters(db: Path) -> None:
    assert len(events(db)) == 3
    assert [e.event for e in events(db, actor="PRK")] == ["AID", "SUPPORT"]  # newest first
    assert [e.event for e in events(db, recipient="RUS", mode="alleged")] == ["AID"]
    assert [e.event for e in events(db, event_type="threaten")] == ["THREATEN"]
    assert [e.event for e in events(db, actor="Seoul")] == ["THREATEN"]
    assert [e.event for e in events(db, since="2024-06-20")] == ["THREATEN", "AID"]  # publication date
    assert [e.event for e in events(db, until="2024-06-19")] == ["SUPPORT"]  # the event's own date
    hit = events(db, event_type="SUPPORT")[0]
    assert (hit.quad_class, hit.intensity, hit.context) == (1, 3.5, "military")
    assert [p.country for p in hit.actor] == ["RUS", "PRK"]


def test_commitments_by_country(db: Path) -> None:
    (hit,) = commitments(db, country="PRK")
    assert hit.kind == "mutual_defence" and hit.mutual
    assert {p.country for p in hit.parties} == {p.country for p in hit.beneficiaries} == {"RUS", "PRK"}
    assert commitments(db, country="USA") == []
    assert commitments(db, country="%") == commitments(db, country="_") == []  # LIKE wildcards are literal


def test_a_nul_in_a_filter_is_a_query_error(db: Path) -> None:
    # SQLite ends a LIKE pattern at a NUL, so "x\0y" would have matched everything "x" matches
    with pytest.raises(QueryError, match="NUL"):
        events(db, actor="Kim\0zzz")
    with pytest.raises(QueryError, match="NUL"):
        commitments(db, country="P\0")


def test_unresolved_names(db: Path) -> None:
    assert unresolved_names(db) == [("Rachel Lee", "PER", 1)]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_cli_events_formats(db: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--actor", "PRK", "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert [r["event"] for r in rows] == ["AID", "SUPPORT"]
    elif fmt == "csv":
        assert result.output.splitlines()[0].startswith("date,event,mode,cameo,actor,recipient")
    else:
        assert "memasok senjata" in result.output


def test_cli_commitments_and_unresolved(db: Path) -> None:
    result = CliRunner().invoke(cli, ["commitments", "--db", str(db), "--country", "PRK"])
    assert result.exit_code == 0 and "mutual_defence" in result.output
    result = CliRunner().invoke(cli, ["actors", "unresolved", "--db", str(db)])
    assert result.exit_code == 0 and "Rachel Lee" in result.output


def test_cli_missing_db_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database" in result.output
