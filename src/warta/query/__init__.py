"""Read-only functions over a Warta database, shared by the CLI and the web app."""

from warta.query.events import CommitmentHit, EventHit, Party, commitments, events, unresolved_names
from warta.query.quotes import QuoteHit, quotes
from warta.query.search import Hit, search, to_fts
from warta.query.stats import Count, EntityCount, RejectionCount, Stats, stats

__all__ = [
    "CommitmentHit",
    "Count",
    "EntityCount",
    "EventHit",
    "Hit",
    "Party",
    "QuoteHit",
    "RejectionCount",
    "Stats",
    "commitments",
    "events",
    "quotes",
    "search",
    "stats",
    "to_fts",
    "unresolved_names",
]
