from __future__ import annotations

import pytest

from warta.events.dates import event_date


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Kim bertemu Putin di Rusia pada September lalu.", "2024-06-20", "2023-09"),
        ("Prabowo berbicara, Selasa (21/10/2025).", None, "2025-10-21"),
        ("Polisi menangkap dia kemarin.", "2025-10-21", "2025-10-20"),
        ("Putin akan berkunjung bulan depan.", "2024-12-05", "2025-01"),
        ("Perjanjian diteken 19 Juni 2024.", None, "2024-06-19"),
        ("Tanpa tanggal di sini.", "2024-06-20", None),
    ],
)
def test_event_date(sentence: str, published: str | None, expected: str | None) -> None:
    assert event_date(sentence, published) == expected
