"""A local web site on 127.0.0.1 for the watcher's tests: scripted replies per path, every request logged with its
server-side start and end time, requests in flight counted. Nothing here reaches the internet."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Reply:
    """One scripted answer. With ``etag``/``last_modified`` set, a matching conditional request gets a 304."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line (a slow server)
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = "text/html; charset=utf-8"
    drip: float = 0.0  # seconds between 1 KiB chunks of the body (a server that drips bytes)


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    start: float
    end: float
    status: int
    body: bytes = b""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up (a timeout test, the fetcher closing) is no error of the site's


class Site:
    """Routes (path with query → replies; the last one repeats) and the log of what was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply] | Callable[[], Reply]] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.inflight = 0
        self.max_inflight = 0
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def dynamic(self, path: str, make: Callable[[], Reply]) -> None:
        self.routes[path] = make

    def requests(self, path: str | None = None, method: str = "GET") -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.method == method and (path is None or h.path == path)]

    def reset_counters(self) -> None:
        with self.lock:
            self.hits.clear()
            self.max_inflight = 0

    def _reply(self, path: str) -> Reply:
        with self.lock:
            spec = self.routes.get(path)
            if spec is None:
                return Reply(404, b"not found")
            if callable(spec):
                return spec()
            return spec.pop(0) if len(spec) > 1 else spec[0]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall between

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def _serve(self, method: str) -> None:
            start = time.monotonic()
            with site.lock:
                site.inflight += 1
                site.max_inflight = max(site.max_inflight, site.inflight)
            length = int(self.headers.get("Content-Length") or 0)
            body_in = self.rfile.read(length) if length else b""
            status = 0
            end: float | None = None
            try:
                reply = site._reply(self.path)
                if reply.delay:
                    time.sleep(reply.delay)
                # The request counts as done before the answer goes out: once the client has the answer it may
                # send the next one, which must not be seen overlapping this one.
                end = time.monotonic()
                with site.lock:
                    site.inflight -= 1
                status = reply.status
                fresh = (reply.etag and self.headers.get("If-None-Match") == reply.etag) or (
                    reply.last_modified and self.headers.get("If-Modified-Since") == reply.last_modified
                )
                if fresh and status == 200:
                    status = 304
                with site.lock:  # logged before the answer goes out, so a test that has the answer sees the hit
                    site.hits.append(Hit(method, self.path, dict(self.headers.items()), start, end, status, body_in))
                self.send_response(status)
                headers = {"Content-Type": reply.content_type, **reply.headers}
                if reply.etag:
                    headers["ETag"] = reply.etag
                if reply.last_modified:
                    headers["Last-Modified"] = reply.last_modified
                body = b"" if status == 304 else reply.body
                if "Content-Length" not in headers and not reply.drip:
                    headers["Content-Length"] = str(len(body))
                if reply.drip:
                    headers["Connection"] = "close"
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if reply.drip:
                    for i in range(0, len(body), 1024):
                        self.wfile.write(body[i : i + 1024])
                        self.wfile.flush()
                        time.sleep(reply.drip)
                    self.close_connection = True
                elif method != "HEAD":
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                if end is None:
                    with site.lock:
                        site.inflight -= 1

    return Handler


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback requests go straight to the test site even where the environment names an HTTP proxy."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def _running() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    try:
        yield s
    finally:
        s.server.shutdown()
        s.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    yield from _running()


@pytest.fixture
def other_site() -> Iterator[Site]:
    """A second host, for per-host limits and redirects across hosts."""
    yield from _running()


_VOCABULARY = (
    "pemerintah menteri presiden rakyat harga beras pasar nelayan sungai banjir gempa sekolah guru rumah sakit dokter "
    "jalan tol kereta pelabuhan kapal bandara listrik air minum desa kota provinsi anggaran pajak ekspor impor petani "
    "kopi sawit hutan hujan musim laut pulau nikel tambang pabrik buruh upah polisi hakim sidang pemilu partai "
    "warga relawan bantuan bencana vaksin obat gizi anak ibu keluarga koperasi bank kredit rupiah investor saham"
)
WORDS = tuple(_VOCABULARY.split())


def article_html(n: int, *, title: str | None = None, words: int = 160, charset: str = "utf-8") -> bytes:
    """A small news article, different in every word sequence for each ``n`` (so none is a copy of another)."""
    rng = random.Random(n)
    sentences = []
    for _ in range(words // 10):
        sentence = " ".join(rng.choice(WORDS) for _ in range(10))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    paras = "".join(f"<p>{' '.join(sentences[i : i + 4])}</p>" for i in range(0, len(sentences), 4))
    title = title or f"Berita nomor {n} tentang {rng.choice(WORDS)} dan {rng.choice(WORDS)}"
    page = (
        f'<!doctype html><html lang="id"><head><meta charset="{charset}"><title>{title}</title>'
        f'<meta property="article:published_time" content="2026-11-{1 + n % 28:02d}T08:00:00+07:00"></head>'
        f"<body><nav><a href='/'>Beranda</a></nav><article><h1>{title}</h1>{paras}</article>"
        "<footer>Hak cipta Contoh Media</footer></body></html>"
    )
    return page.encode(charset if charset != "utf-8" else "utf-8", errors="xmlcharrefreplace")


def rss(base: str, paths: list[str], titles: list[str] | None = None) -> bytes:
    items = "".join(
        f"<item><title>{(titles or paths)[i]}</title><link>{base}{p}</link>"
        f"<pubDate>Mon, 2{i % 9} Nov 2026 08:00:00 +0700</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Contoh</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def news_sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:publication><news:name>Contoh</news:name>"
        f"<news:language>id</news:language></news:publication><news:publication_date>2026-11-20T08:00:00+07:00"
        f"</news:publication_date><news:title>Judul {p}</news:title></news:news></url>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def posted(site: Site, path: str) -> list[dict[str, Any]]:
    """JSON bodies POSTed to ``path`` that the site answered 2xx."""
    return [json.loads(h.body) for h in site.requests(path, "POST") if 200 <= h.status < 300]
