"""PLOVER-style event records as JSON Lines: one event per line, the fields PLOVER's data model names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from warta.export.events import EventRow, read_events
from warta.query.events import Party
from warta.store import connect


def export_plover(db: str | Path, out: str | Path) -> int:
    """Write ``out`` as PLOVER JSON Lines; the number of events."""
    conn = connect(db, read_only=True)
    try:
        events = read_events(conn)
    finally:
        conn.close()
    with open(out, "w", encoding="utf-8") as f:
        for event in events:
            f.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
    return len(events)


def plover_record(e: EventRow) -> dict[str, Any]:
    """One event in PLOVER terms: type, mode, context, actor/recipient with country and sector, source text."""
    return {
        "id": f"warta-{e.article_id}-{e.n}",
        "date": e.date or (e.published or e.ingested)[:10],
        "event_type": e.event,
        "mode": e.mode,
        "context": [c for c in (e.context or "").split(",") if c],
        "actor": _names(e.actors),
        "actor_country": _first(e.actors, "country"),
        "actor_sector": _first(e.actors, "sector"),
        "recipient": _names(e.recipients),
        "recipient_country": _first(e.recipients, "country"),
        "recipient_sector": _first(e.recipients, "sector"),
        "location": e.location,
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "intensity": e.intensity,
        "confidence": e.confidence,
        "source": {"article_id": e.article_id, "url": e.url, "domain": e.domain, "title": e.title},
        "text": e.sentence,
        "trigger": e.trigger,
    }


def _names(parties: list[Party]) -> str | None:
    return "; ".join(p.text for p in parties) or None


def _first(parties: list[Party], attr: str) -> str | None:
    for p in parties:
        value = getattr(p, attr)
        if value:
            return str(value)
    return None
