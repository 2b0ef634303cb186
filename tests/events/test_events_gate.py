"""Quality gate for the event coder: scores on the dev gold may not fall below the floors in events_gate.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.events.evaluate import GOLD, NEWS, digest, evaluate

GATE = json.loads((Path(__file__).parent / "events_gate.json").read_text(encoding="utf-8"))
#: Measures where lower is better.
LOWER = {"spurious_per_gold"}


def test_gold_is_the_one_the_floors_were_set_on() -> None:
    assert digest(GOLD) == GATE["digest"], "gold changed: re-measure and update events_gate.json"


def _check(name: str, prefix: str) -> None:
    scores = evaluate("dev", prefix=prefix).summary()
    for measure, floor in GATE[name].items():
        value = scores[measure]
        if measure in LOWER:
            assert value <= floor, f"{name} {measure} {value} above ceiling {floor}"
        else:
            assert value >= floor, f"{name} {measure} {value} below floor {floor}"


def test_sentences_gate() -> None:
    _check("sentences", "s-")


def test_detik_gate() -> None:
    if not NEWS.is_file():
        pytest.skip("../shared/data/news/detik-news is not present")
    _check("detik", "detik-")


def test_seed_acceptance(seed_text: str) -> None:
    """The seed's key events (issue 4), through the real stages without the model."""
    from warta.data import Article
    from warta.events.stage import EventStage
    from warta.nlp.stage import EntityStage

    article = Article(id="seed", text=seed_text, language="id")
    (out,) = list(EventStage(use_model=False).run(EntityStage(use_model=False).run([article])))
    assert isinstance(out, Article)
    got = {
        (e.event, e.mode.value, frozenset(a.country for a in e.actor), frozenset(a.country for a in e.recipient))
        for e in out.events
    }
    assert ("SUPPORT", "asserted", frozenset({"RUS", "PRK"}), frozenset({"RUS", "PRK"})) in got
    assert ("SUPPORT", "asserted", frozenset({"PRK"}), frozenset({"RUS"})) in got
    assert ("AID", "alleged", frozenset({"PRK"}), frozenset({"RUS"})) in got
    assert ("AID", "future", frozenset({"RUS"}), frozenset({"PRK"})) in got
    assert ("THREATEN", "asserted", frozenset({"KOR"}), frozenset({"RUS"})) in got
    assert ("SUPPORT", "asserted", frozenset({"USA", None}), frozenset({"UKR"})) in got
    assert not any("Lee" in a.text for e in out.events for a in e.actor + e.recipient)
    (pact,) = out.commitments
    assert pact.kind == "mutual_defence" and pact.mutual
    assert {a.country for a in pact.parties} == {"RUS", "PRK"}
