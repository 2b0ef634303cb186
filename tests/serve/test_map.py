"""The events map's data: located events as JSON (filtered like the explorer) and the server-rendered /map page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import SEED_ID

pytestmark = pytest.mark.issue(12)


def test_seed_events_are_located_only_where_the_text_says(client: TestClient) -> None:
    body = client.get("/api/events/places", params={"article_id": SEED_ID}).json()
    places = {e["place"]: e for e in body["items"]}
    assert set(places) == {"Semenanjung Korea", "Russia", "Ukraine"}
    assert body["total"] == 3 and body["unlocated"] > 0
    assert places["Russia"]["country"] == "RUS" and places["Russia"]["event"] == "CONSULT"
    assert places["Ukraine"]["country"] == "UKR" and places["Ukraine"]["precision"] == "country"
    korea = places["Semenanjung Korea"]
    assert korea["precision"] == "region" and 33 < korea["lat"] < 43 and 124 < korea["lon"] < 131
    for e in body["items"]:
        assert e["article_id"] == SEED_ID and e["sentence"] and e["trigger"]
        assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180


def test_places_use_the_explorer_filters(client: TestClient) -> None:
    everything = client.get("/api/events/places").json()
    assert everything["total"] >= 3
    mobilize = client.get("/api/events/places", params={"type": "MOBILIZE", "article_id": SEED_ID}).json()
    assert [e["place"] for e in mobilize["items"]] == ["Ukraine"]
    assert client.get("/api/events/places", params={"limit": 1}).json()["items"].__len__() == 1
    assert client.get("/api/events/places", params={"quad_class": "9"}).status_code == 400
    assert "/api/events/places" in client.get("/openapi.json").json()["paths"]


def test_map_page_lists_located_events_without_javascript(client: TestClient) -> None:
    html = client.get("/map", params={"article_id": SEED_ID}).text
    assert '<a href="/map">Map</a>' in html
    assert html.count('<li class="place">') == 3
    for place in ("Semenanjung Korea", "Russia", "Ukraine"):
        assert f"<strong>{place}</strong>" in html
    assert f'href="/articles/{SEED_ID}#event-' in html
    assert '<script src="/static/vendor/leaflet/leaflet.js"></script>' in html
    assert "<script>" not in html  # data only in type="application/json"; the CSP allows no inline scripts


@pytest.mark.parametrize(
    "asset", ["/static/map.js", "/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
              "/static/vendor/topojson-client.min.js", "/static/vendor/world-atlas/countries-110m.json"],
)  # fmt: skip
def test_map_assets_are_served_offline(client: TestClient, asset: str) -> None:
    assert client.get(asset).status_code == 200
