"""Tokenizer fixes for Indonesian news text, applied on top of spaCy's ``id`` tokenizer.

The shipped pipeline's config names the factory ``warta.news_tokenizer.v1``, registered when this module is
imported (``warta.nlp.model_loader.load_nlp`` does so); its rules and patterns are also stored in the pipeline.

Clitics (``-nya``, ``-ku``, ``-mu``, ``-lah``, ``-kah``) are *not* split: the parser is trained on UD Indonesian
GSD in the legacy r2.1 annotation, which keeps them attached.
"""

from __future__ import annotations

import re
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
        return doc


@Language.factory("warta_newlines", assigns=["token.is_sent_start"])
def make_newline_sentences(nlp: Language, name: str) -> NewlineSentences:
    return NewlineSentences(name)


class EntityTrim:
    """spaCy component after ``ner``: entities never include whitespace tokens (split at line breaks, trim edges)."""

    def __init__(self, name: str = "warta_entity_trim") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not any(t.is_space for ent in doc.ents for t in ent):
            return doc
        ents: list[Span] = []
        for ent in doc.ents:
            start = ent.start
            for i in range(ent.start, ent.end + 1):
                if i == ent.end or doc[i].is_space:
                    if i > start:
                        ents.append(Span(doc, start, i, label=ent.label_, kb_id=ent.kb_id_))
                    start = i + 1
        doc.ents = ents
        return doc


@Language.factory("warta_entity_trim", assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_trim(nlp: Language, name: str) -> EntityTrim:
    return EntityTrim(name)
