"""Quality gate for language identification: accuracy on labelled Indonesian/English news, floors pinned.

The floors and a digest of the data live in ``language_gate.json``; lowering a floor is a deliberate edit.
Short snippets (the first 100 characters) are scored too: that is where identifiers fail.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from warta.language import identify

GATE = Path(__file__).with_name("language_gate.json")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _labelled(shared: Path) -> list[tuple[str, str, str | None]]:
    """(text, language, domain) from detik news (all Indonesian) and the extraction manifest (id/en)."""
    rows: list[tuple[str, str, str | None]] = []
    csv.field_size_limit(10_000_000)
    with (shared / "news/detik-news/data_berita_dev.csv").open(encoding="utf-8") as fh:
        for row in list(csv.DictReader(fh))[:300]:
            rows.append((row["isi_berita"], "id", None))
    for line in (shared / "extraction/indonesian/manifest.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if len(item.get("body") or "") > 200:
            rows.append((item["body"], item["lang"], None))
    return rows


def test_language_gate(shared_data: Path) -> None:
    gate = json.loads(GATE.read_text(encoding="utf-8"))
    for rel, digest in gate["data"].items():
        assert _digest(shared_data / rel) == digest, f"{rel} changed: re-measure and re-pin the gate"
    rows = _labelled(shared_data)
    full = sum(identify(t, domain=d).language == lang for t, lang, d in rows) / len(rows)
    short = sum(identify(t[:100], domain=d).language == lang for t, lang, d in rows) / len(rows)
    print(f"language id accuracy: full {full:.3f}, 100-char {short:.3f} on {len(rows)} texts")
    assert full >= gate["floors"]["accuracy_full"]
    assert short >= gate["floors"]["accuracy_100_chars"]
