"""The ``warta`` command line, end to end through the real pipeline (click's CliRunner, in process)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from warta.cli import extract as extract_module
from warta.cli.main import cli
from warta.data import SCHEMA_FIELDS

JSONL = (
    '{"id": "doc-1", "title": "Gempa di Sulawesi", "text": "Gempa berkekuatan 6,1 mengguncang Sulawesi Tengah '
    'pada Senin pagi. Warga di Palu berlarian keluar rumah, kata kepala BMKG."}\n'
    '{"id": "doc-2", "title": "Café talks in Jakarta", "text": "Diplomats met at a café in Jakarta on Monday to '
    'discuss trade between Indonesia and Vietnam, officials said."}\n'
    "not json at all\n"
)
SUMMARY = re.compile(r"^(\d+) documents? \((\d+) new, (\d+) unchanged\), (\d+) rejected → (.+)$", re.MULTILINE)


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> list[Path]:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "docs.jsonl").write_text(JSONL, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return [seed_path, folder / "docs.jsonl", folder / "empty.txt"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, inputs: list[Path]) -> tuple[Path, Result]:
    db = tmp_path_factory.mktemp("db") / "warta.db"
    return db, run("ingest", *inputs, "--db", db, "--show")


# -- help and errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["", "extract", "ingest", "search", "stats"])
def test_help_has_an_example(command: str) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert re.search(rf"^\s+warta {command}", result.stdout, re.MULTILINE)


def test_version_and_settings() -> None:
    assert re.fullmatch(r"warta, version \S+\n", run("--version").stdout)
    listing = run("--help-settings").stdout
    assert "batch_size" in listing and "min_text_chars" in listing
    assert "--batch-size" in run("ingest", "--help").stdout


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["ingest", "no/such/path"], 2, "does not exist"),
        (["ingest", "{seed}", "--bogus"], 2, "No such option"),
        (["frobnicate"], 2, "No such command"),
        (["search"], 2, "Missing argument"),
        (["search", '"kim', "--db", "{db}"], 2, "[W005] unbalanced quote"),
        (["search", "AND", "--db", "{db}"], 2, "[W005]"),
        (["search", "putin", "--db", "{missing}"], 1, "[W004] no database at"),
        (["stats", "--db", "{missing}"], 1, "[W004] no database at"),
        (["stats", "--db", "{text}"], 1, "[W004]"),
        (["ingest", "{seed}", "--db", "{text}"], 1, "not a SQLite database"),
        (["extract", "{seed}", "--favor", "wild"], 2, "[W001] favor must be"),
        (["extract", "{seed}", "--batch-size", "0"], 2, "[W001] batch_size"),
        (["search", "x", "--limit", "0"], 2, "--limit"),
    ],
)
def test_errors_are_one_line(
    args: list[str], code: int, fragment: str, tmp_path: Path, seed_path: Path, ingested: tuple[Path, Result]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 100)
    names = {"seed": seed_path, "db": ingested[0], "missing": tmp_path / "missing.db", "text": text}
    result = run(*(a.format(**names) for a in args))
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run("--debug", "stats", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and result.stderr.rstrip().splitlines()[-1].startswith("Error: [W004]")


def test_a_bug_is_one_line_too(monkeypatch: pytest.MonkeyPatch, seed_path: Path) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(extract_module, "documents", broken)
    result = run("extract", seed_path)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: internal error: RuntimeError: something inside broke (run with --debug for the traceback)\n"
    )


# -- extract -----------------------------------------------------------------------------------------------


def test_extract_prints_json_lines_and_touches_no_database(
    inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("extract", *inputs)
    assert list(tmp_path.iterdir()) == []  # no warta.db appeared
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 3
    for doc in docs:
        assert set(SCHEMA_FIELDS) <= set(doc)
    seed, *rest = docs
    assert seed["title"] and seed["text"].startswith("PRESIDEN") and seed["language"] == "id"
    assert [d["id"] for d in rest] == ["doc-1", "doc-2"]  # JSON Lines input keeps its ids
    assert '"title": "Café talks in Jakarta"' in result.stdout  # UTF-8, not \u escapes
    rejected = result.stderr.splitlines()
    assert f"rejected: {inputs[1]}#3: " in result.stderr
    assert any(line.startswith(f"rejected: {inputs[2]}#") for line in rejected)
    assert all(line.startswith("rejected: ") for line in rejected)


def test_extract_reads_stdin_and_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("extract", "-", "--input-format", "jsonl", "--output", out, input=JSONL)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["doc-1", "doc-2"]


# -- ingest, search, stats ---------------------------------------------------------------------------------


def test_ingest_stores_and_shows(ingested: tuple[Path, Result]) -> None:
    db, result = ingested
    assert result.exit_code == 0, result.stderr
    summary = SUMMARY.search(result.stderr)
    assert summary is not None, result.stderr
    assert summary.groups() == ("3", "3", "0", "2", str(db))
    assert "Putin dan Kim Jong Un" in result.stdout  # --show: the seed's title,
    for shown in ("editor    Akmal", "BBC/P-5", "language id", "Rusia (GPE, RUS)", "PRESIDEN"):
        assert shown in result.stdout
    assert result.stdout.count("━━ ") == 3


def test_ingest_twice_changes_nothing(tmp_path: Path, inputs: list[Path]) -> None:
    db = tmp_path / "twice.db"
    first = run("ingest", *inputs, "--db", db)
    size = run("stats", "--db", db, "--json").stdout
    second = run("ingest", *inputs, "--db", db, "--show")
    assert first.exit_code == second.exit_code == 0
    assert SUMMARY.search(second.stderr).groups()[:4] == ("3", "0", "3", "2")  # type: ignore[union-attr]
    assert second.stdout == ""  # nothing new to show
    before, after = json.loads(size), json.loads(run("stats", "--db", db, "--json").stdout)
    for key in ("documents", "rejected", "entities"):
        assert before[key] == after[key]


def test_search_finds_with_snippets(ingested: tuple[Path, Result]) -> None:
    db, _ = ingested
    result = run("search", "kim jong un", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.startswith(" 1. Putin dan Kim Jong Un")
    assert "[Kim" in result.stdout
    hits = [json.loads(line) for line in run("search", "sulawesi OR jakarta", "--db", db, "--json").stdout.splitlines()]
    assert sorted(h["id"] for h in hits) == ["doc-1", "doc-2"]
    assert run("search", "gempa", "--db", db, "--language", "en", "--json").stdout == ""
    none = run("search", "zzyzx", "--db", db)
    assert none.exit_code == 0 and "no documents match" in none.stderr


def test_stats_shows_rejections(ingested: tuple[Path, Result]) -> None:
    db, _ = ingested
    result = run("stats", "--db", db)
    assert result.exit_code == 0
    assert "3 documents" in result.stdout and "2 rejected" in result.stdout
    assert "rejected, by reason:" in result.stdout and "invalid JSON" in result.stdout
    data = json.loads(run("stats", "--db", db, "--json").stdout)
    assert data["documents"] == 3 and data["rejected"] == 2
    assert {c["value"] for c in data["by_language"]} >= {"id"}
    assert sum(r["count"] for r in data["rejections"]) == 2
