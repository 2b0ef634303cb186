from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli.main import cli

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("q") / "w.db"
    seed = Path(__file__).resolve().parents[2] / "examples" / "000_3634da77584c6100.txt"
    result = CliRunner().invoke(cli, ["ingest", str(seed), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_quotes_by_speaker_text(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["quotes", "--db", str(seed_db), "--speaker", "Lee"])
    assert result.exit_code == 0, result.output
    assert "Rachel Lee" in result.output and "Stimson Center" in result.output and "— kata" in result.output


def test_quotes_json_and_search(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["quotes", "--db", str(seed_db), "--search", "dukungan", "--json"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    assert json.loads(line)["speaker"] == "Kim Jong Un"


def test_no_match_and_missing_db(seed_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["quotes", "--db", str(seed_db), "--speaker", "Nobody"])
    assert result.exit_code == 0 and "no quotes match" in result.output
    result = CliRunner().invoke(cli, ["quotes", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and result.output.startswith("Error: ")
