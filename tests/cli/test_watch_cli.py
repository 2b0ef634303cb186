"""``warta watch`` options and exit statuses (cheap runs: no page reaches the stages, so no model is loaded)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.watch.conftest import Reply, Site, no_proxy, rss  # noqa: F401 - no_proxy: autouse fixture

from warta.cli.main import cli
from warta.watch.loop import parse_duration


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("90", 90),
                                               ("2d", 172800), ("0.5m", 30)])  # fmt: skip
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "1h30", "m15"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="warta")
    return result.exit_code, result.output


def test_usage_errors(tmp_path: Path) -> None:
    sources = tmp_path / "s.txt"
    sources.write_text("https://contoh.example/rss feed\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    code, out = run("watch", str(sources), "--db", db, "--every", "soon")
    assert code == 2 and "not a duration" in out
    code, out = run("watch", str(sources), "--db", db, "--every", "0s")
    assert code == 2 and "--every must be at least 1s" in out
    code, out = run("watch", str(sources), "--db", db, "--webhook", "ftp://x")
    assert code == 2 and "--webhook must be an http(s) URL" in out
    sources.write_text("# none\n", encoding="utf-8")
    code, out = run("watch", str(sources), "--db", db, "--once")
    assert code == 2 and "lists no sources" in out


def test_once_reports_a_pass_and_fails_when_every_source_does(site: Site, tmp_path: Path) -> None:
    site.route("/rss", Reply(body=rss(site.base, []), etag='"e"'))
    sources = tmp_path / "s.txt"
    sources.write_text(f"{site.url('/rss')}\n{site.url('/gone')} feed\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    watchlists = tmp_path / "saved.json"
    watchlists.write_text(json.dumps({"x": {"q": "tsunami"}}), encoding="utf-8")
    code, out = run("watch", str(sources), "--db", db, "--once", "--rate", "0", "--watchlists", str(watchlists))
    assert code == 0, out
    assert "watching 2 sources" in out and "1 watchlist" in out
    assert "pass 1: 2 sources (1 failed), 0 new URLs" in out and f"source failed: {site.url('/gone')}: HTTP 404" in out
    sources.write_text(f"{site.url('/gone')} feed\n", encoding="utf-8")
    code, out = run("watch", str(sources), "--db", db, "--once")
    assert code == 1 and "Error: all 1 source failed" in out
