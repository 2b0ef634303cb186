"""Warta's nouns: the typed records every stage reads and writes.

The JSON form of :class:`Article` is *document schema v1* — a contract shared with tests, benchmarks and outside
tools. Fields may be added; none may be renamed, removed or change type. ``SCHEMA_FIELDS`` lists the v1 keys and a
test pins them.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import types
import typing
import unicodedata
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA_VERSION = 1

#: Keys every serialised document carries (schema v1). Extend, never break.
SCHEMA_FIELDS: tuple[str, ...] = (
    "id",
    "source",
    "title",
    "published",
    "language",
    "language_score",
    "text",
    "authors",
    "editor",
    "credits",
    "related",
    "entities",
    "quotes",
    "events",
)


class InputFormat(enum.StrEnum):
    """How a page's raw content is to be read."""

    TEXT = "text"  # scraped text record: first line a domain, then the page text
    HTML = "html"
    WARC = "warc"
    JSONL = "jsonl"
    FEED = "feed"


class CreditRole(enum.StrEnum):
    """Who a credit line names."""

    PHOTO = "photo"
    SOURCE = "source"
    AUTHOR = "author"
    EDITOR = "editor"


class EventMode(enum.StrEnum):
    """Whether an event is said to have happened, and how surely."""

    ASSERTED = "asserted"
    ALLEGED = "alleged"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    NEGATED = "negated"


@dataclass(slots=True)
class Source:
    """Where a document came from."""

    path: str | None = None
    url: str | None = None
    domain: str | None = None


@dataclass(slots=True)
class Provenance:
    """Which input, which record in it, and when Warta read it (owner: ingest)."""

    input: str
    record: str = "0"
    ingested: str | None = None
    fetched: str | None = None  # WARC-Date or feed date, when the input says


@dataclass(slots=True)
class Hints:
    """Metadata an input already carries (JSON Lines fields, feed entries, WARC headers)."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    clean: bool = False  # JSONL text is the body as is unless the caller asks for cleaning


@dataclass(slots=True)
class Page:
    """One raw unit of input, before extraction (owner: ingest)."""

    content: bytes
    format: InputFormat
    provenance: Provenance
    source: Source = field(default_factory=Source)
    hints: Hints = field(default_factory=Hints)
    encoding: str | None = None  # declared by the transport (HTTP header in WARC), if any


@dataclass(slots=True)
class Credit:
    """A person or outlet credited on the page (owner: extract)."""

    role: CreditRole
    name: str


@dataclass(slots=True)
class Related:
    """A 'read also' link the page points to (owner: extract)."""

    title: str
    url: str | None = None


@dataclass(slots=True)
class Entity:
    """A mention of a named thing; ``start``/``end`` index into the article text (owner: nlp)."""

    text: str
    label: str
    start: int
    end: int
    country: str | None = None  # ISO 3166-1 alpha-3 when known
    id: str | None = None  # a real-world identifier such as ``wikidata:Q159`` when known


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to (owner: quotes)."""

    text: str
    entity_id: str | None = None
    role: str | None = None
    affiliation: str | None = None


@dataclass(slots=True)
class Quote:
    """Reported speech with its speaker (owner: quotes)."""

    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    speaker: Speaker | None = None


@dataclass(slots=True)
class Actor:
    """A party to an event (owner: events)."""

    text: str
    country: str | None = None
    sector: str | None = None
    id: str | None = None


@dataclass(slots=True)
class EventLocation:
    """Where the text says an event happened, resolved to a place (owner: geo).

    ``precision`` ∈ ``country``, ``region``, ``city``, ``point``; ``admin1``/``admin2`` are names (province,
    kabupaten/kota), ``admin1_code`` the GeoNames code, ``feature_id`` the gazetteer key (``geonames:524901``).
    """

    place: str
    country: str | None
    lat: float
    lon: float
    precision: str
    confidence: float
    admin1: str | None = None
    admin2: str | None = None
    admin1_code: str | None = None
    feature_id: str | None = None
    text: str | None = None  # the name as the article writes it


@dataclass(slots=True)
class Event:
    """A coded event: PLOVER type, CAMEO code and mode (owner: events)."""

    event: str
    mode: EventMode
    cameo: str | None
    actor: list[Actor]
    recipient: list[Actor]
    trigger: str
    sentence: str
    start: int
    end: int
    context: str | None = None
    confidence: float = 0.0
    # additive (v1 extension): CAMEO quad class (1 verbal cooperation … 4 material conflict), Goldstein-style
    # intensity (-10 … +10), where and when the text says it happened, the sentence's span in the text
    quad_class: int | None = None
    intensity: float | None = None
    location: str | None = None
    date: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    event_loc: EventLocation | None = None  # additive (v1 extension), set by warta.geo


@dataclass(slots=True)
class Commitment:
    """A treaty or pledge: who commits to what towards whom (owner: events).

    ``kind`` ∈ ``mutual_defence``, ``military_aid``, ``non_aggression``, ``consultation``, ``trade``, ``cooperation``;
    ``mutual`` commitments bind every party towards every other.
    """

    kind: str
    parties: list[Actor]
    beneficiaries: list[Actor]
    mutual: bool
    mode: EventMode
    trigger: str
    sentence: str
    start: int
    end: int
    date: str | None = None


@dataclass(slots=True)
class Origin:
    """Who published an article and whose content it carries (owner: stories).

    ``publisher`` is the outlet that published this article (``Media Indonesia``), also when the page was found on
    a mirror; ``credited_to`` the agencies or outlets the content is credited to (``BBC``, ``Antara``);
    ``evidence`` says why, one short ``kind:value`` string per clue (``cta:mediaindonesia.com``).
    """

    publisher: str | None = None
    publisher_domain: str | None = None
    credited_to: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A document flowing through the pipeline; its JSON form is document schema v1.

    ``page`` is the raw input and is never serialised; the extract stage turns it into the fields below.
    """

    page: Page | None = None
    id: str = ""
    source: Source = field(default_factory=Source)
    title: str | None = None
    published: str | None = None
    language: str | None = None
    language_score: float | None = None
    text: str = ""
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    credits: list[Credit] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    site_name: str | None = None
    provenance: Provenance | None = None
    commitments: list[Commitment] = field(default_factory=list)
    origin: Origin | None = None  # additive (v1 extension), set by warta.stories
    # additive (v1 extension), set by the entities stage: what the language pipeline could not do for this document
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The document as schema-v1 JSON-ready data (``page`` left out)."""
        # field by field rather than ``asdict`` + ``_plain``: the same data without deep-copying every value and
        # then walking it a second time (the single writer process converts every document)
        data: dict[str, Any] = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "page"}
        data["schema_version"] = SCHEMA_VERSION
        return data


@dataclass(slots=True)
class Rejection:
    """An input (or part of one) that could not be processed, and why (owner: whichever stage gave up)."""

    input: str
    reason: str
    stage: str
    record: str = "0"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: What flows between stages: documents, and rejections carried through to the sink.
Item = Article | Rejection


def _plain(value: Any) -> Any:
    """Dataclasses to dicts and enums to their values, recursively, so ``json.dumps`` needs no hooks."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def content_id(text: str, title: str | None = None) -> str:
    """A stable id derived from the article's content alone.

    Whitespace and Unicode form are normalised first, so re-ingesting the same page (or the same text reached
    through another path) yields the same id.
    """
    norm = unicodedata.normalize("NFC", " ".join(((title or "") + "\n" + text).split())).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def article_from_dict(doc: dict[str, Any]) -> Article:
    """The :class:`~warta.data.Article` a schema-v1 document describes (``Article.to_dict``'s inverse).

    Built from the dataclasses' own type hints, so fields added to the schema later load without change here;
    keys this version does not know are ignored.
    """
    article = _build(Article, doc)
    assert isinstance(article, Article)
    return article


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs = {
        f.name: _value(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)
        if f.name in data and f.name != "page"
    }
    return cls(**kwargs)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(options[0], value) if len(options) == 1 else value
    if origin is list:
        (inner,) = typing.get_args(hint)
        return [_value(inner, v) for v in value]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    return value
