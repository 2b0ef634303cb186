"""Story pages and API (issue 6), present only when the query layer offers stories."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import SEED_ID

from warta.serve import stories

pytestmark = pytest.mark.skipif(not stories.available(), reason="warta.query offers no stories yet (issue 6)")


def test_story_pages_and_api(client: TestClient) -> None:
    listed = client.get("/api/stories")
    assert listed.status_code == 200
    items = listed.json()
    assert client.get("/stories").status_code == 200
    if items:
        first = items[0]["id"]
        assert client.get(f"/api/stories/{first}").json()["story"]["id"] == first
        assert client.get(f"/stories/{first}").status_code == 200
    assert client.get("/stories/999999").status_code == 404
    assert client.get(f"/articles/{SEED_ID}").status_code == 200
