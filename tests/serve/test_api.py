"""The JSON API against the real app and a real database ingested from examples/."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import SEED_ID


def test_search_finds_the_seed(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Putin"}).json()
    assert body["total"] >= 1
    assert body["items"][0]["id"] == SEED_ID
    assert "[Putin]" in body["items"][0]["snippet"]
    assert {"language", "domain", "country", "event_type"} <= set(body["facets"])
    assert {"value": "PRK", "count": 1} in body["facets"]["country"]


def test_search_facets_filter(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "Putin", "language": "en"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "Putin", "type": "AID"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "Putin", "since": "2030-01-01"}).json()["total"] == 0


@pytest.mark.parametrize("query", ['"unclosed', "OR", "NOT", "presi*dent", "AND putin", "..."])
def test_malformed_query_is_a_400_with_a_message(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_bad_parameters_are_400_json(client: TestClient) -> None:
    bad = ["/api/search?limit=0", "/api/events?quad_class=9", "/api/events?since=yesterday", "/api/documents?offset=-1"]
    for url in bad:
        response = client.get(url)
        assert response.status_code == 400, url
        assert "message" in response.json()["error"]


def test_documents_pages_are_stable_and_complete(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/api/documents?limit=3"
    while url:
        body = client.get(url).json()
        seen += [d["id"] for d in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == body["total"] >= 8
    again = client.get("/api/documents?limit=3&offset=3").json()["items"]
    assert [d["id"] for d in again] == seen[3:6]


def test_document_is_schema_v1_json(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{SEED_ID}").json()
    assert doc["id"] == SEED_ID and doc["editor"] == "Akmal" and doc["events"] and doc["commitments"]
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["error"]["message"]


def test_events_filter_and_paginate(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "PRK", "type": "AID", "limit": 2}).json()
    assert body["total"] >= 2 and len(body["items"]) == 2 and body["next"]
    assert all(e["event"] == "AID" for e in body["items"])
    assert all(any(p["country"] == "PRK" for p in e["actor"]) for e in body["items"])
    series = client.get("/api/events/series", params={"participant": "PRK"}).json()
    assert sum(p["count"] for p in series) == client.get("/api/events?participant=PRK").json()["total"]


def test_event_table_downloads(client: TestClient) -> None:
    response = client.get("/api/events/export", params={"actor": "PRK", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    total = client.get("/api/events?actor=PRK").json()["total"]
    assert len(rows) == total and all("PRK" in r["actor"] for r in rows)
    as_json = client.get("/api/events/export", params={"actor": "PRK", "format": "json"}).json()
    assert len(as_json) == total


def test_actor_has_the_mutual_defence_commitment_with_russia(client: TestClient) -> None:
    body = client.get("/api/actors/PRK").json()
    assert body["actor"] == {"key": "PRK", "name": "North Korea", "kind": "country"}
    pact = [c for c in body["commitments"] if c["kind"] == "mutual_defence"]
    assert pact and pact[0]["direction"] == "mutual"
    assert [a["key"] for a in pact[0]["counterparts"]] == ["RUS"]
    assert "saling membantu" in pact[0]["sentence"]
    assert body["counterparts"][0]["actor"]["key"] == "RUS"
    assert any(q["speaker"] == "Kim Jong Un" for q in body["quotes"])
    listed = client.get("/api/actors").json()
    assert {"key": "PRK", "name": "North Korea", "kind": "country"}.items() <= listed[1].items() or any(
        a["key"] == "PRK" for a in listed
    )


def test_quotes_and_commitments(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Lee", "limit": 1}).json()
    assert quotes["items"][0]["speaker"] == "Rachel Lee" and quotes["next"]
    second = client.get(quotes["next"]).json()
    assert second["items"] and second["items"][0] != quotes["items"][0]
    pledges = client.get("/api/commitments", params={"country": "PRK"}).json()
    assert pledges["items"][0]["kind"] == "mutual_defence"


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/api/documents", "/api/search", "/api/events", "/api/events/export", "/api/actors",
                 "/api/quotes", "/api/commitments", "/api/ingest"]:  # fmt: skip
        assert path in paths, path


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json()["error"]["message"]
