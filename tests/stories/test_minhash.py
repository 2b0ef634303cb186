from __future__ import annotations

import pytest

from warta.stories.minhash import BANDS, NUM_PERM, band_keys, containment, from_blob, signature, similarity, to_blob

TEXT = " ".join(f"kata{i} lain{i % 7} sesuatu{i % 11}" for i in range(200))


def test_signature_is_stable_and_round_trips() -> None:
    sig, size = signature(TEXT)
    assert sig.shape == (NUM_PERM,) and size > 100
    assert (from_blob(to_blob(sig)) == sig).all()
    assert band_keys(sig) == band_keys(signature(TEXT)[0])  # no per-process salt
    assert len(band_keys(sig)) == BANDS


@pytest.mark.parametrize(
    ("other", "low", "high"),
    [
        (TEXT, 1.0, 1.0),
        (TEXT.replace("kata5 ", "kta5 ").replace("kata50 ", ""), 0.85, 1.0),
        ("sama sekali berbeda " * 50, 0.0, 0.05),
    ],
)
def test_similarity_estimates_jaccard(other: str, low: float, high: float) -> None:
    assert low <= similarity(signature(TEXT)[0], signature(other)[0]) <= high


def test_containment_of_a_truncated_copy() -> None:
    half = " ".join(TEXT.split()[:300])
    (a, na), (b, nb) = signature(TEXT), signature(half)
    assert similarity(a, b) < 0.6
    assert containment(similarity(a, b), na, nb) > 0.8


def test_empty_text_has_a_signature() -> None:
    sig, size = signature("")
    assert size == 0 and sig.shape == (NUM_PERM,)
