"""MinHash signatures of a body's word shingles, and LSH band keys to find near-duplicates without comparing all.

Hashes are stable across processes and machines (CRC-32 of shingles, a fixed-seed hash family), because band keys
and signatures are stored in the database and compared with those of articles ingested months later.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np
import numpy.typing as npt

#: Words per shingle: 3 survives small edits (a changed word spoils 3 shingles) yet two articles on one topic
#: share few 3-grams.
SHINGLE_WORDS = 3
NUM_PERM = 192
#: 64 bands of 3 rows: an article with Jaccard 0.5 to a stored one is a candidate with probability 0.9997, 0.35
#: (a truncated copy) 0.94, 0.1 (same topic) 0.06, 0.02 (unrelated) 0.0005 — few candidates to verify, however
#: large the store.
BANDS = 64
ROWS = 3

_WORD = re.compile(r"\w+", re.UNICODE)
_rng = np.random.default_rng(20240619)
_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)).astype(np.uint64)
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64).astype(np.uint64)

Signature = npt.NDArray[np.uint32]


def words(text: str) -> list[str]:
    """Lower-cased, accent-folded word tokens."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def shingles(text: str, k: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """CRC-32 of each word ``k``-gram (the whole text as one shingle when it is shorter)."""
    toks = words(text)
    if len(toks) <= k:
        grams = [" ".join(toks)] if toks else []
    else:
        grams = [" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)]
    return np.fromiter({zlib.crc32(g.encode("utf-8")) for g in grams}, dtype=np.uint64)


def signature(text: str) -> tuple[Signature, int]:
    """The ``NUM_PERM`` MinHash values of the text's shingles (multiply-shift hashing), and how many shingles."""
    values = shingles(text)
    if values.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32), 0
    with np.errstate(over="ignore"):  # wrapping multiplication is the hash
        hashed = (values[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return hashed.min(axis=0).astype(np.uint32), int(values.size)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller set inside the larger, from their Jaccard similarity and sizes."""
    small = min(size_a, size_b)
    if small <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / (1.0 + jaccard) / small)


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per band (the band number is hashed in, so one indexed column holds them all)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def to_blob(sig: Signature) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> Signature:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
