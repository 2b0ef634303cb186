"""Generated inputs for runner tests: folders of JSON Lines shards with a few bad lines."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

PLACES = ["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Denpasar", "Palu", "Semarang"]
SYLLABLES = [c + v for c in "bdklmnrst" for v in "aeiou"]
LEADERS = ["Presiden Rusia Vladimir Putin", "Menteri Luar Negeri Jepang", "Presiden Prabowo Subianto", "Kim Jong Un"]


def write_shards(folder: Path, shards: int, docs: int, bad_every: int = 7) -> Path:
    """``shards`` JSON Lines files of ``docs`` distinct articles each; every ``bad_every``-th line is not JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for s in range(shards):
        lines = []
        for _ in range(docs):
            n += 1
            if n % bad_every == 0:
                lines.append("not json {")
                continue
            place, leader = PLACES[n % len(PLACES)], LEADERS[n % len(LEADERS)]
            rng = random.Random(n)  # distinct texts: near-duplicates would be folded into one story copy
            words = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(60))
            text = (
                f"{leader} bertemu dengan pejabat Korea Selatan di {place} pada Senin ({n}). {words.capitalize()}. "
                f'"Kami akan membantu," ujar {leader.split()[-1]}.'
            )
            lines.append(json.dumps({"id": f"doc-{n}", "title": f"Berita {n} dari {place}", "text": text}))
        (folder / f"shard-{s:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture()
def make_shards() -> Callable[..., Path]:
    return write_shards
