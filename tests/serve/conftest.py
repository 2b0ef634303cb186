"""One real database for the web tests: ``examples/`` ingested through the default pipeline, plus a hostile page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web app needs the serve extra: pip install -e '.[serve]'")

from fastapi.testclient import TestClient

from warta.data import Article, Entity, Provenance, Quote, Source
from warta.serve import ServeConfig, create_app
from warta.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEED_ID = "59ea421e369eabea"
XSS_ID = "xss-page"
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def hostile() -> Article:
    """A page whose title, body, entity and quote carry script and event-handler payloads."""
    text = f"Warga melapor {PAYLOAD} di Jakarta. \"{PAYLOAD}\" kata <b onmouseover=alert(3)>Budi</b>."
    at = text.index("Jakarta")
    quote_at = text.index('"') + 1
    return Article(
        id=XSS_ID,
        title=f"Judul {PAYLOAD}",
        text=text,
        language="id",
        editor='<svg onload="alert(4)">',
        source=Source(path="xss.html", domain="evil.example"),
        provenance=Provenance(input="xss.html"),
        entities=[Entity("Jakarta", "GPE", at, at + 7, "IDN"), Entity(PAYLOAD, "ORG", 14, 14 + len(PAYLOAD))],
        quotes=[Quote(PAYLOAD, quote_at, quote_at + len(PAYLOAD), True, "kata", None)],
    )


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from warta.ingest import read
    from warta.pipeline.default import build_pipeline

    path = tmp_path_factory.mktemp("serve") / "warta-demo.db"
    with Store(path) as store:
        store.write(build_pipeline().run(read([str(ROOT / "examples")])))
        store.write([hostile()])
    return path


@pytest.fixture(scope="session")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(db=demo_db))) as c:
        yield c
