"""The SQLite sink: WAL, migrations, idempotent writes, rejections, batches that fail as a whole."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from warta.data import (
    SCHEMA_FIELDS,
    Article,
    Credit,
    CreditRole,
    Entity,
    Item,
    Provenance,
    Rejection,
    Related,
    Source,
    content_id,
)
from warta.errors import StoreError
from warta.store import SCHEMA_VERSION, Store, WriteReport
from warta.store.migrations import MIGRATIONS, migrate, statements, version


def article(n: int, text: str | None = None, **fields: object) -> Article:
    body = text or f"Berita nomor {n}: Presiden bertemu menteri luar negeri di Jakarta."
    title = f"Judul {n}"
    a = Article(
        id=content_id(body, title),
        title=title,
        text=body,
        language="id",
        language_score=0.98,
        source=Source(path=f"in/{n}.txt", domain="kompas.com", url=f"https://kompas.com/{n}"),
        provenance=Provenance(input=f"in/{n}.txt", record="0", ingested="2024-05-01T00:00:00+00:00"),
        entities=[Entity("Jakarta", "GPE", body.index("Jakarta"), body.index("Jakarta") + 7, "IDN")]
        if "Jakarta" in body
        else [],
    )
    for key, value in fields.items():
        setattr(a, key, value)
    return a


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "warta.db"


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_new_database_is_wal_and_migrated(db: Path) -> None:
    with Store(db) as store:
        assert store.version == SCHEMA_VERSION
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    tables = {r[0] for r in rows(db, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')")}
    assert {"articles", "entities", "credits", "related", "rejected", "articles_fts"} <= tables


def test_migrations_are_idempotent(db: Path) -> None:
    for _ in range(3):
        with Store(db) as store:
            assert store.version == SCHEMA_VERSION
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn) == SCHEMA_VERSION  # nothing left to apply, nothing re-applied
    conn.close()


def test_migrations_are_numbered_in_order() -> None:
    numbers = [n for n, _ in MIGRATIONS]
    assert numbers == list(range(1, len(numbers) + 1))
    for _, sql in MIGRATIONS:
        assert statements(sql)  # every script splits into complete statements


def test_failed_migration_rolls_back(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    bad = [(1, "CREATE TABLE a (x);\nCREATE TABLE broken (;\n")]
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, bad)
    assert version(conn) == 0
    assert conn.execute("SELECT count(*) FROM sqlite_schema").fetchone() == (0,)
    conn.close()


def test_newer_schema_is_refused(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_write_stores_document_columns_children_and_provenance(db: Path) -> None:
    a = article(1, editor="Akmal", site_name="Kompas")
    a.credits = [Credit(CreditRole.SOURCE, "BBC/P-5")]
    a.related = [Related("Baca juga ini")]
    with Store(db) as store:
        report = store.write([a])
        assert report == WriteReport(inserted=1, unchanged=0, rejected=0)
        doc = store.get(a.id)
    assert doc is not None
    assert set(SCHEMA_FIELDS) <= set(doc)
    assert doc == json.loads(json.dumps(a.to_dict()))
    columns = "title, language, editor, domain, path, url, site_name, input, record, ingested"
    (row,) = rows(db, f"SELECT {columns} FROM articles")
    assert row == (
        "Judul 1", "id", "Akmal", "kompas.com", "in/1.txt", "https://kompas.com/1", "Kompas",
        "in/1.txt", "0", "2024-05-01T00:00:00+00:00",
    )  # fmt: skip
    assert rows(db, 'SELECT text, label, country, start, "end" FROM entities') == [
        ("Jakarta", "GPE", "IDN", a.entities[0].start, a.entities[0].end)
    ]
    assert rows(db, "SELECT role, name FROM credits") == [("source", "BBC/P-5")]
    assert rows(db, "SELECT title FROM related") == [("Baca juga ini",)]


def test_write_twice_changes_nothing(db: Path) -> None:
    items: list[Item] = [article(1), article(2), Rejection("bad.bin", "binary file", "ingest")]
    with Store(db) as store:
        assert store.write(items) == WriteReport(inserted=2, unchanged=0, rejected=1)
    before = rows(db, "SELECT * FROM articles ORDER BY n"), rows(db, "SELECT * FROM rejected")
    with Store(db) as store:
        assert store.write(items) == WriteReport(inserted=0, unchanged=2, rejected=1)
        assert store.count("entities") == 2
    assert (rows(db, "SELECT * FROM articles ORDER BY n"), rows(db, "SELECT * FROM rejected")) == before


def test_same_id_twice_in_one_batch_is_stored_once(db: Path) -> None:
    with Store(db) as store:
        assert store.write([article(1), article(1)]) == WriteReport(inserted=1, unchanged=1)


def test_rejections_are_stored_and_deduplicated(db: Path) -> None:
    r1 = Rejection("a.warc", "broken WARC record", "ingest", record="3")
    r2 = Rejection("a.warc", "broken WARC record", "ingest", record="4")
    r3 = Rejection("a.warc", "no article text", "extract", record="3")
    with Store(db) as store:
        assert store.write([r1, r2, r3, r1]).rejected == 4
        assert store.count("rejected") == 3
    got = rows(db, "SELECT input, record, stage, reason, at IS NOT NULL FROM rejected ORDER BY id")
    assert got == [
        ("a.warc", "3", "ingest", "broken WARC record", 1),
        ("a.warc", "4", "ingest", "broken WARC record", 1),
        ("a.warc", "3", "extract", "no article text", 1),
    ]


def test_fts_index_follows_the_articles(db: Path) -> None:
    with Store(db) as store:
        store.write([article(1, "Gempa mengguncang Sulawesi pagi ini, kata BMKG."), article(2)])
    assert rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'sulawesi'") == [(1,)]
    assert rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'judul'") == [(2,)]
    # the external-content index stays consistent with its table
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    conn.close()


def test_batches_and_progress_reports(db: Path) -> None:
    seen: list[WriteReport] = []
    items: list[Item] = [article(i) for i in range(5)] + [Rejection("x", "empty file", "ingest")]
    with Store(db) as store:
        total = store.write(items, batch_size=2, on_batch=seen.append)
    assert [(r.inserted, r.rejected) for r in seen] == [(2, 0), (2, 0), (1, 1)]
    assert [len(r.new) for r in seen] == [2, 2, 1]
    assert total == WriteReport(inserted=5, rejected=1) and total.new == []


def test_failing_batch_keeps_earlier_batches_and_leaves_no_half_rows(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Store._insert_article

    def flaky(self: Store, a: Article, at: str) -> bool:
        if a.title == "Judul 3":  # the second batch (2, 3) fails after article 2 was written in it
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, a, at)

    monkeypatch.setattr(Store, "_insert_article", flaky)
    with Store(db) as store, pytest.raises(StoreError, match="after 2 items were committed") as err:
        store.write([article(i) for i in range(5)], batch_size=2)
    assert "\n" not in str(err.value)
    assert rows(db, "SELECT title FROM articles ORDER BY n") == [("Judul 0",), ("Judul 1",)]
    assert rows(db, "SELECT count(*) FROM entities") == [(2,)]
    assert rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'judul'") == [(2,)]


def test_a_document_the_database_refuses_becomes_a_rejection(db: Path) -> None:
    bad = article(2)
    bad.language_score = float("nan")  # not valid JSON: refused, the rest of the batch goes in
    with Store(db) as store:
        report = store.write([article(1), bad, article(3)])
    assert report == WriteReport(inserted=2, unchanged=0, rejected=1)
    (row,) = rows(db, "SELECT input, stage, reason FROM rejected")
    assert row[:2] == ("in/2.txt", "store") and "cannot store document" in str(row[2])
    assert rows(db, "SELECT count(*) FROM entities") == [(2,)]  # no orphan rows from the refused one


def test_document_without_id_is_rejected(db: Path) -> None:
    with Store(db) as store:
        assert store.write([article(1, id="")]) == WriteReport(rejected=1)
    assert rows(db, "SELECT stage, reason FROM rejected") == [("store", "document has no id")]


def test_a_broken_stream_keeps_what_came_before(db: Path) -> None:
    def stream() -> object:
        yield article(1)
        yield article(2)
        raise KeyboardInterrupt

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        store.write(stream(), batch_size=10)  # type: ignore[arg-type]
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database, just text\n" * 200,
        b"\x00\x01\x02garbage" * 500,
        b"SQLite format 3\x00" + b"\xff" * 200,
    ],
    ids=["text", "binary", "bad-header"],
)
def test_not_a_database_is_a_one_line_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store(path)
    message = str(err.value)
    assert message.startswith("[W004]") and "\n" not in message and "notes.db" in message
    assert path.read_bytes() == content  # untouched


def test_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_a_document_whose_derived_data_fails_is_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    """Regression: a placeholder date (0001-01-01) made the story step overflow and stopped a whole ingest."""
    from warta.data import Article, Provenance, Source

    bad = Article(id="bad", title="t", text="satu dua tiga empat lima enam", published="0001-01-01",
                  source=Source(), provenance=Provenance("bad.html"))  # fmt: skip
    good = Article(id="good", title="u", text="tujuh delapan sembilan sepuluh sebelas", source=Source(),
                   provenance=Provenance("good.html"))  # fmt: skip
    with Store(tmp_path / "w.db") as store:
        report = store.write([bad, good])
        assert store.get("good") is not None
    assert report.inserted >= 1
