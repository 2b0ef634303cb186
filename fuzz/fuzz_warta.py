"""Coverage-guided fuzzing of Warta's input paths with atheris (libFuzzer for Python): ``pip install -e '.[fuzz]'``.

Targets (the first argument); the rest are libFuzzer flags:

    python fuzz/fuzz_warta.py ingest -max_total_time=600        # 10 minutes on the whole read → extract path
    python fuzz/fuzz_warta.py query -runs=100000 fuzz/corpus/query  # keep a corpus between runs

- ``ingest``: any bytes as a file of each kind (HTML, text record, JSON Lines, WARC, gzip, RSS/Atom, by the first
  byte) through :class:`~warta.ingest.Reader` and the extract stage: every item must be an article or a rejection.
- ``cleaner``: any text through the line cleaner: it must return, and never invent a word.
- ``query``: any string through the search query parser: a :class:`~warta.errors.QueryError`, or an FTS5
  expression SQLite accepts.

A finding is any other exception: libFuzzer stops, prints it and writes the input to ``crash-*``; rerun that file
alone with ``python fuzz/fuzz_warta.py TARGET crash-…``. ``tests/hostile/test_fuzz.py`` runs each target briefly.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["warta"]):
    for lazy in ("warta.extract.html", "warta.ingest.feed", "warta.ingest.warc"):
        importlib.import_module(lazy)  # imported lazily by the reader and the stage: here, to be instrumented too
    from warta.data import Article, Rejection
    from warta.errors import QueryError
    from warta.extract.cleaner import clean_lines, normalize_line
    from warta.extract.stage import ExtractStage
    from warta.ingest import Reader
    from warta.query.search import to_fts
    from warta.settings import Settings

SUFFIXES = [".html", ".txt", ".jsonl", ".warc", ".html.gz", ".xml", ".warc.gz", ".htm"]
SETTINGS = Settings(max_page_bytes=1 << 20, page_timeout_s=10)
_TMP = Path(tempfile.mkdtemp(prefix="warta-fuzz-"))
_STAGE = ExtractStage(SETTINGS)
_FTS = sqlite3.connect(":memory:")
_FTS.execute("CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')")
_FTS.execute("INSERT INTO t VALUES ('judul', 'kata kata presiden')")


def ingest(data: bytes) -> None:
    if not data:
        return
    path = _TMP / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    items = list(_STAGE.run(Reader(SETTINGS).read([str(path)])))
    for item in items:
        if not isinstance(item, (Article, Rejection)):
            raise AssertionError(f"the pipeline gave a {type(item).__name__}")
        if isinstance(item, Rejection) and not item.reason:
            raise AssertionError("a rejection without a reason")


def words(text: str) -> set[str]:
    """Words as the cleaner compares them (the property test's definition)."""
    return {w for line in text.split("\n") for w in normalize_line(line).split()}


def cleaner(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    title = fdp.ConsumeUnicodeNoSurrogates(40) if fdp.ConsumeBool() else None
    text = fdp.ConsumeUnicodeNoSurrogates(4000)
    result = clean_lines(text, domain="example.com", title_hint=title, infer_title=title is None)
    # a cut credit may leave part of a word ("kata))(ant)" → "kata))"): a word is invented if it is not even that
    source = " ".join(words(text) | words(title or ""))
    invented = {w for w in words(result.text) | words(result.title or "") if w not in source}
    if invented:
        raise AssertionError(f"the cleaner invented {sorted(invented)}")


def query(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(300)
    try:
        expression = to_fts(text)
    except QueryError:
        return
    _FTS.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()


TARGETS: dict[str, Callable[[bytes], None]] = {"ingest": ingest, "cleaner": cleaner, "query": query}


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer flags]")
    target = TARGETS[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
