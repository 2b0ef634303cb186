"""Indonesian lemmas: a dictionary-checked affix stripper (in the spirit of Nazief–Adriani / ECS stemming).

A word is reduced to its root only when the root is in the pipeline's root list (gold lemmas of UD Indonesian
treebanks, compiled at training time), so unknown words and names are left as they are rather than mangled:
``dituduh`` → ``tuduh``, ``menandatangani`` → ``tanda tangan``, ``pertanian`` → ``tani``.

The spaCy component ``warta_lemmatizer`` sets ``token.lemma_``; importing this module registers it (``load_nlp``
does so before loading the pipeline).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import numpy
from spacy import symbols
from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from thinc.types import Ints2d

#: Roots written as two words although the treebanks glue them (``tandatangan``).
COMPOUNDS: dict[str, str] = {
    "tandatangan": "tanda tangan",
    "tanggungjawab": "tanggung jawab",
    "kerjasama": "kerja sama",
    "bertanggungjawab": "tanggung jawab",
    "pertanggungjawaban": "tanggung jawab",
    "beritahu": "beri tahu",
    "terimakasih": "terima kasih",
}

#: Clitic and short pronoun forms and their lemma (UD: ``nya`` → ``dia``).
PRONOUNS: dict[str, str] = {"ku": "aku", "mu": "kamu"}

#: Parts of speech whose treebank lemmas are whole words, never reduced further (adalah, sebagai, telah…).
CLOSED_CLASS = frozenset({"ADP", "AUX", "SCONJ", "CCONJ", "DET", "PRON", "PART", "ADV"})

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_DERIVATIONAL = ("kan", "an", "i")
_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")

#: Names lemmatise to their lower-cased form; numbers, punctuation, symbols and foreign words to themselves.
_PROPN = int(symbols.PROPN)
_AS_WRITTEN = frozenset(int(p) for p in (symbols.NUM, symbols.PUNCT, symbols.SYM, symbols.X))


def _strip_suffixes(word: str) -> Iterator[tuple[str, str]]:
    """(stem, derivational suffix removed) candidates, the least stripped first."""
    stems = [word]
    for p in _PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 3:
            stems.append(word[: -len(p)])
    for s in list(stems):
        for p in _POSSESSIVES:
            if s.endswith(p) and len(s) - len(p) >= 3:
                stems.append(s[: -len(p)])
    for s in stems:
        yield s, ""
        for d in _DERIVATIONAL:
            if s.endswith(d) and len(s) - len(d) >= 3:
                # -kan over -an: "kan" is tried first, and "-an" of "...kan" would leave a stray k
                yield s[: -len(d)], d


def _strip_prefix(word: str) -> Iterator[str]:
    """Words left after removing one derivational prefix (with the nasal's recoding for meN-/peN-)."""
    v = "aeiou"
    for plain in ("di", "ke", "se"):
        if word.startswith(plain) and len(word) > len(plain) + 2:
            yield word[len(plain) :]
    for ter in ("ter", "ber", "per"):
        if word.startswith(ter) and len(word) > 5:
            yield word[3:]
            if ter != "ter" and word[3:4] == "r":
                pass
    if word.startswith(("be", "te", "pe")) and word[2:3] == "r" and word[3:4] in v:
        yield word[2:]  # ber-ajar → r-ajar? no: be-rajin; keeps r-initial roots (berenang → renang)
    if word.startswith(("bel", "pel")) and len(word) > 5:
        yield word[3:]  # belajar → ajar
    if word.startswith(("be", "pe", "me", "te")) and len(word) > 4 and word[2:3] not in v:
        rest = word[2:]
        if word[:2] in ("me", "pe"):
            if rest.startswith("ny") and rest[2:3] in v:
                yield "s" + rest[2:]  # menyerang → serang
            elif rest.startswith("ng"):
                yield rest[2:]  # mengambil → ambil; mengganti → ganti
                if rest[2:3] in v:
                    yield "k" + rest[2:]  # mengirim → kirim
                if rest.startswith("nge"):
                    yield rest[3:]  # mengecat → cat
            elif rest.startswith("m"):
                if rest[1:2] in v:
                    yield "p" + rest[1:]  # memukul → pukul
                    yield rest[1:]
                    yield rest  # memakan? no: memasak → masak
                else:
                    yield rest[1:]  # membawa → bawa
            elif rest.startswith("n"):
                if rest[1:2] in v:
                    yield "t" + rest[1:]  # menulis → tulis
                    yield rest  # menanti → nanti
                else:
                    yield rest[1:]  # mendengar → dengar; menjual → jual
            else:
                yield rest  # melihat → lihat; merasa → rasa
        else:
            yield rest  # bekerja → kerja; tertawa
    if word.startswith(("me", "pe")) and word[2:3] in "lrwy":
        yield word[2:]


@functools.lru_cache(maxsize=65536)
def _candidates(word: str) -> tuple[str, ...]:
    """Possible roots of ``word``, fewest prefixes removed first (so ``memberikan`` finds ``beri`` before ``ikan``)."""
    ranked: list[tuple[int, int, str]] = []
    for order, (stem, _suffix) in enumerate(_strip_suffixes(word)):
        ranked.append((0, order, stem))
        frontier = [stem]
        for depth in range(1, 4):  # at most three prefixes: di-per-, mem-per-, ke-ber-
            frontier = [p for f in frontier for p in _strip_prefix(f) if len(p) >= 3]
            ranked.extend((depth, order, p) for p in frontier)
            if not frontier:
                break
    ranked.sort(key=lambda r: (r[0], r[1]))
    return tuple(dict.fromkeys(r[2] for r in ranked))


def clean_roots(lemmas: Iterable[str], protected: Iterable[str] = ()) -> set[str]:
    """Drop "roots" that are themselves affixed forms of another root (treebank lemmas are not always bare).

    ``protected`` words (function words) are kept as they are.
    """
    roots = {w for w in lemmas if len(w) >= 2}
    keep = set(protected)
    return {w for w in roots if w in keep or not any(c in roots for c in _candidates(w)[1:])} | keep


def lemmatize(word: str, roots: frozenset[str] | set[str]) -> str:
    """The lemma of ``word``: its lower-cased root when the root list knows one, else the word lower-cased."""
    low = word.lower()
    if low in PRONOUNS:
        return PRONOUNS[low]
    if low in roots or not _WORD.match(low):
        return COMPOUNDS.get(low, low)
    if "-" in low:  # reduplication: anak-anak → anak; berbagai-bagai stays
        head, _, tail = low.partition("-")
        if tail.startswith(head) or head == tail:
            return lemmatize(head, roots)
        return low
    if len(low) <= 3:
        return low
    for cand in _candidates(low)[1:]:
        if cand in roots:
            return COMPOUNDS.get(cand, cand)
    return low


class RootLemmatizer:
    """spaCy component: ``token.lemma_`` from :func:`lemmatize`; names and numbers keep their form."""

    def __init__(self, nlp: Language, name: str = "warta_lemmatizer", roots: Iterable[str] = ()) -> None:
        self.name = name
        self.roots: frozenset[str] = frozenset(roots)
        self._cache: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        # Whole-array work instead of a Token object per word: this component ran at ~6 us/word, about 6% of the
        # pipeline, most of it in creating Tokens and setting ``lemma_`` one by one.
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        cache = self._cache
        in_doc: dict[int, int] = {}  # ORTH → LEMMA hash, added to this doc's StringStore once per distinct word
        lemmas = numpy.empty((len(doc), 1), dtype="uint64")
        for i, (orth, lower, pos) in enumerate(doc.to_array([ORTH, LOWER, POS]).tolist()):
            if pos == _PROPN:
                lemmas[i, 0] = lower
            elif pos in _AS_WRITTEN:
                lemmas[i, 0] = orth
            else:
                lemma_id = in_doc.get(orth)
                if lemma_id is None:
                    lemma = cache.get(orth)  # keyed by the ORTH hash, which is the same in every StringStore
                    if lemma is None:
                        lemma = lemmatize(strings[orth], self.roots)
                        if len(cache) < 200_000:
                            cache[orth] = lemma
                    lemma_id = in_doc[orth] = strings.add(lemma)
                lemmas[i, 0] = lemma_id
        doc.from_array([LEMMA], cast(Ints2d, lemmas))
        return doc

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        """Lemma accuracy against gold lemmas (tokens without a gold lemma are skipped)."""
        scores: dict[str, Any] = Scorer.score_token_attr(examples, "lemma", **kwargs)
        return scores

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "roots.json").write_text(json.dumps(sorted(self.roots), ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RootLemmatizer:
        self.roots = frozenset(json.loads((Path(path) / "roots.json").read_text(encoding="utf-8")))
        self._cache = {}
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(sorted(self.roots), ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RootLemmatizer:
        self.roots = frozenset(json.loads(data.decode("utf-8")))
        self._cache = {}
        return self


@Language.factory("warta_lemmatizer", assigns=["token.lemma"], requires=["token.pos"])
def make_root_lemmatizer(nlp: Language, name: str) -> RootLemmatizer:
    return RootLemmatizer(nlp, name)


def roots_from_conllu(paths: Iterable[Path]) -> set[str]:
    """Gold lemmas (lower-cased, alphabetic) from CoNLL-U files: the root list the lemmatizer checks against."""
    roots: set[str] = set()
    protected: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit() and cols[3] not in ("PROPN", "NUM", "PUNCT", "SYM", "X"):
                lemma = cols[2].lower()
                if _WORD.match(lemma) and lemma != "_":
                    roots.add(lemma)
                    if cols[3] in CLOSED_CLASS and lemma == cols[1].lower():
                        protected.add(lemma)
    return clean_roots(roots, protected)
