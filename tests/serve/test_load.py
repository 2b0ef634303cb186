"""The server under load while an ingest writes (issue 9): concurrent clients mixing pages, search, events, feeds
and API calls against ``warta serve`` on loopback, while ``POST /api/ingest`` keeps writing. No request may fail
(no 5xx, no ``database is locked``); latency percentiles are printed (``pytest -s``).

The full run (50 clients, 30 s) is ``slow``: ``.venv/bin/pytest -m slow -s tests/serve/test_load.py``.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from tests.pipeline.conftest import SYLLABLES
from tests.serve.conftest import SEED_ID

pytestmark = pytest.mark.issue(9)

TOKEN = "load-test-token"
READS = [
    "/search?q=putin", "/api/search?q=kim+jong+un", f"/articles/{SEED_ID}", f"/api/documents/{SEED_ID}", "/events",
    "/api/events?limit=20", "/api/events?actor=PRK", "/api/documents?limit=20", "/actors/PRK", "/api/actors/RUS",
    "/api/stats", "/feeds/search.atom?q=putin", "/map", "/api/quotes", "/search?q=%22kerja+sama%22",
]  # fmt: skip


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    writes: int = 0
    inserted: int = 0
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def summary(self) -> str:
        return (
            f"{len(self.latencies)} reads in {self.seconds:.0f} s ({len(self.latencies) / self.seconds:.0f}/s), "
            f"latency p50 {self.percentile(50):.0f} ms, p95 {self.percentile(95):.0f} ms, "
            f"p99 {self.percentile(99):.0f} ms, max {max(self.latencies) * 1000:.0f} ms; {self.writes} ingests "
            f"({self.inserted} documents inserted); {len(self.failures)} failures"
        )


def _page(n: int) -> bytes:
    """A distinct text record (distinct words: near-duplicates would be folded into one article's copies)."""
    rng = random.Random(n)
    words = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(60))
    return (
        f"beban.example\nUji Beban Nomor {n} di Jakarta\nJAKARTA - Pemerintah kota mencatat laporan nomor {n}. "
        f"{words.capitalize()}.\n"
    ).encode()


async def _reader(client: httpx.AsyncClient, until: float, load: Load, offset: int) -> None:
    i = offset
    while time.monotonic() < until:
        url = READS[i % len(READS)]
        i += 1
        started = time.monotonic()
        try:
            response = await client.get(url)
        except httpx.HTTPError as exc:
            load.failures.append(f"{url}: {type(exc).__name__}")
            continue
        load.latencies.append(time.monotonic() - started)
        if response.status_code != 200 or "locked" in response.text:
            load.failures.append(f"{url}: {response.status_code} {response.text[:120]}")


async def _writer(client: httpx.AsyncClient, until: float, load: Load) -> None:
    n = 0
    while time.monotonic() < until:
        n += 1
        response = await client.post(
            f"/api/ingest?format=text&name=load-{n}", content=_page(n), headers={"Authorization": f"Bearer {TOKEN}"}
        )
        load.writes += 1
        if response.status_code != 200:
            load.failures.append(f"ingest {n}: {response.status_code} {response.text[:120]}")
        else:
            load.inserted += response.json()["inserted"]


async def _run(base: str, clients: int, seconds: float) -> Load:
    load = Load()
    limits = httpx.Limits(max_connections=clients + 1)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, trust_env=False) as client:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(_writer(client, until, load), *(_reader(client, until, load, i) for i in range(clients)))
        load.seconds = time.monotonic() - started
    return load


@pytest.fixture()
def server(demo_db: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``warta serve`` in its own process on a free loopback port, over a copy of the demo database."""
    db = tmp_path / "load.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "WARTA_TOKEN": TOKEN}
    warta = Path(sys.executable).with_name("warta")
    proc = subprocess.Popen([str(warta), "serve", "--db", str(db), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise AssertionError("warta serve did not start")
        yield base, db
    finally:
        proc.terminate()
        proc.wait(10)


def _check(load: Load, db: Path) -> None:
    print("\n" + load.summary())
    assert not load.failures, load.failures[:5]
    assert load.latencies and load.writes and load.inserted
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM articles WHERE domain = 'beban.example'").fetchone()[0]
    assert stored == load.inserted


def test_reads_and_an_ingest_together_short(server: tuple[str, Path]) -> None:
    base, db = server
    _check(asyncio.run(_run(base, clients=10, seconds=6)), db)


@pytest.mark.slow
def test_fifty_clients_for_thirty_seconds_while_ingesting(server: tuple[str, Path]) -> None:
    base, db = server
    _check(asyncio.run(_run(base, clients=50, seconds=30)), db)
