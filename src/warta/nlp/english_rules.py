"""The English pipeline's two rule components, run faster with the same output.

``en_core_web_sm`` ends its syntax with an ``attribute_ruler`` (179 token patterns mapping tags to POS and
morphology, run through spaCy's ``Matcher``) and a rule ``lemmatizer``; on news pages they cost about 30% of the
English pipeline, more than its parser. Both are rules over one token at a time, so :class:`FastRules` applies them
with lookups instead:

- the ruler's single-token patterns are indexed by the tag (or lower-case form) they require and checked per token;
  any pattern it cannot read (several tokens, operators, other attributes) stays with a ``Matcher`` of its own. The
  matches go, sorted as the ruler sorts them, to the ruler's own ``set_annotations``;
- the lemmatizer's ``rule_lemmatize`` is asked once per (form, POS, morphology), the key its own cache uses.

They run after the pipeline's other components (the entity recogniser does not read POS, morphology or lemmas);
``tests/nlp/test_english_rules.py`` checks every token attribute against the stock components.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token

#: The components :class:`FastRules` stands in for, in the pipeline's order.
NAMES = ("attribute_ruler", "lemmatizer")
_GETTERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "ORTH": lambda t: t.text,
    "DEP": lambda t: t.dep_,
    "POS": lambda t: t.pos_,
    "IS_SPACE": lambda t: t.is_space,
}
Check = tuple[str, str, Any]  # (attribute, "==" | "in" | "not in", value)


def _checks(pattern: list[dict[str, Any]]) -> list[Check] | None:
    """The tests of a one-token pattern over :data:`_GETTERS`' attributes, or ``None`` for any other pattern."""
    if len(pattern) != 1:
        return None
    out: list[Check] = []
    for key, value in pattern[0].items():
        if key not in _GETTERS:
            return None
        if isinstance(value, dict):
            if len(value) != 1 or not ({"IN", "NOT_IN"} >= set(value)):
                return None
            ((op, values),) = value.items()
            out.append((key, "in" if op == "IN" else "not in", frozenset(values)))
        elif isinstance(value, (str, bool)):
            out.append((key, "==", value))
        else:
            return None
    return out


def _passes(token: dict[str, Any], checks: list[Check]) -> bool:
    for key, op, value in checks:
        got = token[key]
        if op == "==":
            if got != value:
                return False
        elif (got in value) != (op == "in"):
            return False
    return True


class FastRules:
    """The ``attribute_ruler`` and rule ``lemmatizer`` of ``nlp``, applied to a parsed ``Doc`` (see module doc)."""

    def __init__(self, nlp: Language) -> None:
        ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
        if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
            raise ValueError("not spaCy's AttributeRuler and Lemmatizer")
        self.ruler, self.lemmatizer = ruler, lemmatizer
        if getattr(self.lemmatizer, "mode", None) != "rule":
            raise ValueError("only a rule lemmatizer has a per-token cache to stand in for")
        strings = self.ruler.vocab.strings
        self.residual = Matcher(self.ruler.vocab)
        # one entry per pattern: (attribute id, match id, checks); indexed by the TAG and/or LOWER value it requires
        self.by_pair: dict[tuple[str, str], list[tuple[int, int, list[Check]]]] = {}
        self.by_tag: dict[str, list[tuple[int, int, list[Check]]]] = {}
        self.by_lower: dict[str, list[tuple[int, int, list[Check]]]] = {}
        self.other: list[tuple[int, int, list[Check]]] = []
        for attr_id in range(len(self.ruler.attrs)):
            key = str(attr_id)
            match_id = strings[key]
            for pattern in self.ruler.matcher.get(key)[1]:
                checks = _checks(pattern)
                if checks is None:
                    self.residual.add(key, [pattern])
                    continue
                entry = (attr_id, match_id, checks)
                tag = next((v for k, op, v in checks if k == "TAG" and op == "=="), None)
                lower = next((v for k, op, v in checks if k == "LOWER" and op == "=="), None)
                if isinstance(tag, str) and isinstance(lower, str):
                    self.by_pair.setdefault((tag, lower), []).append(entry)
                elif isinstance(tag, str):
                    self.by_tag.setdefault(tag, []).append(entry)
                elif isinstance(lower, str):
                    self.by_lower.setdefault(lower, []).append(entry)
                else:
                    self.other.append(entry)
        self.keys = sorted({k for _, _, checks in self._entries() for k, _, _ in checks})

    def _entries(self) -> list[tuple[int, int, list[Check]]]:
        groups = (*self.by_pair.values(), *self.by_tag.values(), *self.by_lower.values(), self.other)
        return [e for group in groups for e in group]

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))  # type: ignore[no-untyped-call]
        self.lemmatize(doc)
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns for ``doc``: (attribute id, match id, start, end), sorted."""
        found: set[tuple[int, int, int, int]] = set()
        getters = [(k, _GETTERS[k]) for k in self.keys]
        for token in doc:
            values = {k: get(token) for k, get in getters}
            i = token.i
            tag, lower = values.get("TAG", ""), values.get("LOWER", "")
            for group in (self.by_pair.get((tag, lower)), self.by_tag.get(tag), self.by_lower.get(lower), self.other):
                for attr_id, match_id, checks in group or ():
                    if _passes(values, checks):
                        found.add((attr_id, match_id, i, i + 1))
        strings = self.ruler.vocab.strings
        for match_id, start, end in self.residual(doc, allow_missing=True):
            found.add((int(strings[match_id]), match_id, start, end))
        return sorted(found)

    def lemmatize(self, doc: Doc) -> None:
        """``Lemmatizer.__call__`` in rule mode: ``rule_lemmatize`` once per (form, POS, morphology) of ``doc``."""
        lem = self.lemmatizer
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        strings = doc.vocab.strings
        known: dict[tuple[int, int, int], int] = {}
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not lem.overwrite:
                continue
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                value = known[key] = strings.add(lem.rule_lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
