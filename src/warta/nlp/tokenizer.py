"""Tokenizer fixes for Indonesian news text, applied on top of spaCy's ``id`` tokenizer.

The shipped pipeline's config names the factory ``warta.news_tokenizer.v1``, registered when this module is
imported (``warta.nlp.model_loader.load_nlp`` does so); its rules and patterns are also stored in the pipeline.

Clitics (``-nya``, ``-ku``, ``-mu``, ``-lah``, ``-kah``) are *not* split: the parser is trained on UD Indonesian
GSD in the legacy r2.1 annotation, which keeps them attached.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.attrs import ORTH
from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

#: Abbreviations that end in a period but do not end a sentence (spaCy's ``id`` list lacks these).
ABBREVIATIONS: tuple[str, ...] = (
    "Jl.", "Jln.", "Gg.", "Kab.", "Kec.", "Kel.", "Kel.", "Ds.", "Prov.", "Tbk.", "Ir.", "Sdr.", "Sdri.", "Bpk.",
    "Bp.", "Ibu.", "Ny.", "Nn.", "Tn.", "Kol.", "Jend.", "Letjen.", "Mayjen.", "Brigjen.", "Laksma.", "Kapt.",
    "Serka.", "Ipda.", "Iptu.", "Aiptu.", "Bripka.", "Kompol.", "Yth.", "yth.", "tgl.", "Tgl.", "sbg.",
    "Rp.", "Co.", "Inc.", "Ltd.", "Corp.", "Jr.", "Sr.", "Mr.", "Mrs.", "Ms.", "Ph.D.", "S.Pd.", "S.Kom.", "S.E.",
    "M.M.", "M.Hum.", "M.Pd.", "M.T.", "M.Kes.", "Ust.", "KH.", "Hlm.", "hlm.", "Apr.", "Agt.", "Ags.",
    "Sept.", "Okt.", "Nov.", "Des.", "Jan.", "Feb.", "Mar.", "Jun.", "Jul.",
)  # fmt: skip

# Whole tokens that must not be split: dates and reduplicated words.
TOKEN_MATCH = re.compile(
    r"^(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?"  # dates: 12/06/2024, (8/6)
    r"|[^\W\d_]*(?P<base>[^\W\d_]{2,})-(?i:(?P=base))[^\W\d_]*"  # reduplication: buku-bukunya, bermalas-malas
    r")$"
)

EMOTICON_DIGIT = re.compile(r"^(?:\d-?[()]|[()]-?\d)$")

# An opening parenthesis glued to the previous word: "Agresi(KCNA)", "Lee.(BBC)".
EXTRA_INFIXES: tuple[str, ...] = (r"(?<=[\w.,])\((?=\w)", r"(?<=\w)\)(?=\w)")


def news_rules() -> dict[str, list[dict[int, str]]]:
    """Special cases: spaCy's ``id`` exceptions without its ~15,600 hyphenated words, plus news abbreviations.

    The hyphenated list (mostly reduplications) made loading take seconds; :data:`TOKEN_MATCH` keeps
    reduplications whole instead.
    """
    rules: dict[str, list[dict[int, str]]] = {
        k: v
        for k, v in Indonesian.Defaults.tokenizer_exceptions.items()
        if "-" not in k and not EMOTICON_DIGIT.match(k)
    }
    for abbr in ABBREVIATIONS:
        rules[abbr] = [{ORTH: abbr}]
    return rules


def news_infixes() -> list[str]:
    """spaCy's ``id`` infixes, minus letter-hyphen-digit splits (COVID-19, P-5, F-16 stay whole), plus glued parens."""
    keep = [p for p in Indonesian.Defaults.infixes if not p.endswith("-(?=[0-9])") and not p.startswith("(?<=[0-9])-")]
    return [*keep, *EXTRA_INFIXES]


def create_news_tokenizer() -> Any:
    """The tokenizer factory named in the shipped pipeline's config (importing this module registers it)."""

    def make(nlp: Any) -> Tokenizer:
        defaults = Indonesian.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=news_rules(),
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(news_infixes()).finditer,
            token_match=TOKEN_MATCH.match,
            url_match=defaults.url_match,
        )

    return make


registry.tokenizers.register("warta.news_tokenizer.v1", func=create_news_tokenizer)


def customize_tokenizer(nlp: Any) -> None:
    """Give ``nlp`` (a spaCy ``Language``) Warta's news tokenizer, and name its factory in ``nlp.config``."""
    nlp.tokenizer = create_news_tokenizer()(nlp)
    nlp.config["nlp"]["tokenizer"] = {"@tokenizers": "warta.news_tokenizer.v1"}


class NewlineSentences:
    """spaCy component: a line break starts a sentence (headlines, captions and credits have no final period).

    Placed before the parser and NER, which respect boundaries that are already set; other tokens are left
    undecided so the parser still finds the boundaries inside a paragraph.
    """

    def __init__(self, name: str = "warta_newlines") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
                if token.i:  # the break itself ends the previous sentence, never starts an empty one
                    token.is_sent_start = False
        return doc


@Language.factory("warta_newlines", assigns=["token.is_sent_start"])
def make_newline_sentences(nlp: Language, name: str) -> NewlineSentences:
    return NewlineSentences(name)


#: Indonesian day names (``Jumat`` also spelt ``Jum'at``)
_WEEKDAYS = frozenset({"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu"})


class EntityTrim:
    """spaCy component after ``ner``: clean entity spans the statistical model gets wrong on raw article text.

    - Entities never include whitespace tokens: they are split at line breaks and trimmed.
    - In text that uses capitals, an entity with no capitalised word ("think" of "think tank") is dropped.
    - In headline-style sentences (most words Capitalised) the NER reads every capitalised word as a name; there an
      entity is cut before the first *common word* (a word the training text writes in lower case far more often
      than inside names: ``Sepakat``, ``Saling``, ``Melawan``), so "Kim Jong Un Sepakat Saling Bantu" → "Kim Jong Un".
    - A trailing day name is cut: news attributes with the day right after the name (``kata Amanda Vanstone Selasa``),
      and the NER reads the capitalised day as part of the name.
    """

    def __init__(self, name: str = "warta_entity_trim", common: Iterable[str] = ()) -> None:
        self.name = name
        self.common: frozenset[str] = frozenset(common)

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        changed = False
        cased: bool | None = None  # looked at only when an entity has no capitalised word, which is rare
        headlines = _Headlines(doc)
        for ent in doc.ents:
            if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in ent):
                if cased is None:
                    cased = _is_cased(doc)
                if cased:
                    changed = True  # "think" (tank) in cased text: names are capitalised there
                    continue
            pieces = self._split(doc, ent, headlines)
            changed = changed or pieces != [(ent.start, ent.end)]
            ents.extend(Span(doc, a, b, label=ent.label_, kb_id=ent.kb_id_) for a, b in pieces)
        if changed:
            doc.ents = ents
        return doc

    def _split(self, doc: Doc, ent: Span, headlines: _Headlines) -> list[tuple[int, int]]:
        pieces: list[tuple[int, int]] = []
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or doc[i].is_space:
                end = i
                while end - start > 1 and doc[end - 1].text in _WEEKDAYS:
                    end -= 1
                if end > start:
                    pieces.append((start, end))
                start = i + 1
        if not self.common or not pieces or not headlines.holds(ent.start):
            return pieces
        cut: list[tuple[int, int]] = []
        for a, b in pieces:
            end = next((i for i in range(a + 1, b) if doc[i].text.lower() in self.common), b)
            if doc[a].text.lower() not in self.common:
                cut.append((a, end))
        return cut

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "common.json").write_text(json.dumps(sorted(self.common), ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityTrim:
        file = Path(path) / "common.json"
        self.common = frozenset(json.loads(file.read_text(encoding="utf-8"))) if file.exists() else frozenset()
        return self


class _Headlines:
    """Whether the sentence holding a token is headline-style, each sentence judged once per doc.

    Sentence bounds are found once: ``doc.has_annotation`` and ``Span.sent`` each walk the doc, and calling them
    for every entity made the trim cost grow with entities × doc length.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = []
        self.verdicts: dict[int, bool] = {}

    def holds(self, i: int) -> bool:
        if not self.starts:
            has_sents = self.doc.has_annotation("SENT_START")
            self.starts = [s.start for s in self.doc.sents] if has_sents else [0]
        k = bisect.bisect_right(self.starts, i) - 1
        if k not in self.verdicts:
            end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.doc)
            self.verdicts[k] = _is_headline(self.doc[self.starts[k] : end])
        return self.verdicts[k]


def _is_headline(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _is_cased(doc: Doc) -> bool:
    """Whether the text uses capitals at all (lower-cased text keeps the model's lower-case entities)."""
    words = [t for t in doc if t.is_alpha]
    return bool(words) and sum(not t.is_lower for t in words) >= 0.03 * len(words)


def common_words(docs: Iterable[Doc], min_count: int = 2) -> set[str]:
    """Words written in lower case in running text far more often than inside gold entities (cased corpora)."""
    lower: dict[str, int] = {}
    in_ent: dict[str, int] = {}
    for doc in docs:
        ent_tokens = {t.i for e in doc.ents for t in e}
        for t in doc:
            if not t.is_alpha:
                continue
            key = t.text.lower()
            if t.i in ent_tokens:
                in_ent[key] = in_ent.get(key, 0) + 1
            elif t.text.islower():
                lower[key] = lower.get(key, 0) + 1
    return {w for w, n in lower.items() if n >= min_count and in_ent.get(w, 0) * 4 < n}


@Language.factory("warta_entity_trim", assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_trim(nlp: Language, name: str) -> EntityTrim:
    return EntityTrim(name)
