"""Quality gate for HTML extraction: AEB-metric F1 floors on pinned data (see ``html_gate.json``).

A floor is only lowered on purpose, in the same commit as the change that needs it, with the reason in the message.
The fast subset runs in CI; the full sets are ``slow``. Skipped when ``../shared/data`` is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.extract.evaluate import Case, Scores, evaluate, file_digest, load_aeb, load_manifest
from warta.extract.html import extract_html

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "extraction"
GATE = json.loads((Path(__file__).with_name("html_gate.json")).read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"benchmark data not found at {DATA}")


def warta_text(case: Case) -> str:
    """What users get: ``extract_html`` then the line cleaner, as the extract stage runs them."""
    from urllib.parse import urlsplit

    result = extract_html(case.html, url=case.url)
    try:
        from warta.extract.cleaner import clean_lines
    except ImportError:
        return result.text
    url = case.url or result.url
    domain = urlsplit(url).hostname if url and "://" in url else None
    return clean_lines(result.cleaner_input(), domain=domain, title_hint=result.title, infer_title=False).text


def _cases(name: str, limit: int | None) -> list[Case]:
    if name == "aeb":
        return load_aeb(DATA / "aeb", limit)
    return load_manifest(DATA / "indonesian")[:limit]


def _score(name: str, limit: int | None) -> Scores:
    return evaluate((case.expected, warta_text(case)) for case in _cases(name, limit))


def test_data_digests() -> None:
    """The floors belong to these exact files; a changed data set needs new floors, on purpose."""
    for rel, digest in GATE["digests"].items():
        assert file_digest(DATA / rel) == digest, f"{rel} changed: re-measure and re-pin html_gate.json"


@pytest.mark.parametrize("name", ["aeb", "indonesian"])
def test_fast_subset(name: str) -> None:
    spec = GATE["fast"][name]
    scores = _score(name, spec["pages"])
    assert scores.f1 >= spec["f1"], f"{name} (first {spec['pages']} pages): F1 {scores.f1:.4f} < {spec['f1']}"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["aeb", "indonesian"])
def test_full_set(name: str) -> None:
    spec = GATE["full"][name]
    scores = _score(name, None)
    assert scores.f1 >= spec["f1"], f"{name}: F1 {scores.f1:.4f} < {spec['f1']}"
