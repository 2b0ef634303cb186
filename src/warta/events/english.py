"""The English event coder: CAMEO verb patterns of the Phoenix dictionary matched on the dependency parse.

Not PETRARCH's tree matcher, a pragmatic reading of the same data (:mod:`warta.events.phoenix`): a verb whose
lemma the dictionary lists takes the code of its most specific pattern whose words stand in its phrase (after
the verb: its objects and prepositional phrases; before it: its subject) — else the verb's default code — and
the PLOVER type CAMEO2PLOVER gives that code. Roles come from the parse: ``nsubj`` acts, ``dobj``/``dative`` and
objects of *to, with, against, on…* receive; in the passive ``nsubjpass`` receives and the ``by`` agent acts; a
verb without a subject of its own shares its governor's (``agreed to supply``, ``accused X of supplying``: X).
Participants are the sentence's mentions (:func:`warta.events.mentions.participants`), resolved by the shared
actor table and, for what it does not know, by the Phoenix actor and agent dictionaries (demonyms, ministries,
IGOs, armed groups). Mode: ``not``/``never`` negate; *allegedly*, *reportedly*, *accused of* allege;
*could/might/may/would* and *if* make it hypothetical; *will*, *plans to*, *pledged to* put it in the future.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warta.data import Actor, Entity, Event, EventMode
from warta.events.actors import default_actors
from warta.events.coder import JOINT_TYPES, SINGLE_PARTY_TYPES, country_key, distinct_actors, same_party
from warta.events.dates import event_date
from warta.events.mentions import Mention, participants
from warta.events.phoenix import Pattern, actor_codes, agent_sectors, verb_patterns
from warta.events.triggers import cameo_scale

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
#: Prepositions whose object receives the action ("attacked positions in X" is a place, not a recipient).
_RECIPIENT_PREPS = frozenset(
    {"to", "with", "against", "on", "toward", "towards", "at", "into", "for", "over", "from", "upon", "onto"}
)
_OBJECT_PREPS = frozenset({"to", "against", "for", "with"})
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "pcomp"})
#: A verb without a subject shares its governor's when it hangs off it like this.
_SHARES = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acl"})
_MODALS_HYPOTHETICAL = frozenset({"could", "might", "may", "would", "should", "can"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
#: Governors that put the event they introduce in the future ("plans to visit", "is expected to provide").
_FUTURE_HEADS = frozenset({"plan", "decide", "intend", "prepare", "expect", "aim", "set", "schedule"})
#: Governors whose embedded event has not happened: it is what is asked, threatened, refused — or what is agreed
#: or pledged, which the AGREE event carries ("agreed to strengthen patrols" is one event, as in the gold).
_CONTENT_HEADS = frozenset(
    {"urge", "ask", "call", "demand", "threaten", "warn", "want", "seek", "refuse", "deny", "reject", "request",
     "press", "push", "encourage", "appeal", "fear", "try", "attempt", "agree", "pledge", "vow", "promise", "commit",
     "offer"}
)  # fmt: skip
#: Types one party makes alone in English news ("Ukraine asked for more air defence", "Iran threatened to close…"):
#: the coder's own list plus requests and threats whose addressee is left unsaid.
_SINGLE_PARTY = SINGLE_PARTY_TYPES | {"REQUEST", "THREATEN"}
_PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we"})
#: Nouns that name an event when both parties are said ("Russia's attacks on Ukraine", "talks with Prabowo"), and
#: the verb whose default code they take.
NOMINAL = {"attack": "attack", "strike": "strike", "offensive": "attack", "bombing": "bomb", "invasion": "invade",
           "talk": "meet", "meeting": "meet", "visit": "visit"}  # fmt: skip
_NOMINAL_RECIPIENT = frozenset({"on", "against", "with", "to", "into"})
_NOMINAL_SKIP = frozenset({"any", "no", "future", "possible", "potential"})
#: Subjects that refer back to the parties of the sentence before ("The two countries will hold…").
_PAIR = re.compile(
    r"^(the two (countries|nations|sides|governments|leaders|states)|both (countries|sides|leaders))$", re.I
)
_ALLEGE_HEADS = frozenset({"accuse", "suspect", "allege", "charge", "blame"})
_ALLEGED_ADV = frozenset({"allegedly", "reportedly", "purportedly", "supposedly", "apparently"})
_NEGATION = frozenset({"not", "n't", "never", "no"})
_CONDITION = frozenset({"if", "unless"})
_RECIPROCAL = re.compile(r"\b(each other|one another|jointly|mutual|both countries|both sides)\b", re.IGNORECASE)
_BOILERPLATE = re.compile(r"^\W*(read also|read more|see also|advertisement|related:|editing by|reporting by)\b", re.I)
_WORD = re.compile(r"[a-z][a-z.'-]*")
#: Verbs the parser tags as verbs whose Phoenix rows are mostly noise in news prose.
_SKIP_VERBS = frozenset({"say", "be", "have", "do", "get", "make", "go", "come", "take", "give", "see", "know"})


@dataclass(frozen=True, slots=True)
class Coded:
    """A matched verb: the token, its code and how specific the match was."""

    token: Any
    pattern: Pattern


def code_english(
    text: str, entities: list[Entity], doc: Any, published: str | None = None
) -> list[Event]:  # fmt: skip
    """Events in the parsed English ``doc`` of ``text``."""
    events: list[Event] = []
    seen: set[tuple[str, str, str, int]] = set()
    pair: list[Mention] = []  # the joint actor of the last sentence that had one
    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char
        sentence = text[s_start:s_end]
        if _BOILERPLATE.match(sentence):
            continue
        mentions = [_english(m, text, published) for m in participants(text, entities, s_start, s_end, published)]
        mentions += _pair_references(sent, pair)
        if not mentions:
            continue
        coded = {c.token.i: c for c in _verbs(sent)}
        coded.update({c.token.i: c for c in _nominals(sent) if c.token.i not in coded})
        for c in coded.values():
            if c.pattern.plover is None or _embedded_content(c.token) or _purpose(c.token, coded):
                continue
            actor, recipient = (
                _roles(c.token, mentions) if c.token.pos_ != "NOUN" else _nominal_roles(c.token, mentions)
            )
            plover = c.pattern.plover
            if recipient and plover not in JOINT_TYPES:
                recipient = [r for r in recipient if not any(same_party(r, a) for a in actor)]
            if (not recipient and len(actor) > 1 and plover in JOINT_TYPES) or (
                not recipient and actor and _RECIPROCAL.search(sentence)
            ):
                recipient = list(actor)
            actor, recipient = _localise(actor, recipient, entities, s_start, s_end)
            if not actor and not recipient:
                continue
            if not (actor and recipient) and plover not in _SINGLE_PARTY:
                continue
            event = _event(c, mode_of(c.token), actor, recipient, sentence, s_start, s_end, published)
            key = (event.event, country_key(event.actor), country_key(event.recipient), s_start)
            if key not in seen:
                seen.add(key)
                events.append(event)
            if len({m.actor.country for m in actor if m.actor.country}) > 1:
                pair = actor
    return events


def _pair_references(sent: Any, pair: list[Mention]) -> list[Mention]:
    """ "The two countries" standing for the joint actor before it: its parties, at the phrase's place."""
    out: list[Mention] = []
    if not pair:
        return out
    for tok in sent:
        if tok.dep_ in _SUBJECTS and tok.lemma_.lower() in (
            "country",
            "nation",
            "side",
            "government",
            "leader",
            "state",
        ):
            span = tok.doc[tok.left_edge.i : tok.i + 1]
            if _PAIR.match(span.text):
                out += [Mention(span.start_char, span.end_char, m.actor, m.entity) for m in pair]
    return out


# -- verbs and patterns ------------------------------------------------------------------------------------------


def _verbs(sent: Any) -> Iterator[Coded]:
    table = verb_patterns()
    for tok in sent:
        if tok.pos_ != "VERB" and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            continue
        lemma = tok.lemma_.lower()
        if lemma in _SKIP_VERBS or lemma not in table:
            continue
        pattern = match(tok, table[lemma])
        if pattern is not None:
            yield Coded(tok, pattern)


def _nominals(sent: Any) -> Iterator[Coded]:
    table = verb_patterns()
    for tok in sent:
        verb = NOMINAL.get(tok.lemma_.lower())
        if tok.pos_ != "NOUN" or verb is None or verb not in table or tok.dep_ == "ROOT":
            continue
        if any(c.lower_ in _NOMINAL_SKIP for c in tok.children if c.dep_ in ("det", "amod")):
            continue
        default = next((p for p in table[verb] if not p.size), None)
        if default is not None and default.plover:
            yield Coded(tok, default)


def _nominal_roles(noun: Any, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """A nominal event's parties: its possessor, nationality or "by" phrase acts; on/against/with/to receives.
    Both must be said (a bare "the attack" refers back to an event already coded)."""
    actor_toks = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound")]
    actor_toks += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children]
    recipient_toks = [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOMINAL_RECIPIENT for p in c.children
        if p.dep_ == "pobj"
    ]  # fmt: skip
    actor = _inside(actor_toks, noun, mentions)
    recipient = [m for m in _inside(recipient_toks, noun, mentions) if m not in actor]
    if not actor or not recipient:
        if noun.lemma_.lower() in ("talk", "meeting") and recipient:  # "after talks with Prabowo": the subject's
            head = noun.head.head if noun.head.pos_ == "ADP" else noun.head
            actor = [m for m in _inside([c for c in head.children if c.dep_ == "nsubj"], head, mentions, True)
                     if m not in recipient]  # fmt: skip
        if not actor or not recipient:
            return [], []
    return actor, recipient


class _Words:
    """The words (forms and lemmas, lower-cased) around a verb, and their prefixes of five letters or more."""

    __slots__ = ("prefixes", "words")

    def __init__(self, tokens: Iterator[Any]) -> None:
        words: set[str] = set()
        for t in tokens:
            words.add(t.lower_)
            words.add(t.lemma_.lower())
        self.words = words
        # a pattern word of 5+ letters also matches as a prefix ("sanction" ~ "sanctions"); a set of prefixes
        # answers that in one lookup instead of a scan of every word for every pattern (the coder's hot loop)
        self.prefixes = {w[:k] for w in words for k in range(5, len(w) + 1)}


def _phrase_after(verb: Any) -> Iterator[Any]:
    """The verb's own phrase to its right: particles, objects, prepositional phrases (not its clauses)."""
    for child in verb.rights:
        if child.dep_ in _CLAUSAL and child.dep_ != "pcomp":
            continue
        yield from child.subtree


def _phrase_before(verb: Any) -> Iterator[Any]:
    for child in verb.lefts:
        if child.dep_ in _SUBJECTS or child.dep_ in ("npadvmod", "advmod", "prt"):
            yield from child.subtree


def _has(words: _Words, alternatives: tuple[str, ...]) -> bool:
    for alt in alternatives:
        parts = alt.split("_")
        if all(p in words.words or (len(p) >= 5 and p in words.prefixes) for p in parts):
            return True
    return False


def match(verb: Any, patterns: tuple[Pattern, ...]) -> Pattern | None:
    """The most specific pattern whose words stand around ``verb`` (patterns come most specific first)."""
    after = _Words(_phrase_after(verb))
    before = _Words(_phrase_before(verb))
    for p in patterns:
        if all(_has(after, e) for e in p.after) and all(_has(before, e) for e in p.before):
            return p
    return None


# -- roles -------------------------------------------------------------------------------------------------------


def _subjects(verb: Any) -> tuple[list[Any], bool]:
    """The tokens heading the verb's subject (its own, else its governor's), and whether it is passive."""
    own = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if own:
        return own, any(c.dep_ == "nsubjpass" for c in own)
    agent = [c for c in verb.children if c.dep_ == "agent"]
    if agent or any(c.dep_ == "auxpass" for c in verb.children):
        return [], True
    node = verb
    while node.dep_ in _SHARES and node.head != node:
        head = node.head
        if head.pos_ == "ADP":  # "accused X of supplying": the preposition's verb
            head = head.head
        if head.lemma_.lower() in _ALLEGE_HEADS or (node.dep_ == "xcomp" and _objects(head)):
            objs = _objects(head)  # "urged Russia to withdraw", "accused Pyongyang of supplying"
            if objs:
                return objs, False
        subjects = [c for c in head.children if c.dep_ in _SUBJECTS]
        if head.dep_ == "relcl" and not subjects:
            return [head.head], False  # "Seoul, which warned…"
        if subjects:
            return [s for s in subjects if s.dep_ != "nsubjpass"] or subjects, False
        node = head
    if verb.dep_ == "relcl":
        return [verb.head], False
    return [], False


def _reporter(verb: Any, mentions: list[Mention]) -> list[Mention]:
    """The subject's mentions of the verb whose clause this verb's is ("X said it…", "X warned that it…")."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or node.head == node:
            return []
        node = node.head
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            return _inside(subjects, node, mentions, subject=True)
    return []


def _objects(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("dobj", "dative")]


def _roles(verb: Any, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    subjects, passive = _subjects(verb)
    objects = [c for c in verb.children if c.dep_ in _OBJECTS]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    obliques = [p for prep in preps for p in prep.children if p.dep_ == "pobj"]
    # "supplied weapons to Russia": the recipient hangs off the object
    for obj in objects:
        obliques += [p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in _OBJECT_PREPS
                     for p in prep.children if p.dep_ == "pobj"]  # fmt: skip
    if passive:
        actor_toks, recipient_toks = agents, subjects + objects + obliques
    else:
        actor_toks, recipient_toks = subjects, objects + obliques
    actor = _inside(actor_toks, verb, mentions, subject=True)
    if not actor and not passive and [t.lower_ for t in actor_toks] in [[p] for p in _PRONOUN_SUBJECTS]:
        actor = _reporter(verb, mentions)  # "Venezuela said it had arrested…": it is Venezuela
    recipient = [m for m in _inside(recipient_toks, verb, mentions) if m not in actor]
    if not recipient and not objects:  # "demanded that Israel allow…": the one asked is the clause's subject
        comps = [c for c in verb.children if c.dep_ == "ccomp"]
        recipient = [m for m in _inside([s for c in comps for s in c.children if s.dep_ == "nsubj"], verb, mentions)
                     if m not in actor]  # fmt: skip
    return actor, recipient


def _inside(tokens: list[Any], verb: Any, mentions: list[Mention], subject: bool = False) -> list[Mention]:
    """Mentions within the phrases these tokens head (relative clauses and the verb itself left out).

    An object's own prepositional phrases say where or about what ("a treaty in Pyongyang"), so only "of" counts
    there; a subject's place is who it is ("police in Jakarta").
    """
    chars: set[int] = set()
    for tok in tokens:
        stack = [tok]
        while stack:
            t = stack.pop()
            if t == verb:
                continue
            chars.add(t.idx)
            # a phrase's own prepositions say where or about what ("a treaty in Pyongyang"), except "of"
            stack += [
                c for c in t.children
                if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "appos")
                and (subject or c.dep_ != "prep" or c.lower_ in ("of", "between"))
            ]  # fmt: skip
    return [m for m in mentions if any(m.start <= i < m.end for i in chars)]


# -- mode --------------------------------------------------------------------------------------------------------


def _embedded_content(verb: Any) -> bool:
    """Whether the verb is what another verb asks, threatens or refuses ("urged Russia to withdraw")."""
    node = verb
    for _ in range(4):  # "urged China to stop harassing…": up the chain of complements
        if node.dep_ not in ("xcomp", "ccomp", "pcomp", "prep") or node.head == node:
            return False
        node = node.head
        if node.pos_ != "ADP" and node.lemma_.lower() in _CONTENT_HEADS:
            return True
    return False


def _purpose(verb: Any, coded: dict[int, Coded]) -> bool:
    """An infinitive of purpose under a coded verb ("summoned the envoy to protest") is that verb's reason."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.i in coded
    )


def mode_of(verb: Any) -> EventMode:
    """The verb's mode from its own auxiliaries and adverbs and those of the verbs governing it."""
    node, steps = verb, 0
    while True:
        kids = list(node.children)
        lowers = {c.lower_ for c in kids if c.dep_ in ("neg", "advmod", "aux", "auxpass", "mark", "preconj")}
        if lowers & _NEGATION:
            return EventMode.NEGATED
        if lowers & _ALLEGED_ADV:
            return EventMode.ALLEGED
        if node != verb and node.lemma_.lower() in _ALLEGE_HEADS:
            return EventMode.ALLEGED
        if lowers & _CONDITION or (node.dep_ == "advcl" and any(c.lower_ in _CONDITION for c in kids)):
            return EventMode.HYPOTHETICAL
        if any(c.dep_ == "advcl" and any(m.lower_ in _CONDITION for m in c.children if m.dep_ == "mark") for c in kids):
            return EventMode.HYPOTHETICAL  # "will attack Israel if the strikes continue"
        if lowers & _MODALS_HYPOTHETICAL:
            return EventMode.HYPOTHETICAL
        if lowers & _FUTURE_AUX or (node != verb and node.lemma_.lower() in _FUTURE_HEADS):
            return EventMode.FUTURE
        if "going" in {c.lower_ for c in kids} and node.tag_ == "VB":
            return EventMode.FUTURE
        if node.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "conj") or node.head == node or steps >= 3:
            return EventMode.ASSERTED
        node, steps = node.head, steps + 1


# -- actors ------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def phoenix_actor(text: str) -> tuple[str | None, str | None]:
    """(country, sector) the Phoenix dictionaries give a mention's words: longest known name, then agent words."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    words = [w.removesuffix("'s") for w in words if w not in ("the", "a", "an")]
    codes, agents = actor_codes(), agent_sectors()
    country: str | None = None
    sector: str | None = None
    for n in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if country is None and phrase in codes:
                code = codes[phrase]
                if code.startswith("IGO"):
                    return None, "IGO"
                country, sector = code[:3], sector or (code[3:6] or None)
            if sector is None and phrase in agents:
                sector = agents[phrase]
    return country, sector


def _english(m: Mention, text: str, date: str | None) -> Mention:
    """A mention with what the Phoenix tables add where the shared table knew no country or sector."""
    a = m.actor
    if a.country and a.sector:
        return m
    span = text[m.start : m.end]
    country, sector = phoenix_actor(span)
    role = default_actors().role(span)
    if a.country is None and country is None and sector is None and role is None:
        return m
    actor = Actor(a.text, a.country or country, a.sector or sector or role, a.id)
    if actor.country is None and actor.sector != "IGO" and m.entity is not None and m.entity.label == "NORP":
        return m
    return Mention(m.start, m.end, actor, m.entity)


def _localise(
    actor: list[Mention], recipient: list[Mention], entities: list[Entity], start: int, end: int
) -> tuple[list[Mention], list[Mention]]:
    """Actors known only by their kind (*police*, *protesters*) take the country of the one place the sentence
    names outside the roles ("Police in Jakarta", "marched through Belgrade"), as a human coder would."""
    taken = {(m.start, m.end) for m in actor + recipient}
    places = {
        e.country
        for e in entities
        if start <= e.start and e.end <= end and e.label in ("GPE", "LOC") and e.country
        and (e.start, e.end) not in taken
    }  # fmt: skip
    if len(places) != 1:
        return actor, recipient
    (country,) = places

    def fix(ms: list[Mention]) -> list[Mention]:
        return [
            Mention(m.start, m.end, Actor(m.actor.text, country, m.actor.sector, m.actor.id), m.entity)
            if m.actor.country is None and m.actor.sector not in (None, "IGO") else m
            for m in ms
        ]  # fmt: skip

    return fix(actor), fix(recipient)


def _event(
    c: Coded,
    mode: EventMode,
    actor: list[Mention],
    recipient: list[Mention],
    sentence: str,
    s_start: int,
    s_end: int,
    published: str | None,
) -> Event:
    tok = c.token
    quad, intensity = cameo_scale().get(c.pattern.cameo[:2], (None, None))
    prt = [t for t in tok.children if t.dep_ == "prt"]
    end = max([tok, *prt], key=lambda t: t.i)
    start_char, end_char = tok.idx, end.idx + len(end.text)
    return Event(
        event=c.pattern.plover or "",
        mode=mode,
        cameo=c.pattern.cameo,
        actor=distinct_actors(actor),
        recipient=distinct_actors(recipient),
        trigger=tok.doc[tok.i : end.i + 1].text,  # a span, not Doc.text: that joins the whole document
        sentence=sentence.strip(),
        start=start_char,
        end=end_char,
        context=c.pattern.context,
        confidence=round(0.5 + 0.2 * bool(actor) + 0.2 * bool(recipient), 2),
        quad_class=quad,
        intensity=intensity,
        date=event_date(sentence, published),
        sentence_start=s_start,
        sentence_end=s_end,
    )
