"""The sink: SQLite storage of documents, entities, rejections and a full-text index (see :class:`Store`)."""

from warta.store.migrations import LATEST as SCHEMA_VERSION
from warta.store.store import STORE_STAGE, Store, WriteReport, connect

__all__ = ["SCHEMA_VERSION", "STORE_STAGE", "Store", "WriteReport", "connect"]
