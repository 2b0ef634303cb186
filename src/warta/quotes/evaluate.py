"""Evaluate quote extraction on PFSA-ID (Kompas news, one token and BILOU label per line).

    python -m warta.quotes.evaluate ../shared/data/quotes/pfsa-id/dev-40.txt

Articles are rebuilt from their tokens (joined by spaces; a statement may cross sentence breaks, so the unit is
the article, which begins at ``CITY , KOMPAS —``). Even-numbered articles are the *development* half the rules
were tuned on, odd-numbered ones the *held-out* half. PFSA-ID annotates direct quotations only (``STATEMENT``,
marks included), so reported speech is left out of the comparison. Measures:

- statement P/R/F1, *overlap* (a prediction and a gold span sharing any character match, one to one) and
  *exact* (equal once quotation marks, spaces and edge commas/full stops are stripped);
- speaker accuracy over overlap-matched statements whose gold attribution names someone (``PERSON`` or
  ``PERSONCOREF`` next to the statement's cue); a prediction is right when its role holds the gold words
  (``Presiden``), or its name holds no word outside the gold mention and the full names the article's gold
  ``PERSON`` spans give it, and one holds the other — ``katanya`` has no gold speaker and is not scored;
- cue P/R/F1 over the cues of direct quotes (``CUE`` and ``CUECOREF``), matched by overlap.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from warta.quotes.attribute import find_candidates, resolve

_QUOTE_CHARS = "\"“”„«»‘’'"
_EDGE = _QUOTE_CHARS + " ,.\n"


@dataclass(slots=True)
class GoldArticle:
    """One PFSA-ID article: its text and the labelled spans in it."""

    text: str
    statements: list[tuple[int, int]] = field(default_factory=list)
    cues: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)  # per statement
    persons: list[str] = field(default_factory=list)  # every PERSON span: the full names a short one may expand to


@dataclass(slots=True)
class Scores:
    """Counts and the measures derived from them."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    overlap_tp: int = 0
    exact_tp: int = 0
    cue_gold: int = 0
    cue_predicted: int = 0
    cue_tp: int = 0
    speaker_scored: int = 0
    speaker_correct: int = 0

    def measures(self) -> dict[str, float]:
        return {
            "statement_f1_overlap": _f1(self.overlap_tp, self.predicted, self.gold),
            "statement_p_overlap": _ratio(self.overlap_tp, self.predicted),
            "statement_r_overlap": _ratio(self.overlap_tp, self.gold),
            "statement_f1_exact": _f1(self.exact_tp, self.predicted, self.gold),
            "speaker_accuracy": _ratio(self.speaker_correct, self.speaker_scored),
            "cue_f1": _f1(self.cue_tp, self.cue_predicted, self.cue_gold),
        }

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), **{k: round(v, 4) for k, v in self.measures().items()}}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(tp: int, predicted: int, gold: int) -> float:
    p, r = _ratio(tp, predicted), _ratio(tp, gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def _articles(rows: list[list[str]]) -> list[list[list[str]]]:
    """Split token rows into articles at each ``CITY , KOMPAS —`` opening (back to the sentence break before)."""
    out: list[list[list[str]]] = []
    current: list[list[str]] = []
    for i, row in enumerate(rows):
        opening = row[0] == "KOMPAS" and 0 < i < len(rows) - 1 and rows[i - 1][0] == "," and rows[i + 1][0] in "—–-"
        if opening:
            cut = len(current)
            while cut > 0 and current[cut - 1] != [""]:
                cut -= 1
            if any(r != [""] for r in current[:cut]):
                out.append(current[:cut])
            current = current[cut:]
        current.append(row)
    if any(r != [""] for r in current):
        out.append(current)
    return out


def read_pfsa(path: str | Path) -> list[GoldArticle]:
    """Articles of a PFSA-ID file, with statements, cues and each statement's gold speaker."""
    rows = [line.rstrip("\n").split("\t") for line in Path(path).read_text(encoding="utf-8").splitlines()]
    return [_gold(article) for article in _articles(rows)]


def _gold(rows: list[list[str]]) -> GoldArticle:
    text_parts: list[str] = []
    spans: list[tuple[str, int, int, int]] = []  # label, start, end, index of first token
    toks: list[tuple[str, int, int]] = []
    pos = 0
    open_label: tuple[str, int, int] | None = None
    for row in rows:
        if len(row) < 2 or not row[0]:
            continue
        word, tag = row[0], row[1]
        start = pos
        text_parts.append(word)
        pos += len(word) + 1
        toks.append((word, start, start + len(word)))
        prefix, _, label = tag.partition("-")
        if prefix in ("B", "U"):
            open_label = (label, start, len(toks) - 1)
        if prefix in ("L", "U") and open_label and open_label[0] == label:
            spans.append((label, open_label[1], start + len(word), open_label[2]))
            open_label = None
    gold = GoldArticle(" ".join(text_parts))
    statements = sorted((s, e) for lab, s, e, _ in spans if lab == "STATEMENT")
    cues = sorted((s, e) for lab, s, e, _ in spans if lab in ("CUE", "CUECOREF"))
    explicit = {(s, e) for lab, s, e, _ in spans if lab == "CUE"}
    names = sorted((s, e) for lab, s, e, _ in spans if lab in ("PERSON", "PERSONCOREF"))
    gold.statements, gold.cues = statements, cues
    gold.persons = [gold.text[s:e] for lab, s, e, _ in spans if lab == "PERSON"]
    gold.speakers = [_gold_speaker(gold.text, st, cues, explicit, names) for st in statements]
    return gold


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(" . ", 0, start), text.rfind(" ? ", 0, start), text.rfind(" ! ", 0, start))
    right = text.find(" . ", end)
    return (left + 3 if left >= 0 else 0), (right if right >= 0 else len(text))


def _gold_speaker(
    text: str,
    statement: tuple[int, int],
    cues: list[tuple[int, int]],
    explicit: set[tuple[int, int]],
    names: list[tuple[int, int]],
) -> str | None:
    """The name next to the statement's own cue: after it (``" … " kata X``) or before it (``X mengatakan , "``)."""
    s, e = statement
    _, right = _sentence_bounds(text, e, e)
    after = [c for c in cues if e <= c[0] <= e + 4]
    if after:
        if after[0] not in explicit:
            return None  # katanya / ujarnya: PFSA-ID does not say who
        found = [n for n in names if after[0][1] <= n[0] < right]
        return text[found[0][0] : found[0][1]] if found else None
    left, _ = _sentence_bounds(text, s, s)
    before = [c for c in cues if left <= c[0] < s and c in explicit]
    if before:
        found = [n for n in names if left <= n[0] < before[-1][0]]
        return text[found[-1][0] : found[-1][1]] if found else None
    return None


def _norm(text: str) -> str:
    return " ".join(text.strip(_EDGE).split())


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _words(text: str | None) -> set[str]:
    return {w.casefold().strip(".,") for w in (text or "").split()} - {""}


def speaker_matches(gold: str, name: str | None, role: str | None, persons: Sequence[str] = ()) -> bool:
    """Whether a predicted speaker (name, role) is the gold one (see the module docstring)."""
    g, n = _words(gold), _words(name)
    if not g:
        return False
    if g <= _words(role):  # gold "Presiden", predicted Joko Widodo with role Presiden
        return True
    # the predicted name may be the gold mention completed to a full name the article gives ("Abdian Saputra")
    allowed = g.union(*(_words(p) for p in persons if g <= _words(p)))
    return bool(n) and n <= allowed and (g <= n or n <= g)


def score_article(gold: GoldArticle, scores: Scores) -> None:
    """Run the extractor on one article and add its counts to ``scores``."""
    candidates = find_candidates(gold.text, [])
    quotes = resolve(gold.text, [], candidates)
    direct = [(c, q) for c, q in zip(candidates, quotes, strict=True) if c.direct]
    scores.articles += 1
    scores.gold += len(gold.statements)
    scores.predicted += len(direct)
    used: set[int] = set()
    gold_norm = [_norm(gold.text[s:e]) for s, e in gold.statements]
    for cand, quote in direct:
        hit = next(
            (i for i, g in enumerate(gold.statements) if i not in used and _overlaps((cand.start, cand.end), g)), None
        )
        if hit is None:
            continue
        used.add(hit)
        scores.overlap_tp += 1
        scores.exact_tp += _norm(quote.text) == gold_norm[hit]
        want = gold.speakers[hit]
        if want is not None:
            scores.speaker_scored += 1
            sp = quote.speaker
            scores.speaker_correct += sp is not None and speaker_matches(want, sp.text, sp.role, gold.persons)
    pred_cues = [(c.cue_start, c.cue_end) for c, _ in direct if c.cue_start is not None and c.cue_end is not None]
    scores.cue_gold += len(gold.cues)
    scores.cue_predicted += len(pred_cues)
    taken: set[int] = set()
    for pc in pred_cues:
        hit = next((i for i, g in enumerate(gold.cues) if i not in taken and _overlaps(pc, g)), None)
        if hit is not None:
            taken.add(hit)
            scores.cue_tp += 1


def evaluate(articles: Iterable[GoldArticle]) -> Scores:
    """Scores over ``articles``."""
    scores = Scores()
    for gold in articles:
        score_article(gold, scores)
    return scores


def split(articles: Sequence[GoldArticle]) -> dict[str, list[GoldArticle]]:
    """The fixed development (even-numbered) and held-out (odd-numbered) halves."""
    return {"dev": list(articles[0::2]), "held_out": list(articles[1::2])}


def main(argv: list[str] | None = None) -> int:
    """Command line: print the scores of each half (and both) as a table or JSON."""
    parser = argparse.ArgumentParser(prog="python -m warta.quotes.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("path", help="a PFSA-ID file (token<TAB>BILOU per line)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    articles = read_pfsa(args.path)[: args.limit]
    halves = split(articles)
    report = {name: evaluate(part).to_dict() for name, part in [*halves.items(), ("all", articles)]}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    keys = ["articles", "gold", "predicted", *Scores().measures()]
    print(f"{'':28}" + "".join(f"{name:>10}" for name in report))
    for key in keys:
        print(f"{key:28}" + "".join(f"{report[name][key]:>10}" for name in report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
