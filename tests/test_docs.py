"""The docs are kept honest by running them: README commands and Python, and the CLI reference vs ``--help``.

Regenerate the CLI reference with ``WARTA_UPDATE_DOCS=1 pytest tests/test_docs.py``.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli.main import cli as main
from warta.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = ROOT / "docs" / "cli.md"


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.DOTALL)


def _commands() -> list[str]:
    return [
        line[2:].split("  #")[0].strip()
        for block in _blocks(README, "console")
        for line in block.splitlines()
        if line.startswith("$ warta ")
    ]


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_commands_run(workdir: Path) -> None:
    commands = _commands()
    assert len(commands) >= 5
    runner = CliRunner()
    for command in commands:
        result = runner.invoke(main, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"
    assert (workdir / "warta.db").exists()


def test_readme_python_runs(workdir: Path) -> None:
    for block in _blocks(README, "python"):
        exec(compile(block, "README.md", "exec"), {})  # running our own docs is the point


def test_every_command_and_setting_is_documented() -> None:
    reference = CLI_DOC.read_text(encoding="utf-8")
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"warta {name}" in README, name
        assert f"## warta {name}" in reference, name
    for setting in SETTINGS:
        assert setting.name in reference, setting.name


def _reference() -> str:
    runner = CliRunner()
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` (`WARTA_UPDATE_DOCS=1 pytest tests/test_docs.py`); a test fails when it is stale.\n",
    ]
    for args, title in [([], "warta"), (["--help-settings"], "settings")]:
        out = runner.invoke(main, args or ["--help"], prog_name="warta").output
        parts.append(f"## {title}\n\n```text\n{out.rstrip()}\n```\n")
    for name in sorted(main.commands):  # type: ignore[attr-defined]
        out = runner.invoke(main, [name, "--help"], prog_name="warta").output
        parts.append(f"## warta {name}\n\n```text\n{out.rstrip()}\n```\n")
    return "\n".join(parts)


def test_cli_reference_is_current() -> None:
    expected = _reference()
    if os.environ.get("WARTA_UPDATE_DOCS"):
        CLI_DOC.write_text(expected, encoding="utf-8")
    assert CLI_DOC.read_text(encoding="utf-8") == expected, "docs/cli.md is stale: regenerate it (see docstring)"
