"""Read-only functions over a Warta database, shared by the CLI and the web app."""

from warta.query.events import CommitmentHit, EventHit, Party, commitments, events, unresolved_names
from warta.query.places import PlacedEvent, PlacedEvents, placed_events
from warta.query.quotes import QuoteHit, quotes
from warta.query.search import Hit, search, to_fts
from warta.query.stats import Count, EntityCount, RejectionCount, Stats, stats
from warta.query.stories import (
    AggregatedEvent,
    RelatedArticle,
    StoryDetail,
    StorySummary,
    aggregate_events,
    related,
    stories,
    story,
    story_of,
)

__all__ = [
    "AggregatedEvent",
    "CommitmentHit",
    "Count",
    "EntityCount",
    "EventHit",
    "Hit",
    "Party",
    "PlacedEvent",
    "PlacedEvents",
    "QuoteHit",
    "RejectionCount",
    "RelatedArticle",
    "Stats",
    "StoryDetail",
    "StorySummary",
    "aggregate_events",
    "commitments",
    "events",
    "placed_events",
    "quotes",
    "related",
    "search",
    "stats",
    "stories",
    "story",
    "story_of",
    "to_fts",
    "unresolved_names",
]
