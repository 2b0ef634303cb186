"""The geo stage: each event's ``event_loc``, from the place its own sentence names (``di Ukraina``)."""

from __future__ import annotations

from typing import ClassVar

from warta.data import Article, Entity, Event, EventLocation
from warta.geo.gazetteer import PlaceIndex, default_index
from warta.geo.resolve import PLACE_LABELS, Context, Resolution, article_context, qualifiers, resolve
from warta.pipeline.stage import Stage


def locate(resolution: Resolution, text: str | None = None) -> EventLocation:
    """A resolution as the event's location record."""
    place = resolution.place
    return EventLocation(
        place=place.name, country=place.country or None, lat=place.lat, lon=place.lon,
        precision=resolution.precision.value, confidence=resolution.confidence,
        admin1=place.admin1_name, admin2=place.admin2, admin1_code=place.admin1, feature_id=place.key, text=text,
    )  # fmt: skip


def _mention(event: Event, entities: list[Entity]) -> Entity | None:
    """The entity the event's ``location`` names, inside the event's sentence."""
    lo = event.sentence_start if event.sentence_start is not None else event.start
    hi = event.sentence_end if event.sentence_end is not None else event.end
    for ent in entities:
        if ent.label in PLACE_LABELS and ent.text == event.location and lo <= ent.start and ent.end <= hi:
            return ent
    return None


class GeoStage(Stage):
    """Sets ``event_loc`` on events whose sentence says where they happened; never from the actors' countries.

    Counts resolved and unresolved place names (``unresolved:unknown``, ``unresolved:ambiguous``).
    """

    name: ClassVar[str] = "geo"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "entities", "events", "language"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})  # fills Event.event_loc

    def __init__(self, index: PlaceIndex | None = None) -> None:
        super().__init__()
        self._index = index

    @property
    def index(self) -> PlaceIndex:
        if self._index is None:
            self._index = default_index()
        return self._index

    def process(self, article: Article) -> Article:
        if not any(e.location for e in article.events):
            return article
        ctx: Context = article_context(article.text, article.entities, article.language, self.index)
        for event in article.events:
            if not event.location:
                continue
            ent = _mention(event, article.entities)
            within = qualifiers(article.text, ent.end, self.index) if ent else []
            found = resolve(ent.text if ent else event.location, ctx, self.index, within)
            if isinstance(found, Resolution):
                event.event_loc = locate(found, event.location)
                self.stats["located"] += 1
            else:
                self.stats[f"unresolved:{found.reason}"] += 1
        return article
