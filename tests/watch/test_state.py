"""The watch tables: the fetch log keeps its newest rows only."""

from __future__ import annotations

from pathlib import Path

from warta.store import Store
from warta.watch.fetcher import Exchange
from warta.watch.state import WatchState


def test_the_fetch_log_keeps_its_newest_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        state = WatchState(store.conn, fetch_log_rows=5)
        for batch in range(4):
            state.log([Exchange(f"https://x.example/{batch}-{i}", 200, "ok", None, 10, 0.1) for i in range(3)])
        urls = [u for (u,) in store.conn.execute("SELECT url FROM watch_fetches ORDER BY n")]
    assert urls == ["https://x.example/2-1", "https://x.example/2-2"] + [f"https://x.example/3-{i}" for i in range(3)]
