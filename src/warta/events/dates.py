"""When an event happened, from the words of its sentence, resolved against the publication date.

``Selasa (21/10/2025)`` → ``2025-10-21``; ``September lalu`` → the last September before publication
(``2024-09``); ``kemarin`` → the day before; ``bulan depan`` → the next month. Without a publication date only
absolute dates are given.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "januari": 1, "january": 1, "februari": 2, "february": 2, "maret": 3, "march": 3, "april": 4, "mei": 5,
    "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7, "agustus": 8, "august": 8, "september": 9,
    "oktober": 10, "october": 10, "november": 11, "nopember": 11, "desember": 12, "december": 12,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
_NUMERIC = re.compile(r"\((\d{1,2})/(\d{1,2})(?:/(\d{4}))?\)")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_MONTH_REL = re.compile(
    rf"\b(?:(?:pada|bulan|sejak|in)\s+)?({_MONTH})(?:\s+(lalu|kemarin|mendatang|depan|(\d{{4}})))?\b", re.IGNORECASE
)
_RELATIVE = {
    "kemarin": -1, "kemarin malam": -1, "hari ini": 0, "besok": 1, "yesterday": -1, "today": 0, "tomorrow": 1,
}  # fmt: skip
_RELATIVE_RE = re.compile(r"\b(" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b(pekan|minggu|bulan|tahun)\s+(lalu|depan|mendatang)\b", re.IGNORECASE)


def _published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def event_date(sentence: str, published: str | None) -> str | None:
    """The date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) the sentence gives its event, if any."""
    pub = _published(published)
    if m := _NUMERIC.search(sentence):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) if year else (pub.year if pub else None)
        if y and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{y:04d}-{month:02d}-{day:02d}"
    if m := _DAY_MONTH_YEAR.search(sentence):
        day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
        y = int(m.group(3)) if m.group(3) else (_year_before(pub, month) if pub else None)
        if y and 1 <= day <= 31:
            return f"{y:04d}-{month:02d}-{day:02d}"
    if (m := _RELATIVE_RE.search(sentence)) and pub:
        return (pub + timedelta(days=_RELATIVE[m.group(1).lower()])).isoformat()
    if m := _MONTH_REL.search(sentence):
        month, rel, year = MONTHS[m.group(1).lower()], (m.group(2) or "").lower(), m.group(3)
        if year:
            return f"{int(year):04d}-{month:02d}"
        if pub:
            if rel in ("depan", "mendatang"):
                y = pub.year if month > pub.month else pub.year + 1
            else:
                y = _year_before(pub, month)
            return f"{y:04d}-{month:02d}"
    if (m := _PERIOD.search(sentence)) and pub:
        unit, sign = m.group(1).lower(), (-1 if m.group(2).lower() == "lalu" else 1)
        if unit == "tahun":
            return f"{pub.year + sign:04d}"
        if unit == "bulan":
            month0 = pub.month - 1 + sign
            return f"{pub.year + month0 // 12:04d}-{month0 % 12 + 1:02d}"
        return (pub + timedelta(weeks=sign)).isoformat()
    return None


def _year_before(pub: date | None, month: int) -> int:
    """The year of the last ``month`` on or before publication (``September lalu`` read in June 2024 → 2023)."""
    assert pub is not None
    return pub.year if month <= pub.month else pub.year - 1
