"""Read-only access to a Warta database, shared by every query."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warta.errors import QueryError, StoreError
from warta.store import SCHEMA_VERSION, connect
from warta.store.migrations import version


@contextmanager
def reader(db_path: str | Path) -> Iterator[sqlite3.Connection]:
    """Open ``db_path`` read-only (``mode=ro``), check it is a Warta database, and close it afterwards."""
    conn = connect(db_path, read_only=True)
    try:
        found = version(conn)
        if found == 0:
            raise StoreError(f"{db_path} is not a Warta database (it holds no Warta schema)")
        if found > SCHEMA_VERSION:
            raise StoreError(f"{db_path} has schema version {found}, newer than this Warta knows; upgrade Warta")
        yield conn
    finally:
        conn.close()


def literal(value: str) -> str:
    """``value`` for a ``LIKE … ESCAPE '\\'`` pattern, its ``%``, ``_`` and ``\\`` taken literally.

    A NUL is refused: SQLite ends a pattern there, so ``x\\0y`` would match what ``x`` matches.
    """
    if "\0" in value:
        raise QueryError("a filter may not contain a NUL character")
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like(value: str) -> str:
    """``value`` as a LIKE pattern matching it anywhere (use with ``ESCAPE '\\'``)."""
    return f"%{literal(value)}%"
