"""A dictionary event coder: trigger words, participants around them, mode from cue words.

Sentence by sentence, a trigger from ``data/triggers.tsv``; participants (:mod:`warta.events.mentions`) before it
in its clause are the actor, those after it the recipient — swapped for passive ``di-`` forms, whose ``oleh``
phrase names the actor. When the trained parser is available, :mod:`warta.events.syntax` replaces the linear
roles with subject/object/oblique ones and this module's linear roles are the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from warta.data import Actor, Entity, Event, EventMode
from warta.events.dates import event_date
from warta.events.mentions import Mention, participants, pronoun_subject
from warta.events.modality import mode_of
from warta.events.triggers import BACKGROUND, VERBAL, WORD_RUN, Trigger, cameo_scale, load_triggers, triggers_in

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n")
#: Lines that are page furniture, not news ("Baca juga : …", "Editor : …").
_BOILERPLATE = re.compile(
    r"^\W*(baca juga|lihat juga|simak|cek berita|editor|scroll to continue|advertisement|tonton|read also|"
    r"see also|terkini lainnya|tautan)\b",
    re.IGNORECASE,
)
_RECIPROCAL = re.compile(r"\b(saling|bersama|kedua negara|keduanya|each other|one another|jointly)\b", re.IGNORECASE)
#: Pronouns opening a sentence that stand for the parties named before ("Ketiganya", "Mereka").
_GROUP_PRONOUN = re.compile(r"^\W*(dia|ia|beliau|mereka|keduanya|ketiganya|keempatnya|kelimanya)\b", re.IGNORECASE)
_SPEAKER = re.compile(r"(?<![\w-])(saya|aku|kami|kita|pihaknya)(?![\w-])", re.IGNORECASE)
#: A verb right after a trigger opens its complement ("sepakat membentuk …", "sepakat untuk mencegah …").
_COMPLEMENT = re.compile(r"^\s+(untuk\s+)?(me|ber)\w+", re.IGNORECASE)
_RELATIVE_BETWEEN = re.compile(r"\b(yang|which|who)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\s*(yang|which|who)\b", re.IGNORECASE)
_AGENT = re.compile(r"^\s*(?:\S+\s+){0,3}?(oleh|by)\s+", re.IGNORECASE)
_MILITARY = re.compile(
    r"\b(pertahanan|militer|senjata|rudal|agresi|diserang|pasukan|tentara|perang|nuklir|defen[cs]e|military)\b",
    re.IGNORECASE,
)
# Between two mentions of one party ("AS dan negara-negara NATO") only a few words stand, none of them a
# preposition that would start another role.
_PREPOSITION = re.compile(
    r"\b(di|ke|dari|untuk|terhadap|dalam|pada|dengan|kepada|oleh|atas|sementara|namun|tetapi|yang|bahwa|"
    r"in|to|from|for|against|with|on|at|by|while|but|that)\b",
    re.IGNORECASE,
)
#: Verbs that carry a nominal trigger ("melancarkan serangan", "menyatakan dukungan").
_LIGHT_VERB = re.compile(
    r"\b(menyatakan|memberikan|memberi|melancarkan|melakukan|menggelar|mengadakan|menjatuhkan|mengirim|"
    r"mengirimkan|menyampaikan|meluncurkan|mengumumkan|memperkuat|mempererat|menjajaki|meningkatkan|penguatan|"
    r"menuntaskan|melanjutkan|memulai|membacakan|mencapai|menjalin|membangun|mengajukan|melayangkan|mengeluarkan|"
    r"melontarkan|memberlakukan|menerapkan|"
    r"launched|carried out|imposed|gave|expressed)\s+(\w+\s+)?$",
    re.IGNORECASE,
)
#: An aspect or modal word makes the noun after it a predicate ("Kita sudah kerja sama dengan …", "akan demo").
_ASPECT = re.compile(r"\b(sudah|telah|akan|sedang|tengah|belum|tidak|tak|bakal|pernah|sempat|ingin|siap)\s+$", re.I)
_ANAPHOR = re.compile(r"^\s+(ini|itu|tersebut|tadi|this|that)\b", re.IGNORECASE)
#: A noun with a demonstrative one word on refers back, even after a light verb ("mengumumkan tarif impor baru
#: tersebut" recalls the tariffs already reported).
_REFERENCE = re.compile(r"^\s+[\w-]+\s+(ini|itu|tersebut|tadi)\b", re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(di|in|at)\s+$", re.IGNORECASE)
_CONDITION_AFTER = re.compile(r"^[^.;]{0,60}?\b(jika|apabila|bila|seandainya|if)\b", re.IGNORECASE)
#: Types where one party alone makes an event ("polisi menangkap…", "mahasiswa berunjuk rasa"); the others need
#: both an actor and a recipient.
SINGLE_PARTY_TYPES = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "COERCE", "RETREAT", "CONCEDE", "REJECT", "ACCUSE"})
_CLAUSE_WORD = re.compile(r"\b(sementara|namun|tetapi|sedangkan|while|but)\b", re.IGNORECASE)
_CONJUNCTION = re.compile(r",|\b(dan|serta|maupun|beserta|and)\b", re.IGNORECASE)
#: Sectors of parties who act abroad or on places abroad as often as at home (officials, courts): a place in the
#: sentence does not give their country.
_TRAVELLING = frozenset({None, "GOV", "MIL", "LEG", "JUD", "SPY", "IGO", "ELI"})
#: Types whose passive forms make an event with a subject the text does not name as a party ("Khariq ditangkap").
UNNAMED_PATIENT_TYPES = frozenset({"COERCE", "ASSAULT", "ACCUSE"})
#: One to three capitalised words opening a clause right before the trigger, with at most two adverbs between.
_NAME_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|[\"“]\s*)((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+"
    r"(?:(?:juga|pun|telah|sudah|akan|kemudian|lalu|langsung|pernah|sempat|tetap|terus|mengaku)\s+){0,2}$"
)
#: Capitalised words that open a clause without naming anyone.
_NOT_NAMES = frozenset(
    {
        "ini", "itu", "hal", "namun", "kemudian", "selain", "sementara", "menurut", "dalam", "di", "pada", "saat",
        "untuk", "jika", "ketika", "setelah", "sebelum", "usai", "sedangkan", "tetapi", "bahkan", "karena", "sehingga",
        "maka", "lalu", "ada", "tak", "tidak", "semua", "seluruh", "para", "banyak", "sejumlah", "beberapa", "kita",
        "kami", "saya", "aku", "mereka", "dia", "ia", "beliau", "pihak", "adapun", "sebelumnya", "selanjutnya", "kini",
        "sekarang", "hari", "tahun", "bulan", "pekan", "kalau", "bila", "apabila", "agar", "supaya", "the", "a",
    }
)  # fmt: skip
_UNNAMED_BREAK = frozenset({"yang", "akan", "untuk", "agar", "jika", "bila", "apabila", "saat", "ketika"})
#: Types where a named actor alone makes an event ("KPK akan meminta pertanggungjawaban …"): the one asked, met or
#: worked with is often a group the text names only by its kind ("para pihak", "daerah lain").
ACTOR_ONLY_TYPES = frozenset({"REQUEST", "CONSULT", "COOPERATE"})
#: Verbs of those types that a party does alone, to a topic ("Forum ini membahas tantangan …").
_SOLO_VERB = re.compile(r"^(membahas|dibahas|membicarakan|dibicarakan)$", re.IGNORECASE)
#: Event types where a joint actor with no one else named acts on itself (``X dan Y sepakat``: both directions).
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})


@dataclass(frozen=True, slots=True)
class Roles:
    """Who acts and who is acted on, as the coder found them."""

    actor: list[Mention]
    recipient: list[Mention]
    method: str  # "parse" or "linear"


#: A role finder the parse-based coder plugs in: (sentence start, trigger start, trigger end) → roles or None.
RoleFinder = Callable[[int, int, int, list[Mention]], Roles | None]


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences (a cheap splitter: terminal punctuation and line breaks)."""
    spans, start = [], 0
    for m in _SPLIT.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def code_events(
    text: str,
    entities: list[Entity],
    language: str | None,
    published: str | None = None,
    roles: RoleFinder | None = None,
) -> list[Event]:
    """Events in ``text``: one per trigger with at least one participant, deduplicated per sentence text."""
    triggers = [t for t in load_triggers() if t.language == (language if language == "en" else "id")]
    events: list[Event] = []
    seen: set[tuple[str, str, str, str]] = set()
    last_person: list[Mention] = []
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        if _BOILERPLATE.match(sentence):
            continue
        mentions = _placed(text, entities, s_start, s_end, participants(text, entities, s_start, s_end, published))
        people = [m for m in mentions if m.entity is not None and m.entity.label == "PER"]
        if not last_person and (pronoun := _GROUP_PRONOUN.match(sentence)):
            # "Ketiganya ditangkap …": a pronoun for parties the sentences before named is a participant
            mentions = _with_pronoun(mentions, s_start + pronoun.start(1), pronoun.group(1))
        for pron in _SPEAKER.finditer(sentence):
            # "saya akan meminta mereka …", "Kita sudah kerja sama dengan …": the speaker is a participant
            mentions = _with_pronoun(mentions, s_start + pron.start(), pron.group(0))
        hits = triggers_in(sentence, triggers)
        if not mentions and not (last_person and pronoun_subject(sentence)):
            hits = [h for h in hits if _unnamed_patient(sentence, h[0], h[1], h[2])]
        for i, (m_start, m_end, trig) in enumerate(hits):
            upto = hits[i + 1][0] if i + 1 < len(hits) else len(sentence)
            nominal = (
                trig.language == "id"
                and not VERBAL.match(sentence[m_start:m_end])
                and not _ASPECT.search(sentence[max(0, m_start - 12) : m_start])
            )
            if nominal and _in_name(sentence, m_start, m_end):
                continue  # "Badan Bantuan dan Pekerjaan PBB", "Perjanjian Kerja Sama": a name, not an event
            if nominal and (_ANAPHOR.match(sentence[m_end:]) or _REFERENCE.match(sentence[m_end:])):
                continue
            bare = nominal and not _LIGHT_VERB.search(sentence[max(0, m_start - 40) : m_start])
            if bare:
                found = _nominal_roles(text, sentence, s_start, m_end, mentions)
                if found is None:
                    continue  # "kerja sama ini", "melawan agresi": a reference, not a new event
            else:
                parsed = roles(s_start, s_start + m_start, s_start + m_end, mentions) if roles else None
                found = _linear_roles(text, sentence, s_start, m_start, m_end, mentions)
                if parsed is not None:  # the parse decides; word order fills a role it leaves empty
                    found = Roles(parsed.actor or found.actor, parsed.recipient or found.recipient, "parse")
            actor, recipient = found.actor, found.recipient
            # a place after "di" says where, not to whom ("mengerahkan rudal … di Ukraina"); the parse may differ
            recipient = [r for r in recipient if not _LOCATIVE.search(text[max(s_start, r.start - 4) : r.start])]
            recipient = [r for r in recipient if not _SPEAKER.fullmatch(r.actor.text)]  # the speaker acts
            if not actor and last_person and pronoun_subject(sentence[:m_start]):
                actor = last_person  # "Dia juga menyatakan dukungan…": the person of the sentence before
            if not actor and not bare and not _passive(sentence[m_start:m_end]):
                actor = _name_before(sentence, s_start, m_start)
            if recipient and trig.plover not in JOINT_TYPES:  # "China mengecam China" is a misreading
                recipient = [r for r in recipient if not any(same_party(r, a) for a in actor)]
            joint = len(actor) > 1 and trig.plover in JOINT_TYPES
            if joint and recipient and _COMPLEMENT.match(sentence[m_end:]):
                recipient = []  # "X dan Y sepakat membentuk Z": Z is what they agreed on, not a party to it
            if not recipient and joint:
                recipient = list(actor)  # "X dan Y sepakat": each acts towards the other
            elif not recipient and _RECIPROCAL.search(sentence[max(0, m_start - 25) : m_end + 25]):
                recipient = list(actor)
            if not actor and not recipient and not _unnamed_patient(sentence, m_start, m_end, trig):
                continue
            one_sided = not (actor and recipient) and trig.plover not in SINGLE_PARTY_TYPES
            # "Warga diminta waspada": who is asked is named, who asks often is not
            asked = not bare and not actor and trig.plover == "REQUEST" and _passive(sentence[m_start:m_end])
            if (
                one_sided
                and not asked
                and (
                    bare
                    or not actor
                    or not _actor_alone(trig.plover, sentence[m_start:m_end])
                    # "… Kim Jong Un yang terakhir bertemu di Rusia": a relative clause recalls an earlier occasion
                    or _RELATIVE_BETWEEN.search(text[actor[-1].end : s_start + m_start])
                )
            ):
                continue
            if trig.plover == "CONSULT" and any(m.actor.sector == "MED" for m in actor + recipient):
                continue  # "menemui wartawan", "ditemui wartawan": talking to the press reports, it is no meeting
            mode, _cue = mode_of(sentence, m_start)
            if mode in (EventMode.ASSERTED, EventMode.FUTURE) and _CONDITION_AFTER.match(sentence[m_end:upto]):
                mode = EventMode.HYPOTHETICAL  # "akan saling membantu jika terjadi agresi"
            context = trig.context
            if trig.plover in ("AGREE", "SUPPORT") and _MILITARY.search(sentence):
                context = "military"
            event = _event(trig, mode, actor, recipient, sentence, s_start, s_end, m_start, m_end, context)
            event.date = event_date(sentence, published)
            event.location = _location(text, entities, s_start, s_end, actor + recipient)
            event.confidence = round(
                0.4 + 0.2 * bool(actor) + 0.2 * bool(recipient) + (0.1 if found.method == "parse" else 0.0), 2
            )
            key = (event.event, country_key(event.actor), country_key(event.recipient), _norm(sentence))
            if key not in seen:
                seen.add(key)
                events.append(event)
        if people:
            last_person = people[-1:]
    return events


def _event(
    trig: Trigger,
    mode: EventMode,
    actor: list[Mention],
    recipient: list[Mention],
    sentence: str,
    s_start: int,
    s_end: int,
    m_start: int,
    m_end: int,
    context: str | None,
) -> Event:
    quad, intensity = cameo_scale().get(trig.cameo[:2], (None, None))
    return Event(
        event=trig.plover,
        mode=mode,
        cameo=trig.cameo,
        actor=distinct_actors(actor),
        recipient=distinct_actors(recipient),
        trigger=sentence[m_start:m_end],
        sentence=sentence.strip(),
        start=s_start + m_start,
        end=s_start + m_end,
        context=context,
        quad_class=quad,
        intensity=intensity,
        sentence_start=s_start,
        sentence_end=s_end,
    )


def _linear_roles(text: str, sentence: str, s_start: int, m_start: int, m_end: int, mentions: list[Mention]) -> Roles:
    """Actor: the participants just before the trigger in its clause; recipient: the first ones after it."""
    clause = _clause_start(sentence, m_start)
    rel = [(m, m.start - s_start, m.end - s_start) for m in mentions]
    # a place after "di" is the setting, on either side ("demonstran … di Arab Saudi dieksekusi")
    before = [
        m for m, s, e in rel if clause <= s and e <= m_start and not _LOCATIVE.search(sentence[max(0, s - 4) : s])
    ]
    actor = _group(text, before, last=True)
    if not actor and _apposition_before(sentence, clause, rel):
        # "Menteri …, Mochamad Irfan Yusuf, melakukan kunjungan": the comma closes a name, not a clause
        actor = _group(text, [m for m, _s, e in rel if e <= clause], last=True)
    if not actor and _RELATIVE.match(sentence[clause:m_start]):
        # "…Seoul, yang … memperingatkan Rusia": the relative clause's subject is the noun before it
        actor = _group(text, [m for m, _s, e in rel if e <= clause], last=True)
    clause_end = _clause_end(sentence, m_end)
    after = [m for m, s, _e in rel if m_end <= s < clause_end and not _LOCATIVE.search(sentence[max(0, s - 4) : s])]
    recipient = _group(text, after, last=False)
    word = sentence[m_start:m_end].split()[0]
    if _passive(word):
        agent = [m for m in after if _AGENT.match(sentence[m_end : m.start - s_start])]
        if not agent and after and not sentence[m_end : after[0].start - s_start].strip():
            agent = after[:1]  # "ditegur Kemendagri", "ditahan Polda Metro Jaya": the noun right after acts
        agents = _group(text, [m for m in after if agent and m.start >= agent[0].start], last=False)
        return Roles(agents, actor, "linear")
    return Roles(actor, recipient, "linear")


def _nominal_roles(text: str, sentence: str, s_start: int, m_end: int, mentions: list[Mention]) -> Roles | None:
    """A nominal trigger's roles: the party right after it acts ("serangan Rusia ke Ukraina"), the next receives."""
    if _ANAPHOR.match(sentence[m_end:]):
        return None
    clause_end = _clause_end(sentence, m_end)
    after = [
        m
        for m in mentions
        if m_end <= m.start - s_start < clause_end
        and not _LOCATIVE.search(sentence[max(0, m.start - s_start - 4) : m.start - s_start])
    ]
    if not after or len(sentence[m_end : after[0].start - s_start].split()) > 2:
        return None
    actor = _group(text, after, last=False)
    rest = [m for m in after if m.start >= actor[-1].end]
    return Roles(actor, _group(text, rest, last=False), "linear")


def _unnamed_patient(sentence: str, m_start: int, m_end: int, trig: Trigger) -> bool:
    """Whether a passive arrest, charge or attack has a subject the text describes without naming a party
    ("Khariq ditangkap …", "perempuan berusia 26 tahun itu diculik"): the event stands with empty roles."""
    if trig.plover not in UNNAMED_PATIENT_TYPES or trig.language != "id" or not _passive(sentence[m_start:m_end]):
        return False
    subject = sentence[_clause_start(sentence, m_start) : m_start]
    words = [w.lower() for w in WORD_RUN.findall(subject)]
    # a relative or time clause ("… yang sudah ditangkap", "Saat ditahan, …") recalls the event, not reports it
    return (
        bool(words)
        and subject.lstrip(" \"“'")[:1].isupper()
        and not BACKGROUND.search(words[0] + " ")
        and not _UNNAMED_BREAK.intersection(words)
    )


def _name_before(sentence: str, s_start: int, m_start: int) -> list[Mention]:
    """A capitalised name opening the trigger's clause that the entities missed ("Budi meminta pemerintah …"):
    a party of unknown country."""
    m = _NAME_SUBJECT.search(sentence[:m_start])
    if m is None or m.group(1).split()[0].lower() in _NOT_NAMES:
        return []
    start, end = s_start + m.start(1), s_start + m.end(1)
    return [Mention(start, end, Actor(m.group(1), None, None, None), None)]


def _actor_alone(plover: str, word: str) -> bool:
    """Whether a verbal trigger of a two-party type still makes an event with only its actor named."""
    return plover in ACTOR_ONLY_TYPES and not _SOLO_VERB.match(word)


def _apposition_before(sentence: str, clause: int, rel: list[tuple[Mention, int, int]]) -> bool:
    """Whether the comma-delimited piece just before ``clause`` is nothing but a participant (an apposition)."""
    if clause == 0 or sentence[clause - 1] != ",":
        return False
    start = sentence.rfind(",", 0, clause - 1) + 1
    if start == 0:
        return False  # the first piece of a sentence is no apposition ("Di Jakarta, polisi …")
    inside = [(s, e) for _m, s, e in rel if start <= s and e <= clause - 1]
    if not inside:
        return False
    rest = sentence[start : inside[0][0]] + sentence[inside[-1][1] : clause - 1]
    return not rest.strip()


def _in_name(sentence: str, m_start: int, m_end: int) -> bool:
    """Whether a capitalised trigger sits among capitalised words mid-sentence, as part of a name."""
    if not all(w[:1].isupper() for w in sentence[m_start:m_end].split()):
        return False
    before = re.findall(r"[\w(]+", sentence[:m_start])
    after = re.findall(r"[\w(]+", sentence[m_end:])
    if not before or re.search(r"[.!?\"“:]\s*$", sentence[:m_start]):
        return False
    return before[-1][:1].isupper() or bool(after and after[0][:1].isupper())


def _passive(word: str) -> bool:
    w = word.lower()
    return (w.startswith("di") and not w.startswith(("dial", "disk"))) or w.startswith("ter")


def _clause_start(sentence: str, m_start: int) -> int:
    cut = max(sentence.rfind(",", 0, m_start), sentence.rfind(";", 0, m_start))
    joins = [m.end() for m in _CLAUSE_WORD.finditer(sentence, 0, m_start)]
    return max(cut + 1, joins[-1] if joins else 0)


def _clause_end(sentence: str, m_end: int) -> int:
    # a closing quote ends the clause: the speaker named after it ('…," kata Pramono') is not a party
    m = re.search(
        r"[;]|,\s*[\"”]|,\s*(sementara|namun|tetapi|sedangkan|dan)\b|\b(sementara|sedangkan)\b", sentence[m_end:]
    )
    return m_end + m.start() if m else len(sentence)


def _with_pronoun(mentions: list[Mention], start: int, word: str) -> list[Mention]:
    """``mentions`` with the pronoun ``word`` at ``start`` as a party of unknown country, unless a mention covers it."""
    end = start + len(word)
    if any(m.start < end and start < m.end for m in mentions):
        return mentions
    return sorted([*mentions, Mention(start, end, Actor(word, None, None, None), None)], key=lambda m: m.start)


def _group(text: str, mentions: list[Mention], *, last: bool) -> list[Mention]:
    """The mentions nearest the trigger and those coordinated with them (the last group before, first after)."""
    if not mentions:
        return []
    ordered = mentions[::-1] if last else mentions
    group = [ordered[0]]
    for ment in ordered[1:]:
        lo, hi = (ment.end, group[-1].start) if last else (group[-1].end, ment.start)
        gap = text[lo:hi]
        if len(gap.split()) > 4 or _PREPOSITION.search(gap) or any(c in gap for c in '.;:()"“”'):
            break
        if not _CONJUNCTION.search(gap):
            break  # "Ukraina menewaskan warga": two parties with a verb between are not one group
        group.append(ment)
    return group[::-1] if last else group


def distinct_actors(mentions: list[Mention]) -> list[Actor]:
    """Distinct actors (one per linked id or surface form), in order of mention."""
    seen: set[str] = set()
    out = []
    for ment in mentions:
        key = ment.actor.id or ment.actor.text
        if key not in seen:
            seen.add(key)
            out.append(ment.actor)
    return out


def same_party(a: Mention, b: Mention) -> bool:
    """The same mention, or two mentions linked to one id."""
    return (a.start, a.end) == (b.start, b.end) or (a.actor.id is not None and a.actor.id == b.actor.id)


def _norm(sentence: str) -> str:
    """A sentence without a trailing credit, for spotting repeats ("…Agresi" and "…Agresi(KCNA)")."""
    return re.sub(r"\s*\([^)]*\)\W*$", "", sentence.strip()).casefold()


def country_key(actors: list[Actor]) -> str:
    """The parties' countries (or names) as one sortable key, for spotting an event coded twice."""
    return ",".join(sorted({a.country or a.text for a in actors}))


def _placed(text: str, entities: list[Entity], start: int, end: int, mentions: list[Mention]) -> list[Mention]:
    """Parties named only by their kind take the country of the place the sentence puts them in ("demonstran …
    di Arab Saudi", "polisi … di Jakarta"); named people and bodies keep what resolution gave them, and officials
    (who travel: "Menteri Luar Negeri … di Canberra") stay without one."""
    countries = {
        ent.country
        for ent in entities
        if start <= ent.start
        and ent.end <= end
        and ent.label in ("GPE", "LOC")
        and ent.country
        and _LOCATIVE.search(text[max(start, ent.start - 4) : ent.start])
    }
    if len(countries) != 1:
        return mentions  # no place, or several: the sentence does not say whose
    (country,) = countries
    return [
        Mention(m.start, m.end, Actor(m.actor.text, country, m.actor.sector, m.actor.id), m.entity)
        if m.entity is None and m.actor.country is None and m.actor.sector not in _TRAVELLING
        else m
        for m in mentions
    ]


def _location(text: str, entities: list[Entity], start: int, end: int, taken: list[Mention]) -> str | None:
    """The place the sentence says it happened at (``di Ukraina``), if it is not a participant."""
    spans = {(m.start, m.end) for m in taken}
    for ent in entities:
        inside = start <= ent.start and ent.end <= end and ent.label in ("GPE", "LOC")
        if (
            inside
            and _LOCATIVE.search(text[max(start, ent.start - 4) : ent.start])
            and not any(s <= ent.start and ent.end <= e for s, e in spans)
        ):
            return ent.text
    return None
