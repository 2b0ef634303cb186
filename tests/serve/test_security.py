"""Security review of the web app, as tests (issue 9): injection through every parameter, path traversal, stored and
reflected XSS from a hostile page ingested through the real pipeline, Atom escaping, the ingest token, body limits
and the address the server binds to."""

from __future__ import annotations

import asyncio
import hmac
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from tests.serve.conftest import SEED_ID

from warta.serve import ServeConfig, create_app
from warta.serve.config import exposure_warnings, is_loopback

pytestmark = pytest.mark.issue(9)

TOKEN = "s3cret-token-for-tests"
LEAKS = ("sqlite", "fts5", "syntax error", "traceback", "operationalerror", "no such column")

#: FTS5 syntax, SQL fragments and odd characters a search box receives.
QUERIES = [
    '"', '""', '" "', '"a', 'a"b"', "*", "**", "a*b", "*a", "NEAR(", "NEAR(a b)", "NEAR(a b, 2)", "a NEAR b", "-",
    "-a", "a -b", "^a", "+a", "a:b", "title:putin", "text:*", "{title text}: a", "(", ")", "(a OR", "a) OR (b",
    "AND", "OR", "NOT", "a AND", "NOT a", "a OR OR b", "'", "a'b", "' OR 1=1 --", "'; DROP TABLE articles; --",
    "%", "_", "\\", "a\x00b", "\u202eputin", "putin" * 90, "\x0b\x0c", "]]>", "<script>alert(1)</script>",
]  # fmt: skip

#: Values for every other filter: quoting, LIKE wildcards, comment and union tricks.
INJECTIONS = ["' OR 1=1 --", '" OR ""="', "') UNION SELECT sql FROM sqlite_schema --", "1; DROP TABLE articles", "\\"]

FILTERS = [
    "/api/documents?domain=", "/api/documents?language=", "/api/documents?country=", "/api/documents?type=",
    "/api/events?actor=", "/api/events?recipient=", "/api/events?participant=", "/api/events?mode=",
    "/api/events?context=", "/api/events?type=", "/api/events?article_id=", "/api/events/series?actor=",
    "/api/events/places?participant=", "/api/events/export?actor=", "/api/quotes?speaker=", "/api/quotes?q=",
    "/api/commitments?country=", "/api/actors/", "/api/documents/", "/articles/", "/actors/", "/events?actor=",
    "/map?recipient=", "/search?domain=", "/feeds/events.atom?actor=", "/feeds/search.atom?country=",
]  # fmt: skip


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "quotes")}


def _clean(response: Any, sent: str = "") -> None:
    """No server error, and no database internals in the answer (beyond the echo of what was sent)."""
    assert response.status_code < 500, response.text[:300]
    text = response.text.lower()
    leaks = [leak for leak in LEAKS if leak not in sent.lower()]
    assert not any(leak in text for leak in leaks), response.text[:300]


@pytest.mark.parametrize("q", QUERIES)
def test_search_syntax_is_a_result_or_a_clean_400(client: TestClient, q: str) -> None:
    for url in ("/api/search", "/search", "/feeds/search.atom", "/api/quotes", "/api/documents"):
        response = client.get(url, params={"q": q})
        _clean(response)
        assert response.status_code in (200, 400), (url, response.status_code)
        if response.status_code == 400 and url.startswith("/api"):
            assert response.json()["error"]["message"]


def test_filters_are_bound_parameters_not_sql(client: TestClient, demo_db: Path) -> None:
    before = _counts(demo_db)
    for url in FILTERS:
        for value in INJECTIONS:
            response = client.get(url + quote(value, safe=""))
            _clean(response, value)
            if url.startswith(("/api/documents?", "/api/events?")) and response.status_code == 200:
                assert response.json()["total"] == 0, (url, value)  # a tautology matched nothing: it was a value
    assert _counts(demo_db) == before


async def _raw(app: Any, path: str, query: bytes = b"") -> tuple[int, bytes]:
    """One request with its path exactly as given (HTTP clients normalise ``..`` away before sending)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1),
             "server": ("testserver", 80)}  # fmt: skip
    messages: list[dict[str, Any]] = []
    first = True

    async def receive() -> dict[str, Any]:
        nonlocal first
        if first:
            first = False
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # no disconnect until the response is done
        raise AssertionError

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app(scope, receive, send)
    return messages[0]["status"], b"".join(m.get("body", b"") for m in messages[1:])


@pytest.mark.parametrize(
    "path",
    ["/static/../app.py", "/static/../../serve/app.py", "/static/vendor/../../app.py", "/static/..%2fapp.py",
     "/static/%2e%2e/app.py", "/static/../templates/base.html", "/static//etc/passwd", "/static/..\\app.py",
     "/static/vendor/leaflet/../../../config.py", "/watchlists/../../etc/passwd.atom", "/static/\x00"],
)  # fmt: skip
def test_no_path_traversal(demo_db: Path, path: str) -> None:
    app = create_app(ServeConfig(db=demo_db))
    status, body = asyncio.run(_raw(app, path))
    assert status == 404
    assert b"import" not in body and b"root:" not in body and b"{%" not in body
    assert asyncio.run(_raw(app, "/static/app.css"))[0] == 200  # the same route still serves its own files


HOSTILE_HTML = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>Warga "&gt;&lt;img src=x onerror=alert(1)&gt; Menolak</title>
<link rel="canonical" href="javascript:alert(document.cookie)">
<meta property="og:site_name" content='Evil"><script>alert(7)</script>'>
<meta name="author" content="<svg onload=alert(8)>">
</head><body><article><h1>Warga "><img src=x onerror=alert(1)> Menolak</h1>
<p>{body} &lt;script&gt;alert(9)&lt;/script&gt; "Kami tidak setuju &lt;img src=x onerror=alert(10)&gt;," kata Budi
Santoso, ketua kelompok tani di Serang.</p><script>alert('inline')</script>
<p><a href="javascript:alert(11)">tautan</a> {body}</p></article></body></html>"""
BODY = (
    "Ratusan petani Kota Serang berkumpul di depan kantor bupati pada Senin pagi untuk menolak rencana pembangunan "
    "pabrik semen yang dinilai akan merusak irigasi sawah mereka. "
) * 3


@pytest.fixture(scope="module")
def hostile_app(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str, Path]]:
    """A copy of the demo database with the hostile page ingested through ``POST /api/ingest`` (the real path)."""
    db = tmp_path_factory.mktemp("hostile") / "copy.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with TestClient(create_app(ServeConfig(db=db, token=TOKEN))) as app:
        page = HOSTILE_HTML.format(body=BODY).encode()
        auth = {"Authorization": f"Bearer {TOKEN}"}
        response = app.post("/api/ingest?format=html&name=evil", content=page, headers=auth)
        assert response.status_code == 200 and response.json()["inserted"] == 1, response.text
        with sqlite3.connect(db) as conn:
            article_id, url = conn.execute("SELECT id, url FROM articles WHERE text LIKE '%pabrik semen%'").fetchone()
        assert url == "javascript:alert(document.cookie)"  # stored as found: escaping is the viewer's job
        yield app, article_id, db


def test_stored_xss_from_an_ingested_page_renders_inert(hostile_app: tuple[TestClient, str, Path]) -> None:
    app, article_id, _ = hostile_app
    for url in [f"/articles/{article_id}", "/search?q=petani", "/search?q=Warga+Menolak", "/events", "/stories"]:
        response = app.get(url)
        assert response.status_code in (200, 404), url
        html = response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]
        for live in ("javascript:", "<script>alert", "<img src=x", "<svg onload", "onerror=alert(1)>"):
            assert live not in html, (url, live)
    article = app.get(f"/articles/{article_id}").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in article  # shown as text, not dropped
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in article
    assert ">original</a>" not in article  # the javascript: canonical URL is no link


def test_atom_feeds_escape_a_hostile_page(hostile_app: tuple[TestClient, str, Path]) -> None:
    app, _, _ = hostile_app
    for url in ["/feeds/search.atom?q=petani", "/feeds/search.atom", "/feeds/events.atom"]:
        response = app.get(url)
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = ElementTree.fromstring(response.content)  # well-formed, or this raises
        assert not feed.findall(".//{*}script") and not feed.findall(".//{*}img")
    titles = [t.text or "" for t in ElementTree.fromstring(app.get("/feeds/search.atom?q=petani").content).iter()]
    assert any('"><img src=x onerror=alert(1)>' in t for t in titles)  # the text survives, as text


@pytest.mark.parametrize("q", ["warga\x0b", "warga\x01\x1f", "warga \ufffe", 'warga "quoted"'])
def test_atom_feed_stays_well_formed_for_any_query(client: TestClient, q: str) -> None:
    response = client.get("/feeds/search.atom", params={"q": q})
    assert response.status_code == 200
    ElementTree.fromstring(response.content)


def test_atom_self_link_survives_a_raw_quote_in_the_query(demo_db: Path) -> None:
    app = create_app(ServeConfig(db=demo_db))
    status, body = asyncio.run(_raw(app, "/feeds/search.atom", b'q=warga"><x a="'))
    assert status == 200
    link = ElementTree.fromstring(body).find("{http://www.w3.org/2005/Atom}link")
    assert link is not None and list(link.attrib) == ["rel", "href"]


@pytest.mark.parametrize(
    "url",
    ["/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
     "/actors/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", '/events?actor="><script>alert(1)</script>',
     "/map?actor=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", "/search?q=%22%3E%3Cscript%3E&domain=%3Cscript%3E"],
)  # fmt: skip
def test_reflected_input_is_escaped(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert "<script>alert" not in html and "<img src=x" not in html and '"><script>' not in html


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"bearer{TOKEN}", f"Basic {TOKEN}",
     f"Bearer {TOKEN.upper()}", "Bearer \u00e9t\u00e9"],
)  # fmt: skip
def test_ingest_refuses_every_wrong_token(demo_db: Path, header: str | None) -> None:
    """Also a token sent as a query parameter, and non-ASCII bytes in the header (sent raw, as UTF-8)."""
    before = _counts(demo_db)
    with TestClient(create_app(ServeConfig(db=demo_db, token=TOKEN))) as app:
        headers = {} if header is None else {"Authorization": header.encode()}
        response = app.post(f"/api/ingest?format=text&token={TOKEN}", content=b"example.com\nHello", headers=headers)
    assert response.status_code == 401 and "token" in response.json()["error"]["message"]
    assert TOKEN not in response.text
    assert _counts(demo_db) == before


def test_token_is_compared_in_constant_time(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)  # the module warta.serve.ingest calls through
    with TestClient(create_app(ServeConfig(db=demo_db, token=TOKEN))) as app:
        assert app.post("/api/ingest", content=b"x", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert calls == [(b"nope", TOKEN.encode())]


def test_token_is_never_logged_nor_shown(
    demo_db: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    config = ServeConfig(db=demo_db, token=TOKEN)
    assert TOKEN not in repr(config) and TOKEN not in str(config)
    with caplog.at_level(logging.DEBUG), TestClient(create_app(config)) as app:
        app.post("/api/ingest?format=text", content=b"x", headers={"Authorization": "Bearer wrong"})
        app.post("/api/ingest?format=text", content=b"\n", headers={"Authorization": f"Bearer {TOKEN}"})
        openapi = app.get("/openapi.json").text
    assert TOKEN not in caplog.text and TOKEN not in capsys.readouterr().err and TOKEN not in openapi


def test_chunked_body_over_the_limit_is_refused(demo_db: Path) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(50):
            yield b"x" * 100  # no Content-Length: the middleware must count as it reads

    with TestClient(create_app(ServeConfig(db=demo_db, token=TOKEN, max_body_bytes=1000))) as app:
        response = app.post("/api/ingest?format=text", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 413 and "limit" in response.json()["error"]["message"]
        assert "script-src 'self'" in response.headers["content-security-policy"]
        odd = app.post("/api/ingest", content=b"x", headers={"Content-Length": "1e3", "Authorization": "Bearer x"})
        assert odd.status_code in (400, 413)


def test_server_binds_to_loopback_unless_told(monkeypatch: pytest.MonkeyPatch, demo_db: Path) -> None:
    import warta.serve
    from warta.cli.main import cli

    bound: list[str] = []
    monkeypatch.setattr(warta.serve, "run", lambda config, host, port: bound.append(host))
    monkeypatch.delenv("WARTA_TOKEN", raising=False)
    quiet = CliRunner().invoke(cli, ["serve", "--db", str(demo_db)])
    assert quiet.exit_code == 0, quiet.output
    assert bound == ["127.0.0.1"] and "warning" not in quiet.output
    loud = CliRunner().invoke(cli, ["serve", "--db", str(demo_db), "--host", "0.0.0.0"])
    assert bound[-1] == "0.0.0.0" and "not loopback" in loud.output and "127.0.0.1" in loud.output
    monkeypatch.setenv("WARTA_TOKEN", TOKEN)
    exposed = CliRunner().invoke(cli, ["serve", "--db", str(demo_db), "--host", "192.0.2.7"])
    assert "clear text" in exposed.output and TOKEN not in exposed.output


@pytest.mark.parametrize(
    ("host", "local"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, local: bool) -> None:
    assert is_loopback(host) is local
    assert (exposure_warnings(host, None) == []) is local


def test_error_responses_carry_no_internals(client: TestClient) -> None:
    for url in ["/api/documents/%00", f"/api/documents/{SEED_ID}%27", "/api/search?limit=abc", "/api/events?offset=-5"]:
        _clean(client.get(url))
    for url in ["/api/stories/9223372036854775808", "/stories/99999999999999999999", "/api/stories/-1"]:
        response = client.get(url)  # an id past SQLite's 64 bits was an OverflowError (found by schemathesis)
        _clean(response)
        assert response.status_code in (400, 404), url
