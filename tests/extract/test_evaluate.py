"""The AEB metric on tiny hand-made cases."""

from __future__ import annotations

import pytest

from warta.extract.evaluate import aggregate, evaluate, page_counts, shingles, tokens


def test_tokens_are_word_runs() -> None:
    assert tokens("Hari ini, Jakarta—hujan!") == ["Hari", "ini", "Jakarta", "hujan"]


def test_short_text_is_one_shingle() -> None:
    assert shingles("dua kata") == {("dua", "kata"): 1}
    assert shingles("") == {}


def test_shingles_are_a_multiset() -> None:
    counts = shingles("a b c d a b c d")
    assert counts[("a", "b", "c", "d")] == 2
    assert sum(counts.values()) == 5


@pytest.mark.parametrize(
    ("expected", "predicted", "counts"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        ("a b c d e", "", (0.0, 0.0, 1.0)),
        ("", "a b c d e", (0.0, 1.0, 0.0)),
        ("a b c d e", "a b c d", (0.5, 0.0, 0.5)),  # shingles (abcd), (bcde) vs (abcd)
        ("a b c d", "a b c d x y z w", (0.2, 0.8, 0.0)),
    ],
)
def test_page_counts_are_normalised(expected: str, predicted: str, counts: tuple[float, float, float]) -> None:
    assert page_counts(expected, predicted) == pytest.approx(counts)


def test_precision_ignores_empty_outputs_recall_does_not() -> None:
    scores = evaluate([("a b c d e", "a b c d e"), ("a b c d e", "")])
    assert scores.precision == pytest.approx(1.0)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(2 * 0.5 / 1.5)
    assert scores.pages == 2


def test_nothing_to_score() -> None:
    assert aggregate([]).f1 == 0.0
