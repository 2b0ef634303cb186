"""A GDELT 2.0 Events table (61 tab-separated columns, no header, like GDELT's own files) from stored events.

Filled from what Warta knows: dates, actor codes (CAMEO country + sector, e.g. ``RUSGOV``), names, country and
type codes, event code / base / root, quad class, Goldstein scale (Warta's intensity), one mention, source and
article per row (each row is one coded mention in one article), the action place (``warta.geo``: type, full name,
FIPS country and ADM1 codes, latitude, longitude, feature id), the date added and the source URL. Ethnic, religion
and known-group codes, tone and the actors' own geography are left empty.
"""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime
from pathlib import Path

from warta.data import EventLocation
from warta.export.events import EventRow, read_events
from warta.geo.codes import gdelt_geo
from warta.query.events import Party
from warta.store import connect

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{i}{name}" for i in (1, 2) for name in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{name}" for who in ("Actor1", "Actor2", "Action") for name in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
assert len(GDELT_COLUMNS) == 61


def export_gdelt(db: str | Path, out: str | Path) -> int:
    """Write ``out`` as GDELT 2.0 Events TSV; the number of rows."""
    conn = connect(db, read_only=True)
    try:
        events = read_events(conn)
        places = read_places(conn)
    finally:
        conn.close()
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for event in events:
            writer.writerow([_clean(v) for v in gdelt_row(event, places.get(event.n))])
    return len(events)


def read_places(conn: sqlite3.Connection) -> dict[int, EventLocation]:
    """Event number → its stored location (schema v6 ``event_places``; empty for an older database)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'event_places'").fetchone():
        return {}
    rows = conn.execute(
        "SELECT event_n, place, country, lat, lon, precision, confidence, admin1, admin2, admin1_code, feature_id, "
        "text FROM event_places"
    )
    return {int(r[0]): EventLocation(*r[1:]) for r in rows}


def gdelt_row(e: EventRow, loc: EventLocation | None = None) -> list[str]:
    """One event as the 61 GDELT fields."""
    day = _day(e.date) or _day(e.published) or _day(e.ingested) or date(1970, 1, 1)
    cameo = e.cameo or ""
    row: list[str] = [
        str(e.n), day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        *_actor(e.actors), *_actor(_others(e.recipients, e.actors)),
        "1" if (e.sentence_start or 0) < e.first_paragraph_end else "0",
        cameo, cameo[:3], cameo[:2], "" if e.quad_class is None else str(e.quad_class),
        "" if e.intensity is None else f"{e.intensity:g}",
        "1", "1", "1", "",
        *([""] * 16),  # actor geography: Warta does not geocode participants
        *(gdelt_geo(loc) if loc else ["", e.location or "", "", "", "", "", "", ""]),
        _added(e.ingested), e.url or e.input or "",
    ]  # fmt: skip
    return row


def _actor(parties: list[Party]) -> list[str]:
    if not parties:
        return [""] * 10
    p = parties[0]
    code = (p.country or "") + (p.sector or "")
    return [code, p.text.upper(), p.country or "", "", "", "", "", p.sector or "", "", ""]


def _others(recipients: list[Party], actors: list[Party]) -> list[Party]:
    """For a joint event (``Putin dan Kim menandatangani…``: each party is the other's recipient), Actor2 is the
    first recipient that is not Actor1."""
    if not actors:
        return recipients
    rest = [p for p in recipients if p.text != actors[0].text]
    return rest or recipients


def _day(value: str | None) -> date | None:
    if not value:
        return None
    text = value.strip()
    for size, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            return datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def _added(ingested: str) -> str:
    digits = "".join(ch for ch in ingested[:19] if ch.isdigit())
    return digits.ljust(14, "0")[:14]


def _clean(value: str) -> str:
    return " ".join(value.split())  # no tabs or newlines inside a field
