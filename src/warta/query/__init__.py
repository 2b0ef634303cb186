"""Read-only functions over a Warta database, shared by the CLI and the web app."""

from warta.query.quotes import QuoteHit, quotes
from warta.query.search import Hit, search, to_fts
from warta.query.stats import Count, EntityCount, RejectionCount, Stats, stats

__all__ = [
    "Count",
    "EntityCount",
    "Hit",
    "QuoteHit",
    "RejectionCount",
    "Stats",
    "quotes",
    "search",
    "stats",
    "to_fts",
]
