"""Which copy of a near-duplicate group is stored does not depend on the order the pages arrive in (issue 6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from warta.ingest import read
from warta.pipeline.default import default_stages
from warta.pipeline.runner import Pipeline
from warta.store import Store
from warta.stories.origin import OriginStage

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED = EXAMPLES / "000_3634da77584c6100.txt"
_CUT = "Perjanjian tersebut kemungkinan besar"
_END = "Cek berita dan artikel"


def _pages(where: Path) -> dict[str, Path]:
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.splitlines()
    body = "\n".join(lines[1:])
    # a mirror that truncates: the last paragraphs are gone
    truncated = "kabarharian.com\n\n" + body[: body.index(_CUT)] + body[body.index(_END) :]
    # Media Indonesia's own page: other navigation and footer
    other = "mediaindonesia.com\n\nBeranda Politik Ekonomi Internasional\nMasuk | Daftar\n" + body.replace(
        "Terkini Lainnya", "Berita Terpopuler\nKebijakan Privasi"
    )
    pages = {"original": seed, "truncated": truncated, "other": other,
             "unrelated": (EXAMPLES / "summit-talks.txt").read_text(encoding="utf-8")}  # fmt: skip
    out = {}
    for name, text in pages.items():
        (where / f"{name}.txt").write_text(text, encoding="utf-8")
        out[name] = where / f"{name}.txt"
    return out


def _rows(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    try:
        q = conn.execute
        stories = {
            sid: (title, first, last, n, sources)
            for sid, title, first, last, n, sources in q(
                "SELECT id, title, first_seen, last_seen, articles, sources FROM stories"
            )
        }
        members: dict[int, set[str]] = {}
        for sid, aid in q("SELECT story_id, article_id FROM story_articles"):
            members.setdefault(sid, set()).add(aid)
        return {
            "articles": sorted(q("SELECT id, title, text, url, domain, path, site_name, input, record FROM articles")),
            "copies": sorted(
                q(
                    "SELECT article_id, copy_id, copy_key, kind, similarity, title, url, domain, path, input, record, "
                    "publisher FROM copies"
                )
            ),
            "origins": sorted(q("SELECT * FROM origins")),
            "stories": sorted((stories[s], sorted(m)) for s, m in members.items()),
            "children": sorted(
                q(
                    "SELECT a.id, (SELECT count(*) FROM entities e WHERE e.article_id = a.id), "
                    "(SELECT count(*) FROM events e WHERE e.article_id = a.id), "
                    "(SELECT count(*) FROM quotes e WHERE e.article_id = a.id), "
                    "(SELECT count(*) FROM credits e WHERE e.article_id = a.id) FROM articles a"
                )
            ),
            "orphans": q(
                "SELECT (SELECT count(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)) + "
                "(SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)) + "
                "(SELECT count(*) FROM lsh_bands WHERE article_id NOT IN (SELECT id FROM articles))"
            ).fetchone()[0],
        }
    finally:
        conn.close()


ORDERS = [
    ("original", "truncated", "other", "unrelated"),
    ("truncated", "other", "unrelated", "original"),
    ("unrelated", "truncated", "original", "other"),
    ("other", "original", "truncated", "unrelated"),
    ("truncated", "unrelated", "other", "original"),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    where = tmp_path_factory.mktemp("order")
    pages = _pages(where)
    pipeline = Pipeline([OriginStage(), *default_stages()])
    out = []
    for n, order in enumerate(ORDERS):
        db = where / f"w{n}.db"
        with Store(db) as store:
            store.write(pipeline.run(read([str(pages[name]) for name in order])), batch_size=1 + n % 2)
            before = _rows(db)
            store.write(pipeline.run(read([str(pages[name]) for name in reversed(order)])))  # idempotent
        assert _rows(db) == before
        out.append(before)
    return out


@pytest.mark.issue(6)
def test_any_arrival_order_stores_the_same_rows(results: list[dict[str, Any]]) -> None:
    first = results[0]
    for other in results[1:]:
        for table in first:
            assert other[table] == first[table], table


@pytest.mark.issue(6)
def test_the_full_page_is_the_article_and_the_others_its_copies(results: list[dict[str, Any]]) -> None:
    rows = results[0]
    assert len(rows["articles"]) == 2 and rows["orphans"] == 0
    assert len(rows["copies"]) == 4
    seed_id = next(c[0] for c in rows["copies"] if c[7] == "kabarharian.com")
    (seed,) = [a for a in rows["articles"] if a[0] == seed_id]
    assert _CUT in seed[2]  # the truncated copy is not the stored version
    kinds = sorted(c[3] for c in rows["copies"] if c[0] == seed_id)
    assert kinds.count("original") == 1 and "near" in kinds
    origin = next(o for o in rows["origins"] if o[0] == seed_id)
    assert origin[1] == "Media Indonesia" and origin[4] == "bbc"
    assert [s[0][4] for s in rows["stories"]] == [1, 1]
