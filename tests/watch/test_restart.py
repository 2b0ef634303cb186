"""``warta watch`` as a process: killed with SIGKILL mid-run and restarted, it stores every article exactly once and
fetches none it had stored; SIGTERM ends it cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.watch.conftest import Reply, Site, article_html, rss

ARTICLES = 20


def warta(*args: str) -> subprocess.Popen[bytes]:
    code = "import sys; from warta.cli.main import main; sys.argv[0] = 'warta'; main()"
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # tables not created yet
        return []
    finally:
        conn.close()


def wait_for(check: object, timeout: float, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        if proc.poll() is not None:
            _out, err = proc.communicate()
            raise AssertionError(f"warta watch exited with {proc.returncode}: {err.decode()[-2000:]}")
        time.sleep(0.1)
    proc.kill()
    _out, err = proc.communicate()
    raise AssertionError(f"timed out; stderr: {err.decode()[-2000:]}")


def test_kill_and_restart_loses_and_repeats_nothing(site: Site, tmp_path: Path) -> None:
    paths = [f"/berita/artikel-{n}" for n in range(ARTICLES)]
    for n, path in enumerate(paths):
        site.route(path, Reply(body=article_html(n), delay=0.05))
    site.route("/rss", Reply(body=rss(site.base, paths)))
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# the test site\n{site.url('/rss')} feed\n", encoding="utf-8")
    db = tmp_path / "watch.db"
    args = [str(sources), "--db", str(db), "--every", "1s", "--rate", "0.02", "--concurrency", "2"]

    first = warta("watch", *args)

    def some_stored() -> bool:
        return (
            bool(query(db, "SELECT count(*) FROM articles WHERE input IS NOT NULL")[0][0] >= 3)
            if query(db, "SELECT 1 FROM watch_frontier LIMIT 1")
            else False
        )

    wait_for(some_stored, 90, first)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    stored_before = {str(u) for (u,) in query(db, "SELECT input FROM articles")}
    pending_before = query(db, "SELECT count(*) FROM watch_frontier WHERE state = 'pending'")[0][0]
    assert 3 <= len(stored_before) < ARTICLES and int(str(pending_before)) > 0  # killed mid-run
    hits_before = {p: len(site.requests(p)) for p in paths}

    second = warta("watch", *args)

    def all_done() -> bool:
        rows = query(db, "SELECT count(*) FROM watch_frontier WHERE state = 'done'")
        return bool(rows and rows[0][0] == ARTICLES)

    wait_for(all_done, 120, second)
    second.send_signal(signal.SIGTERM)
    _out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err.decode()[-2000:]
    assert "stopped after" in err.decode()

    inputs = [str(u) for (u,) in query(db, "SELECT input FROM articles")]
    assert len(inputs) == len(set(inputs)) == ARTICLES  # none lost, none stored twice
    assert set(inputs) == {site.url(p) for p in paths}
    for path in paths:
        hits = len(site.requests(path))
        if site.url(path) in stored_before:
            assert hits == hits_before[path] == 1, path  # stored before the kill: never fetched again
        else:
            assert hits <= 2, path  # at most refetched once: fetched but not yet committed when killed
    # The restart found the frontier where the kill left it: nothing was discovered anew.
    assert query(db, "SELECT count(*) FROM watch_frontier") == [(ARTICLES,)]
