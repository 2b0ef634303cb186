"""Train the small static word vectors the joint model reads, from the unlabelled text of the train splits.

    python training/vectors.py        # after convert.py; writes training/output/vectors (a spaCy vectors pipeline)

The text is ``training/corpus/pretrain.jsonl`` (train splits only, never dev/test, plus PFSA-ID's Kompas words),
lower-cased for training because a third of it (NERP) is lower-cased. floret trains skipgram vectors with subwords
(one thread: fastText is deterministic only single-threaded); every word of the text then gets its vector, subwords
included, in a plain spaCy table (one lookup per token at run time; floret's hashed-ngram mode costs ~14 µs per
token, a seventh of the speed budget). Unknown words get no vector and rely on the hash embeddings as before.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: floret settings; bucket x dim only sizes the training model, the shipped table is words x dim
SETTINGS: dict[str, str | int] = {
    "model": "skipgram",
    "mode": "floret",
    "hashCount": 2,
    "bucket": 25000,
    "minn": 3,
    "maxn": 5,
    "dim": 64,
    "epoch": 10,
    "minCount": 2,
    "thread": 1,
    "verbose": 0,
}


def read_text(pretrain: Path, out: Path) -> Counter[str]:
    """Write the text lower-cased, one paragraph per line, for floret; return the counts of its surface forms."""
    forms: Counter[str] = Counter()
    with pretrain.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            text = json.loads(line)["text"]
            forms.update(text.split())
            dst.write(text.lower() + "\n")
    return forms


def build(pretrain: Path, out: Path) -> int:
    """Train the vectors and write them as a spaCy vectors pipeline to ``out``; returns the number of rows.

    One row per lower-cased word; every surface form of the text (``Jokowi``, ``JOKOWI``) is a key to its
    lower-cased word's row. spaCy looks plain vector tables up by ``ORTH`` (its ``--attr LOWER`` applies to floret
    tables only), so without those keys a capitalised name would find no vector at all.
    """
    import floret
    import numpy
    import spacy
    from spacy.vectors import Vectors

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "text.txt"
        forms = read_text(pretrain, text)
        model = floret.train_unsupervised(str(text), **SETTINGS)
        lower: Counter[str] = Counter()
        for form, n in forms.items():
            lower[form.lower()] += n
        words = sorted(lower, key=lambda w: (-lower[w], w))
        data = numpy.asarray([model.get_word_vector(w) for w in words], dtype="float32")
    nlp = spacy.blank("id")
    table = Vectors(strings=nlp.vocab.strings, data=data, keys=words)
    row = {w: i for i, w in enumerate(words)}
    for form in sorted(forms):
        if form != form.lower():
            table.add(form, row=row[form.lower()])
    nlp.vocab.vectors = table
    nlp.to_disk(out)
    return len(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--text", type=Path, default=HERE / "corpus" / "pretrain.jsonl")
    parser.add_argument("--out", type=Path, default=HERE / "output" / "vectors")
    args = parser.parse_args()
    print(f"{build(args.text, args.out)} word vectors → {args.out}")


if __name__ == "__main__":
    main()
