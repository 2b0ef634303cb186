"""Roles from the dependency parse: subject, object and oblique of the trigger (UD GSD legacy labels).

Active verbs: ``nsubj`` acts, ``obj`` and obliques with ``ke/kepada/terhadap/dengan/atas/untuk`` receive. Passive
``di-`` verbs: ``nsubj:pass`` receives, the ``oleh`` oblique acts. A trigger that is an ``xcomp``/``conj`` of a verb
without its own subject shares that verb's subject (``Kim dituduh memasok`` → Kim supplies). The roles are read
from one parse of the whole text, the ``nlp`` stage's (:mod:`warta.nlp.analysis`) when it made one, so that a
sentence gets the same roles with and without that stage. Without the trained model (or if it fails to load)
:meth:`SyntaxRoles.finder` gives ``None`` and the coder's word-order roles stand.
"""

from __future__ import annotations

import logging
from typing import Any

from warta.events.coder import RoleFinder, Roles
from warta.events.mentions import Mention
from warta.nlp.analysis import PARSE_CHARS, lookup

log = logging.getLogger(__name__)

MODEL_LANGUAGES = frozenset({"id", "ms"})
_RECIPIENT_CASES = frozenset({"ke", "kepada", "terhadap", "dengan", "atas", "untuk", "bagi", "pada", "melawan"})
_SUBJECT = frozenset({"nsubj", "nsubj:pass"})
_CLAUSAL = frozenset({"acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})
_SHARES_SUBJECT = frozenset({"xcomp", "conj", "advcl"})
#: Components the roles do not need (they read dependencies only): skipping them leaves the parse as it was.
_DISABLE = ("ner", "morphologizer", "warta_entity_trim", "warta_lemmatizer")


class SyntaxRoles:
    """Loads the shipped pipeline on first use; hands the coder a role finder per text."""

    def __init__(self) -> None:
        self._nlp: Any = None
        self._failed = False

    @property
    def nlp(self) -> Any:
        if self._nlp is None and not self._failed:
            try:
                import warta.nlp.lemmas  # noqa: F401  - registers the pipeline's lemmatizer factory
                from warta.nlp.model_loader import load_nlp, model_available

                if not model_available():
                    self._failed = True
                    return None
                self._nlp = load_nlp()  # the pipeline the other stages use: one copy in memory
            except Exception as exc:  # a missing or broken model must not stop event coding
                log.warning("events: no parse-based roles (%s); using word order", exc)
                self._failed = True
        return self._nlp

    def finder(self, text: str, language: str | None) -> RoleFinder | None:
        """A role finder over ``text``, or ``None`` when the parse is unavailable for it."""
        if language not in MODEL_LANGUAGES or self.nlp is None:
            return None
        nlp = self.nlp
        docs: dict[int, Any] = {}
        disable = [name for name in nlp.pipe_names if name in _DISABLE]
        # one parse of the whole text (its first PARSE_CHARS), as the quote stage reads it: the ``nlp`` stage's when
        # it made one (this stage is its last reader), else made here at the first trigger; a trigger past its end
        # gets its paragraph parsed alone
        found = lookup(nlp, text, drop=True)
        whole: list[Any] = [found.parse] if found is not None and found.parse is not None else []
        parsed_to = min(len(text), PARSE_CHARS)

        def find(s_start: int, t_start: int, t_end: int, mentions: list[Mention]) -> Roles | None:
            if t_end <= parsed_to:
                if not whole:
                    whole.append(nlp(text[:PARSE_CHARS], disable=disable))
                return roles_from_doc(whole[0], t_start, t_end, mentions)
            if s_start not in docs:
                end = text.find("\n", s_start)
                docs[s_start] = nlp(text[s_start : end if end >= 0 else len(text)], disable=disable)
            return roles_from_doc(docs[s_start], t_start - s_start, t_end - s_start, mentions, s_start)

        return find


def roles_from_doc(doc: Any, t_start: int, t_end: int, mentions: list[Mention], offset: int = 0) -> Roles | None:
    """Actor and recipient mentions of the trigger at ``t_start:t_end`` of the parsed ``doc``."""
    span = doc.char_span(t_start, t_end, alignment_mode="expand")
    if span is None:
        return None
    trig = span.root
    passive = trig.text.lower().startswith("di") or any(c.dep_ == "nsubj:pass" for c in trig.children)
    subjects = [c for c in trig.children if c.dep_ in _SUBJECT]
    verb = trig
    while not subjects and verb.dep_ in _SHARES_SUBJECT and verb.head is not verb:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT]
    objects = [c for c in trig.children if c.dep_ == "obj"]
    obliques = [c for c in trig.children if c.dep_ in ("obl", "nmod") and _case(c) in _RECIPIENT_CASES]
    agents = [c for c in trig.children if c.dep_ in ("obl", "nmod") and _case(c) == "oleh"]
    if passive:  # the subject, the trigger's own or the one it shares, is the patient: "X … dan ditahan polisi"
        # a noun right after a di- verb is its agent even without "oleh" ("ditahan Polda Metro Jaya")
        actor_toks, recipient_toks = agents + objects, subjects + obliques
    else:
        actor_toks, recipient_toks = subjects, objects + obliques
    if not recipient_toks:  # "memasok senjata ke Rusia": the recipient hangs off the object
        recipient_toks = [g for o in objects for g in o.children if g.dep_ == "nmod" and _case(g) in _RECIPIENT_CASES]
    actor = _mentions(actor_toks, trig, mentions, offset)
    recipient = [m for m in _mentions(recipient_toks, trig, mentions, offset) if m not in actor]
    if not actor and not recipient:
        return None
    return Roles(actor, recipient, "parse")


def _case(token: Any) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _mentions(tokens: list[Any], trig: Any, mentions: list[Mention], offset: int) -> list[Mention]:
    """Mentions inside the phrases headed by ``tokens`` (their clauses and the trigger's own phrase left out)."""
    chars: set[int] = set()
    for tok in tokens:
        stack = [tok]
        while stack:
            t = stack.pop()
            if t is trig:
                continue
            chars.add(t.idx)
            stack += [c for c in t.children if c.dep_ not in _CLAUSAL]
    out = []
    for m in mentions:
        if any(offset + i in range(m.start, m.end) for i in chars):
            out.append(m)
    return out
