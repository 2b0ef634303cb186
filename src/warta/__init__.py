"""Warta: raw news pages in, structured knowledge of world events out."""

from warta.data import SCHEMA_VERSION, Article, Rejection

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "Article", "Rejection", "__version__"]
