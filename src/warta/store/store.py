"""The sink: a SQLite file in WAL mode holding documents, their entities, rejections and a full-text index."""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from warta.data import Article, Item, Rejection
from warta.errors import StoreError
from warta.store.events import insert_events
from warta.store.migrations import migrate
from warta.stories.cluster import DEFAULT_CLUSTER, ClusterSettings
from warta.stories.index import Placement, place


class Outcome(enum.Enum):
    """What writing one document did."""

    NEW = "new"
    UNCHANGED = "unchanged"
    COPY = "copy"  # a near-duplicate of a stored article: recorded as one more copy of it
    REJECTED = "rejected"


#: The stage name recorded for documents the store itself could not write.
STORE_STAGE = "store"


@dataclass
class WriteReport:
    """What a write did: documents new to the database, documents it already had, rejections seen.

    ``on_batch`` receives one report per committed batch, whose ``new`` lists the articles that batch inserted
    (so a caller can show them); the report :meth:`Store.write` returns is the total and leaves ``new`` empty.
    """

    inserted: int = 0
    unchanged: int = 0
    rejected: int = 0
    copies: int = 0  # near-duplicates folded into a stored article (their own documents are not stored)
    new: list[Article] = field(default_factory=list, repr=False, compare=False)

    @property
    def documents(self) -> int:
        return self.inserted + self.unchanged + self.copies

    def add(self, other: WriteReport) -> None:
        self.inserted += other.inserted
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.copies += other.copies


def now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def explain(exc: sqlite3.Error, path: Path) -> str:
    """A database failure in words its user can act on (the SQLite message kept at the end)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return f"{path} is locked: another process is writing to it; try again when it has finished ({text})"
    if name.startswith("SQLITE_FULL") or "full" in text:
        return f"the disk holding {path} is full, or the database reached its size limit ({text})"
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return f"{path} is read-only: check the permissions of the file and of its folder ({text})"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        # WAL mode creates PATH-wal and PATH-shm next to the file: a folder it cannot write to is enough to fail
        return f"cannot open {path}: the file and its folder must be writable ({text})"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return f"{path} is damaged ({text}): restore it from a backup, or rebuild it by ingesting again"
    return text


def connect(path: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode (transactions are explicit); ``read_only`` opens it with ``mode=ro``.

    A file that is not SQLite only fails on first read, so this reads the schema once to fail here, in one line.
    """
    where = Path(path)
    if read_only and not where.is_file():
        raise StoreError(f"no database at {where} (create one with: warta ingest PATH --db {where})")
    if where.is_dir():
        raise StoreError(f"{where} is a directory, not a database file")
    try:
        if read_only:
            conn = sqlite3.connect(f"{where.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(where, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {where}: {exc}") from exc
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise StoreError(f"{where} is not a SQLite database ({exc})") from exc
        raise StoreError(f"cannot read {where}: {explain(exc, where)}") from exc
    return conn


class Store:
    """A Warta database. Use as a context manager; :meth:`write` is the pipeline's sink.

    >>> with Store("warta.db") as store:          # doctest: +SKIP
    ...     report = store.write(pipeline.run(read(["examples/"])))
    """

    def __init__(self, path: str | Path, *, cluster: ClusterSettings = DEFAULT_CLUSTER) -> None:
        self.path = Path(path)
        self.cluster = cluster  # how the stories step groups new articles (warta.stories.cluster)
        self.conn = connect(self.path)
        try:
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"cannot switch {self.path} to WAL mode (got {mode!r})")
            # NORMAL is durable in WAL mode except across power loss, which loses at most the last batch.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.version = migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"cannot prepare {self.path}: {exc}") from exc
        except BaseException:
            self.conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------------

    def write(
        self,
        items: Iterable[Item],
        batch_size: int = 200,
        on_batch: Callable[[WriteReport], None] | None = None,
    ) -> WriteReport:
        """Store articles and rejections, one transaction per batch of ``batch_size`` items.

        A document already in the database (same id) is left as it is; a rejection already recorded (same input,
        record, stage and reason) is not recorded twice. A document the database refuses becomes a rejection of
        stage ``store`` and the batch goes on. If a batch cannot be written at all, it is rolled back as a whole,
        the batches before it stay committed, and :class:`StoreError` says how far the write got.
        """
        if batch_size < 1:
            raise StoreError("batch_size must be at least 1")
        total = WriteReport()

        def flush(batch: list[Item]) -> None:
            report = self._write_batch(batch, committed=total.documents + total.rejected)
            total.add(report)
            if on_batch is not None:
                on_batch(report)

        batch: list[Item] = []
        it = iter(items)
        while True:
            try:
                item = next(it)
            except StopIteration:
                break
            except BaseException:
                # The stream broke (a bug upstream, Ctrl-C): keep what was already processed, then re-raise.
                if batch:
                    flush(batch)
                raise
            batch.append(item)
            if len(batch) >= batch_size:
                flush(batch)
                batch = []
        if batch:
            flush(batch)
        return total

    def _write_batch(self, batch: list[Item], committed: int) -> WriteReport:
        report = WriteReport()
        at = now()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for item in batch:
                    if isinstance(item, Rejection):
                        self._insert_rejection(item, at)
                        report.rejected += 1
                        continue
                    outcome = self._insert_article_or_reject(item, at)
                    if outcome is Outcome.NEW:
                        report.inserted += 1
                        report.new.append(item)
                    elif outcome is Outcome.UNCHANGED:
                        report.unchanged += 1
                    elif outcome is Outcome.COPY:
                        report.copies += 1
                    else:
                        report.rejected += 1
                self.conn.execute("COMMIT")
            except BaseException:
                # SQLite has already rolled back after some errors (a full disk): a second ROLLBACK would fail
                # and hide the first error behind "no transaction is active"
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(
                f"writing to {self.path} failed after {committed} items were committed "
                f"(the failing batch of {len(batch)} was rolled back): {explain(exc, self.path)}"
            ) from exc
        return report

    def _insert_article_or_reject(self, article: Article, at: str) -> Outcome:
        """Insert one article inside a savepoint; a row the database refuses becomes a ``store`` rejection."""
        prov = article.provenance or (article.page.provenance if article.page else None)
        where = (prov.input if prov else article.source.path) or "?"
        record = prov.record if prov else "0"
        if not article.id:
            self._insert_rejection(Rejection(where, "document has no id", STORE_STAGE, record), at)
            return Outcome.REJECTED
        self.conn.execute("SAVEPOINT article")
        try:
            placed = place(self.conn, article, at, lambda a: self._insert_article(a, at), self.cluster)
        except (sqlite3.IntegrityError, ValueError, TypeError, ArithmeticError, KeyError, IndexError) as exc:
            # A bad document (unserialisable field, a constraint, a date the story step cannot shift) is this
            # document's problem, not the batch's; database-level failures still abort the batch.
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
            self._insert_rejection(Rejection(where, f"cannot store document: {exc}", STORE_STAGE, record), at)
            return Outcome.REJECTED
        self.conn.execute("RELEASE article")
        if placed.placement is Placement.NEW:
            return Outcome.NEW
        return Outcome.COPY if placed.placement is Placement.NEAR else Outcome.UNCHANGED

    def _insert_article(self, article: Article, at: str) -> bool:
        """Insert the article row and its children; ``False`` when the id is already stored."""
        doc = article.to_dict()
        prov = article.provenance or (article.page.provenance if article.page else None)
        cur = self.conn.execute(
            """INSERT OR IGNORE INTO articles
               (id, title, published, language, language_score, text, editor, url, domain, path, site_name,
                doc, input, record, ingested, fetched)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id,
                article.title,
                article.published,
                article.language,
                article.language_score,
                article.text,
                article.editor,
                article.source.url,
                article.source.domain,
                article.source.path,
                article.site_name,
                json.dumps(doc, ensure_ascii=False, allow_nan=False),
                prov.input if prov else None,
                prov.record if prov else None,
                (prov.ingested if prov and prov.ingested else at),
                prov.fetched if prov else None,
            ),
        )
        if cur.rowcount == 0:
            return False
        self.conn.executemany(
            'INSERT INTO entities (article_id, text, label, start, "end", country, id) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article.id, e.text, e.label, e.start, e.end, e.country, e.id) for e in article.entities],
        )
        self.conn.executemany(
            "INSERT INTO credits (article_id, role, name) VALUES (?, ?, ?)",
            [(article.id, str(c.role), c.name) for c in article.credits],
        )
        self.conn.executemany(
            "INSERT INTO related (article_id, title, url) VALUES (?, ?, ?)",
            [(article.id, r.title, r.url) for r in article.related],
        )
        self._insert_quotes(article)
        insert_events(self.conn, article)
        return True

    def _insert_quotes(self, article: Article) -> None:
        """One row per quote, speaker fields flattened (schema v2)."""
        self.conn.executemany(
            'INSERT INTO quotes (article_id, text, start, "end", direct, cue, speaker, speaker_entity_id, role, '
            "affiliation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article.id,
                    q.text,
                    q.start,
                    q.end,
                    int(q.direct),
                    q.cue,
                    q.speaker.text if q.speaker else None,
                    q.speaker.entity_id if q.speaker else None,
                    q.speaker.role if q.speaker else None,
                    q.speaker.affiliation if q.speaker else None,
                )
                for q in article.quotes
            ],
        )

    def _insert_rejection(self, rejection: Rejection, at: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO rejected (input, record, stage, reason, at) VALUES (?, ?, ?, ?, ?)",
            (rejection.input, rejection.record, rejection.stage, rejection.reason, at),
        )

    # -- reading (small helpers; richer queries live in warta.query) -----------------------------------------

    def get(self, article_id: str) -> dict[str, Any] | None:
        """The stored document (schema v1 JSON as a dict), or ``None``."""
        row = self.conn.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "entities", "credits", "related", "rejected", "quotes", "events", "commitments",
                         "copies", "stories", "story_articles", "origins"):
            raise ValueError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
