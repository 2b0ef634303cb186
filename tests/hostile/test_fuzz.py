"""A short run of each coverage-guided fuzz target (issue 9); the long run is documented in fuzz/fuzz_warta.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="the fuzz targets need atheris: pip install -e '.[fuzz]'")

pytestmark = pytest.mark.issue(9)

HARNESS = Path(__file__).resolve().parents[2] / "fuzz" / "fuzz_warta.py"


@pytest.mark.parametrize(("target", "runs"), [("ingest", 300), ("cleaner", 2000), ("query", 2000)])
def test_fuzz_target_finds_nothing_in_a_short_run(target: str, runs: int, tmp_path: Path) -> None:
    """libFuzzer exits 0 when no input raised; a finding leaves a crash-* file with the input in tmp_path."""
    flags = [f"-runs={runs}", "-seed=9", "-max_len=4096", f"-artifact_prefix={tmp_path}/", "-timeout=60"]
    done = subprocess.run([sys.executable, str(HARNESS), target, *flags], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Done {runs} runs" in done.stderr
    assert not list(tmp_path.glob("crash-*"))
