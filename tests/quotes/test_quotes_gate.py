"""Quality gate: quote extraction on PFSA-ID must not fall below the floors in ``quotes_gate.json``.

The fast gate scores the first articles of each half in the default suite; the full run is ``-m slow``. The
data digest is pinned so that a changed file cannot pass as a changed extractor.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from warta.quotes.evaluate import read_pfsa, split

pytestmark = pytest.mark.issue(5)

GATE: dict[str, Any] = json.loads((Path(__file__).with_name("quotes_gate.json")).read_text(encoding="utf-8"))
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / GATE["data"]


def _halves() -> dict[str, Any]:
    if not DATA.is_file():
        pytest.skip(f"evaluation data not found at {DATA} (../shared/data is not part of the repository)")
    digest = hashlib.sha256(DATA.read_bytes()).hexdigest()
    assert digest == GATE["sha256"], "PFSA-ID file changed: re-measure and update quotes_gate.json on purpose"
    return split(read_pfsa(DATA))


def _check(kind: str, limit: int | None) -> None:
    from warta.quotes.evaluate import evaluate

    for half, articles in _halves().items():
        measures = evaluate(articles[:limit]).measures()
        for name, floor in GATE["floors"][kind][half].items():
            assert measures[name] >= floor, f"{half} {name} {measures[name]:.4f} < floor {floor}"


def test_quotes_gate_fast() -> None:
    _check("fast", GATE["fast_articles"])


@pytest.mark.slow
def test_quotes_gate_full() -> None:
    _check("full", None)
