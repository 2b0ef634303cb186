"""Extraction: raw pages to article title, body and metadata (HTML extractor, line cleaner, the extract stage)."""

from warta.extract.stage import ExtractStage

__all__ = ["ExtractStage"]
