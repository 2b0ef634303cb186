"""Quality gate for stories: near-duplicate F1, story B-cubed F1 and independent-source counts must not drop.

Floors live in ``stories_gate.json`` with the digest of the data they were measured on; lower one only on
purpose. The full run: ``python -m warta.stories.evaluate`` (or ``pytest -m slow tests/stories``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warta.stories.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
GATE: dict[str, Any] = json.loads((Path(__file__).with_name("stories_gate.json")).read_text(encoding="utf-8"))
DATA = ROOT / GATE["data"]

needs_data = pytest.mark.skipif(not DATA.is_file(), reason=f"{DATA} not available")


def _check(run: str) -> None:
    cfg = GATE[run]
    scores = evaluate(DATA, stories=cfg["stories"], singletons=cfg["singletons"], seed=cfg["seed"]).to_dict()
    assert scores["digest"] == GATE["digest"], "the evaluation data changed: re-measure and update the gate"
    for name, floor in cfg["floors"].items():
        assert scores[name] >= floor, f"{run} {name} {scores[name]} < floor {floor} ({scores})"
    for name, ceiling in cfg["ceilings"].items():
        assert scores[name] <= ceiling, f"{run} {name} {scores[name]} > ceiling {ceiling} ({scores})"


@needs_data
@pytest.mark.issue(6)
def test_stories_gate_fast() -> None:
    _check("fast")


@needs_data
@pytest.mark.slow
def test_stories_gate_full() -> None:
    _check("full")
