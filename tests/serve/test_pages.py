"""Server-rendered pages: search, article highlighting, actors, escaping, headers, limits, reads during writes."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import PAYLOAD, SEED_ID, XSS_ID

from warta.serve import ServeConfig, create_app


def test_search_page_highlights_and_links(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Putin"}).text
    assert f'href="/articles/{SEED_ID}"' in html
    assert "<mark>Putin</mark>" in html
    assert 'href="/search?q=Putin&amp;country=PRK"' in html  # a facet link keeps the query: shareable URLs


def test_search_page_explains_a_malformed_query(client: TestClient) -> None:
    response = client.get("/search", params={"q": '"kim jong'})
    assert response.status_code == 400
    assert "unbalanced quote" in response.text


def test_article_page_highlights_entities_quotes_and_events(client: TestClient) -> None:
    html = client.get(f"/articles/{SEED_ID}").text
    assert re.search(r'<a [^>]*class="ent ent-gpe"[^>]*href="/actors/PRK">Korea Utara</a>', html)
    assert re.search(r'<a [^>]*class="ent ent-per"[^>]*href="/actors/wikidata:Q7747">Vladimir Putin</a>', html)
    assert 'class="quote"' in html and 'id="quote-0"' in html
    assert re.search(r'id="event-\d+" class="trg quad-2"[^>]*href="#ev-\d+">memasok senjata</a>', html)
    for meta in ["visitaaponce.com", "Akmal", "BBC/P-5", "photo: KCNA", "mutual defence"]:
        assert meta in html


def test_actor_page_shows_the_commitment_and_its_evidence(client: TestClient) -> None:
    html = client.get("/actors/PRK").text
    assert ("North Korea" in html and "Mutual" in html.title()) or "mutual defence" in html
    commitments = html[html.index('id="commitments"') : html.index('class="network"')]
    assert 'href="/actors/RUS">Russia</a>' in commitments
    assert "<mark>menandatangani</mark> perjanjian akan saling membantu" in commitments
    assert 'id="graph-data"' in html and '"RUS"' in html


def test_events_page_has_chart_data_and_downloads(client: TestClient) -> None:
    html = client.get("/events", params={"actor": "PRK"}).text
    assert 'id="quad-data"' in html and "/api/events/export?actor=PRK&amp;format=csv" in html
    assert "/static/vendor/chart.umd.min.js" in html


@pytest.mark.issue(7)
@pytest.mark.parametrize("url", [f"/articles/{XSS_ID}", "/search?q=warga", "/search", "/actors/IDN", "/events"])
def test_hostile_content_renders_inert(client: TestClient, url: str) -> None:
    body = client.get(url).text
    assert "<script>alert" not in body and "<img src=x" not in body and "<svg onload" not in body
    assert "<b onmouseover" not in body
    if url.startswith(("/articles", "/search")):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_api_returns_hostile_content_as_data_never_html(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "warga"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["items"][0]["title"] == f"Judul {PAYLOAD}"  # data as stored; escaping is the viewer's


def test_hostile_json_in_page_cannot_close_the_script(demo_db: Path, client: TestClient) -> None:
    html = client.get("/actors/IDN").text
    data = html[html.index('id="graph-data">') :]
    data = data[: data.index("</script>")]
    assert "<" not in data.split(">", 1)[1]


def test_security_headers(client: TestClient) -> None:
    for url in ["/", f"/articles/{SEED_ID}", "/api/search?q=putin", "/api/nope", "/static/app.css"]:
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"], url
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_request_body_limit(demo_db: Path) -> None:
    with TestClient(create_app(ServeConfig(db=demo_db, token="t", max_body_bytes=100))) as small:
        response = small.post("/api/ingest", content=b"x" * 1000, headers={"Authorization": "Bearer t"})
    assert response.status_code == 413 and "limit" in response.json()["error"]["message"]


def test_ingest_is_disabled_without_a_token(client: TestClient) -> None:
    response = client.post("/api/ingest?format=text", content=b"example.com\nHello")
    assert response.status_code == 403 and "disabled" in response.json()["error"]["message"]


def test_ingest_needs_the_right_token(demo_db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(ServeConfig(db=demo_db, token="s3cret"))) as app:
        wrong = app.post("/api/ingest?format=text", content=b"x", headers={"Authorization": "Bearer nope"})
        missing = app.post("/api/ingest?format=text", content=b"x")
    assert wrong.status_code == missing.status_code == 401


def test_ingest_with_the_token_stores_the_page(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    page = (
        "berita.example.id\nMenlu Bertemu Mitra dari Jepang di Jakarta\n"
        "JAKARTA - Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Jakarta pada Kamis untuk "
        "membahas kerja sama perikanan dan keamanan laut di kawasan. Kedua menteri sepakat memperkuat patroli.\n"
    )
    with TestClient(create_app(ServeConfig(db=db, token="s3cret"))) as app:
        response = app.post(
            "/api/ingest?format=text&name=berita", content=page.encode(), headers={"Authorization": "Bearer s3cret"}
        )
        assert response.status_code == 200, response.text
        assert response.json()["inserted"] == 1
        assert app.get("/api/search", params={"q": "perikanan"}).json()["total"] == 1


def test_reads_go_on_while_a_writer_holds_the_database(demo_db: Path, client: TestClient) -> None:
    writer = sqlite3.connect(demo_db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO rejected (input, record, stage, reason, at) VALUES ('w', '0', 'x', 'y', 'z')")
        assert client.get("/api/search", params={"q": "Putin"}).json()["total"] == 1
        assert client.get(f"/articles/{SEED_ID}").status_code == 200
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_unknown_page_and_actor_are_404_html(client: TestClient) -> None:
    assert client.get("/nowhere").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/actors/nobody-at-all").status_code == 404


def test_watchlists_and_feeds(demo_db: Path, tmp_path: Path) -> None:
    saved = tmp_path / "watch.json"
    saved.write_text('{"pact": {"title": "Russia and North Korea", "actor": "PRK", "recipient": "RUS"}}')
    with TestClient(create_app(ServeConfig(db=demo_db, watchlists=saved))) as app:
        assert "Russia and North Korea" in app.get("/watchlists").text
        feed = app.get("/watchlists/pact.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        assert "<entry>" in feed.text and "Kim" in feed.text
        assert "<entry>" in app.get("/feeds/search.atom?q=putin").text
        assert PAYLOAD not in app.get("/feeds/search.atom?q=warga").text


def test_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    """A submitted form sends every field, empty ones as ``name=``: those must not filter, nor fail."""
    assert client.get("/search?q=Putin&since=&until=&country=").status_code == 200
    response = client.get("/events?actor=&type=&mode=&quad_class=&since=&until=")
    assert response.status_code == 200 and "quad-data" in response.text
