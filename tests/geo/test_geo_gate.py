"""Quality gate for toponym resolution on the gold of place mentions, per split.

``dev``: the seed + 10 detik articles looked at while improving the resolver; ``heldout``: 10 more detik articles
annotated before the resolver was run on them. Floors sit a little under the measured numbers in
``geo_gate.json`` (never above them); re-measure with ``python -m warta.geo.evaluate``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.geo.evaluate import DEFAULT_GOLD, SPLITS, evaluate_splits, file_digest, load_gold, load_texts

ROOT = Path(__file__).resolve().parents[2]
GATE = json.loads((Path(__file__).parent / "geo_gate.json").read_text(encoding="utf-8"))
DATA = ROOT / GATE["data"]

pytestmark = [
    pytest.mark.issue(12),
    pytest.mark.skipif(not DATA.exists(), reason=f"needs the detik-news development set at {DATA}"),
]


def test_data_is_the_measured_one() -> None:
    assert file_digest(DATA) == GATE["data_sha256"], "the development set changed: re-measure and update the gate"


@pytest.mark.parametrize("split", SPLITS)
def test_resolution_meets_the_floors(split: str) -> None:
    gold = load_gold(DEFAULT_GOLD)
    report = evaluate_splits(gold, load_texts(DATA, {g["article"] for g in gold}))[split].to_dict()
    measured, floors = GATE["measured"][split], GATE["floors"][split]
    assert report["mentions"] == measured["mentions"]
    for level, floor in floors.items():
        assert floor <= measured[level], f"a floor above the measured {level} ({split})"
        assert report[level]["accuracy"] >= floor, (level, report[level], report["misses"])
    assert report["unresolved_share"] <= GATE["ceilings"][split]["unresolved_share"], report["misses"]


def test_gold_holds_annotations_only() -> None:
    keys = {"source", "article", "start", "end", "text", "country", "admin1", "place", "level", "split"}
    for g in load_gold(DEFAULT_GOLD):
        assert set(g) == keys and len(g["text"]) < 40 and g["level"] in ("country", "region", "city")
        assert g["split"] in SPLITS


def test_heldout_articles_are_not_dev_articles() -> None:
    gold = load_gold(DEFAULT_GOLD)
    dev = {g["article"] for g in gold if g["split"] == "dev"}
    heldout = {g["article"] for g in gold if g["split"] == "heldout"}
    assert heldout and not dev & heldout
