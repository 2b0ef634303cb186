"""The Ray runner's parts that need no Ray: stage split, schema-v1 round trip, Parquet loading (issue 8)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from warta.data import (
    Actor,
    Article,
    Commitment,
    Credit,
    CreditRole,
    Entity,
    Event,
    EventMode,
    Provenance,
    Quote,
    Rejection,
    Related,
    Source,
    Speaker,
    article_from_dict,
)
from warta.errors import MissingDependency, UsageError
from warta.pipeline.ray_runner import (
    FORMAT,
    MARKER,
    _final,
    _final_stats,
    _table,
    load_parquet,
    run_ray,
    split_stages,
)
from warta.pipeline.worker import extract_factory
from warta.settings import DEFAULTS
from warta.store import Store

pytestmark = pytest.mark.issue(8)

SYLLABLES = [c + v for c in "bdklmnrst" for v in "aeiou"]
TEXT = "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Pyongyang. Keduanya menandatangani pakta pertahanan."


def rich_article(n: int = 1) -> Article:
    rng = random.Random(n)  # distinct texts: near-duplicates would be folded into one stored article
    words = " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(80))
    putin = Actor("Vladimir Putin", "RUS", "GOV", "wikidata:Q7747")
    kim = Actor("Kim Jong Un", "PRK", "GOV")
    return Article(
        id=f"a{n}",
        source=Source(path=f"in/{n}.html", url=f"https://example.id/{n}", domain="example.id"),
        title=f"Putin dan Kim {n}",
        published="2024-06-19",
        language="id",
        language_score=0.99,
        text=f"{TEXT} {words}.",
        authors=["Rina"],
        editor="Budi",
        credits=[Credit(CreditRole.AUTHOR, "Rina")],
        related=[Related("Kabar lain", "https://example.id/lain")],
        entities=[Entity("Vladimir Putin", "PER", 15, 29, "RUS", "wikidata:Q7747"), Entity("Pyongyang", "LOC", 53, 62)],
        quotes=[Quote("Kami akan membantu", 0, 18, True, "ujar", Speaker("Putin", "wikidata:Q7747", "presiden"))],
        events=[
            Event(
                "AGREE",
                EventMode.ASSERTED,
                "057",
                [putin],
                [kim],
                "menandatangani",
                TEXT,
                74,
                88,
                confidence=0.8,
                quad_class=1,
                intensity=8.0,
                sentence_start=64,
                sentence_end=len(TEXT),
            )
        ],
        commitments=[Commitment("mutual_defence", [putin, kim], [], True, EventMode.ASSERTED, "pakta", TEXT, 74, 88)],
        site_name="Contoh",
        provenance=Provenance(input="in/", record=str(n), ingested="2024-06-19T10:00:00+00:00"),
    )


def test_schema_v1_round_trip_is_exact() -> None:
    article = rich_article()
    again = article_from_dict(json.loads(json.dumps(article.to_dict())))
    assert again == article
    assert again.to_dict() == article.to_dict()


def test_unknown_keys_are_ignored_and_missing_ones_default() -> None:
    article = article_from_dict({"id": "x", "text": "t", "schema_version": 1, "from_the_future": [1, 2]})
    assert article.id == "x" and article.entities == [] and article.provenance is None


def test_model_stages_run_in_the_pool_the_rest_while_reading() -> None:
    prefix, models = split_stages(extract_factory(DEFAULTS))
    assert [s.name for s in prefix] == ["extract", "language"] and models == []


def write_output(folder: Path, rows: list[dict[str, object]], inputs: list[dict[str, object]]) -> Path:
    import pyarrow.parquet as pq

    folder.mkdir()
    pq.write_table(_table(rows[::2]), folder / "part-a.parquet")  # out of order, in two files, as Ray writes
    pq.write_table(_table(rows[1::2]), folder / "part-b.parquet")
    marker = {"format": FORMAT, "workers": 2, "seconds": 1.0, "skipped": 0, "inputs": inputs}
    (folder / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    return folder


def test_load_is_idempotent_in_input_order_with_counters(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    shard = tmp_path / "in.jsonl"
    shard.write_text("{}\n", encoding="utf-8")
    st = shard.stat()
    rows = [_final(1, i, rich_article(i)) for i in range(3)]
    rows.insert(1, _final(1, 3, Rejection(str(shard), "not JSON", "ingest", "4")))
    rows.append(_final(0, 0, Rejection("missing.warc", "no such file", "ingest")))
    stats = {"stages": {"extract": {"ok": 3, "seconds": 0.5}}, "pid": 7, "peak_rss_mb": 321.0}
    rows.append(_final_stats({"order": -1, "seq": 0, "stats": json.dumps(stats)}))
    key = {"path": str(shard), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    inputs = [{"order": 0, "name": "missing.warc"}, {"order": 1, "name": str(shard), **key}]
    out = write_output(tmp_path / "out", rows, inputs)

    with Store(tmp_path / "w.db") as store:
        first = load_parquet(store, out, batch_size=2)
        assert (first.write.inserted, first.write.unchanged, first.write.rejected) == (3, 0, 2)
        assert first.stats["extract"] == {"ok": 3, "seconds": 0.5} and first.shards == 1
        order = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY n")]
        assert order == ["a0", "a1", "a2"]
        assert store.count("entities") == 6 and store.count("quotes") == 3 and store.count("events") == 3
        assert store.count("commitments") == 3
        second = load_parquet(store, out)
        assert (second.write.inserted, second.write.unchanged, second.write.rejected) == (0, 3, 2)
        assert store.count("articles") == 3 and store.count("rejected") == 2 and store.count("entities") == 6
        (shards,) = store.conn.execute("SELECT count(*) FROM shards").fetchone()
        run = store.conn.execute("SELECT engine, status, stats FROM runs ORDER BY id DESC").fetchone()
    assert shards == 1
    assert run[:2] == ("load", "done") and json.loads(run[2])["peak_rss_mb"] == {"7": 321.0}


def test_load_refuses_an_unfinished_output(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with Store(tmp_path / "w.db") as store, pytest.raises(UsageError, match="no finished Ray output"):
        load_parquet(store, tmp_path / "out")


def test_without_ray_the_error_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # makes ``import ray`` fail as if it were not installed
    with pytest.raises(MissingDependency, match=r"warta\[ray\]"):
        run_ray(["examples/"], tmp_path / "out")


def test_ray_output_folder_must_be_empty(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.parquet").write_bytes(b"")
    with pytest.raises(UsageError, match="not an empty folder"):
        run_ray(["examples/"], tmp_path / "out")
