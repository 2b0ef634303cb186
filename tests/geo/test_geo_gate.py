"""Quality gate for toponym resolution on the development gold of place mentions (seed + 10 detik articles).

Floors sit a little under the measured numbers in ``geo_gate.json``; re-measure with
``python -m warta.geo.evaluate``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.geo.evaluate import DEFAULT_GOLD, evaluate, file_digest, load_gold, load_texts

ROOT = Path(__file__).resolve().parents[2]
GATE = json.loads((Path(__file__).parent / "geo_gate.json").read_text(encoding="utf-8"))
DATA = ROOT / GATE["data"]

pytestmark = [
    pytest.mark.issue(12),
    pytest.mark.skipif(not DATA.exists(), reason=f"needs the detik-news development set at {DATA}"),
]


def test_data_is_the_measured_one() -> None:
    assert file_digest(DATA) == GATE["data_sha256"], "the development set changed: re-measure and update the gate"


def test_resolution_meets_the_floors() -> None:
    gold = load_gold(DEFAULT_GOLD)
    report = evaluate(gold, load_texts(DATA, {g["article"] for g in gold})).to_dict()
    assert report["mentions"] == GATE["measured"]["mentions"]
    for level, floor in GATE["floors"].items():
        assert report[level]["accuracy"] >= floor, (level, report[level], report["misses"])
    assert report["unresolved_share"] <= GATE["ceilings"]["unresolved_share"], report["misses"]


def test_gold_holds_annotations_only() -> None:
    keys = {"source", "article", "start", "end", "text", "country", "admin1", "place", "level"}
    for g in load_gold(DEFAULT_GOLD):
        assert set(g) == keys and len(g["text"]) < 40 and g["level"] in ("country", "region", "city")
