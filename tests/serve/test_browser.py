"""The acceptance path in real headless Chromium (Debian's ``chromium``; Playwright drives it, never downloads one):
search "Putin" → open the seed article → follow North Korea → see the graph and the mutual-defence pact with Russia.
Screenshots land in ``tests/serve/artifacts/`` (git-ignored; CI keeps them as artifacts)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.serve.conftest import SEED_ID

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt install chromium)"),
    pytest.mark.issue(7),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python (the dev extra)")


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, stopped when the module's tests are done."""
    import uvicorn

    from warta.serve import ServeConfig, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(ServeConfig(db=demo_db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[sync_api.Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: sync_api.Browser) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def test_search_article_actor_graph_and_commitment(server: str, page: sync_api.Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/search")
    page.fill("form.search input[name=q]", "Putin")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/search?q=Putin*")
    first = page.locator("ol.hits li.hit a.title").first
    assert first.get_attribute("href") == f"/articles/{SEED_ID}"
    assert page.locator("ol.hits mark").first.inner_text() == "Putin"
    page.screenshot(path=str(ARTIFACTS / "1-search.png"))

    first.click()
    page.wait_for_url(f"**/articles/{SEED_ID}")
    assert page.locator(".body a.ent").count() > 20
    assert page.locator(".body .quote").count() >= 5
    assert page.locator(".body a.trg").count() >= 10
    page.screenshot(path=str(ARTIFACTS / "2-article.png"))

    page.locator(".body a.ent", has_text="Korea Utara").first.click()
    page.wait_for_url("**/actors/PRK")
    assert page.locator("h1").inner_text().startswith("North Korea")
    page.wait_for_selector("#graph[data-ready='3'] canvas")  # Cytoscape drew North Korea and its 2 counterparts
    pact = page.locator("li.commitment", has_text="mutual defence")
    assert "mutual, with Russia" in " ".join(pact.inner_text().split())
    assert pact.locator("mark").inner_text() == "menandatangani"
    assert "saling membantu jika terjadi agresi" in pact.locator("blockquote").inner_text()
    page.screenshot(path=str(ARTIFACTS / "3-actor-prk.png"), full_page=True)
    assert not errors, errors


def test_events_chart_draws(server: str, page: sync_api.Page) -> None:
    page.goto(server + "/events?participant=PRK")
    page.wait_for_function("document.getElementById('quad-chart').getAttribute('style') !== null || "
                           "document.getElementById('quad-chart').width > 0")  # fmt: skip
    canvas = page.locator("#quad-chart")
    assert canvas.bounding_box() is not None and canvas.bounding_box()["height"] > 100  # type: ignore[index]
    assert page.locator("table.events tbody tr").count() >= 10
    page.screenshot(path=str(ARTIFACTS / "4-events.png"))


def test_pages_read_without_javascript(server: str, browser: sync_api.Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "/actors/PRK")
    assert "mutual, with Russia" in " ".join(tab.locator("#commitments").inner_text().split())
    assert tab.locator("table.counterparts a", has_text="Russia").count() == 1
    context.close()


@pytest.mark.issue(12)
def test_map_shows_located_events(server: str, page: sync_api.Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-outlines='1']")  # the offline country outlines drew
    markers = page.locator("#map path.event-marker")
    assert markers.count() >= 3
    assert int(page.locator("#map").get_attribute("data-markers") or 0) == markers.count()
    page.screenshot(path=str(ARTIFACTS / "5-map.png"))
    ukraine = page.locator("li.place", has_text="Ukraine").first.locator("a").get_attribute("href")
    assert ukraine and ukraine.startswith(f"/articles/{SEED_ID}#event-")
    page.goto(server + f"/map?article_id={SEED_ID}")
    page.wait_for_selector("#map[data-markers='3']")
    page.locator("#map path.event-marker").first.click(force=True)
    popup = page.locator(".leaflet-popup-content .map-popup a")
    assert popup.get_attribute("href", timeout=5000).startswith(f"/articles/{SEED_ID}#event-")  # type: ignore[union-attr]
    assert not errors, errors
