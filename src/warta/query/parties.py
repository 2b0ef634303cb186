"""Event participants as stored (``event_actors``), shared by every reader of events."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Party:
    """One participant as stored."""

    text: str
    country: str | None
    sector: str | None
    id: str | None


class HasParties(Protocol):
    """A row of some event query: its event number and the two participant lists to fill."""

    n: int
    actor: list[Party]
    recipient: list[Party]


def attach_parties(conn: sqlite3.Connection, rows: Sequence[HasParties]) -> None:
    """Fill each row's actors and recipients in one query, in stored order."""
    by_n = {row.n: row for row in rows}
    if not by_n:
        return
    marks = ",".join("?" * len(by_n))
    for n, role, *party in conn.execute(
        f"SELECT event_n, role, text, country, sector, id FROM event_actors WHERE event_n IN ({marks}) ORDER BY rowid",
        list(by_n),
    ):
        row = by_n[n]
        (row.actor if role == "actor" else row.recipient).append(Party(*party))
