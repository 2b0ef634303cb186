from __future__ import annotations

import random
from pathlib import Path

import pytest

from warta.data import Article, Source
from warta.store import Store
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


def test_a_short_truncated_copy_with_typos_is_still_a_copy(tmp_path: Path) -> None:
    rng = random.Random(3)
    words = [f"kata{rng.randrange(5000)}" for _ in range(120)]
    copy = words[:80]
    for i in range(0, 80, 8):  # a typo every 8 words spoils three shingles each: ~60% of it left inside
        copy[i] = copy[i][:-1]
    pages = [
        Article(id="full", source=Source(domain="detik.com"), text=" ".join(words), title="t"),
        Article(id="short", source=Source(domain="mirror.net"), text=" ".join(copy), title="t"),
        Article(
            id="other",
            source=Source(domain="detik.com"),
            text=" ".join(words[80:110] + [f"lain{i}" for i in range(50)]),
            title="u",
        ),
    ]
    with Store(tmp_path / "w.db") as store:
        report = store.write(pages[:2])
        assert report.inserted == 1 and report.copies == 1
        # a different article sharing a third of the text (a follow-up quoting paragraphs) is not a copy
        assert store.write(pages[2:]).inserted == 1
