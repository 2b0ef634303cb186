"""Exact-match entity scores of a pipeline against gold Docs, under two tokenisations.

- ``gold_tokens``: the pipeline runs on the gold words (its tokenizer is skipped). This is how IndoNLU and IndoLEM
  score NER (seqeval over the corpus's tokens), so it is the protocol to compare with their numbers.
- ``raw_text``: the pipeline tokenises the raw sentence itself, as Warta does on real pages; a predicted entity
  counts only when its character span and label equal a gold one.

Both are strict. spaCy's own ``Language.evaluate`` on re-tokenised text is not: it projects predicted entities onto
the gold tokens, so a boundary error inside a gold token counts as a hit (``Jokowi`` becomes the gold token
``(Jokowi)``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

PROTOCOLS = ("gold_tokens", "raw_text")

_Span = tuple[int, int, str]


def _spans(doc: Doc) -> set[_Span]:
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents}


def _inputs(nlp: Language, gold: list[Doc], protocol: str) -> Iterable[str | Doc]:
    if protocol == "raw_text":
        return (doc.text for doc in gold)
    if protocol == "gold_tokens":
        return (Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]) for doc in gold)
    raise ValueError(f"unknown protocol {protocol!r}; expected one of {PROTOCOLS}")


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (``p``, ``r``, ``f``, unrounded fractions) from counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def entity_scores(
    nlp: Language, gold: list[Doc], protocol: str = "gold_tokens", batch_size: int = 64
) -> dict[str, Any]:
    """Micro P/R/F1 (``p``, ``r``, ``f``, fractions) and ``per_type`` of ``nlp``'s entities on ``gold``."""
    counts: dict[str, Counter[str]] = {}
    predicted = nlp.pipe(_inputs(nlp, gold, protocol), batch_size=batch_size)
    for want_doc, got_doc in zip(gold, predicted, strict=True):
        want, got = _spans(want_doc), _spans(got_doc)
        for kind, spans in (("tp", want & got), ("fp", got - want), ("fn", want - got)):
            for _, _, label in spans:
                for key in ("ALL", label):
                    counts.setdefault(key, Counter())[kind] += 1
    total = counts.pop("ALL", Counter())
    out: dict[str, Any] = prf(total["tp"], total["fp"], total["fn"])
    out["per_type"] = {label: prf(c["tp"], c["fp"], c["fn"]) for label, c in sorted(counts.items())}
    return out
