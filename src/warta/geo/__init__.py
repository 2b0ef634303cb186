"""Where things happened: an offline place gazetteer, toponym resolution in context, and event locations."""

from __future__ import annotations

from warta.geo.gazetteer import Kind, Place, PlaceIndex, default_index
from warta.geo.resolve import Context, Precision, Resolution, Unresolved, article_context, resolve
from warta.geo.stage import GeoStage

__all__ = [
    "Context",
    "GeoStage",
    "Kind",
    "Place",
    "PlaceIndex",
    "Precision",
    "Resolution",
    "Unresolved",
    "article_context",
    "default_index",
    "resolve",
]
