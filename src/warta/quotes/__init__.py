"""Quotes and their speakers."""

from warta.quotes.stage import QuoteStage

__all__ = ["QuoteStage"]
