"""Full-text search: bm25 ranking, snippets, and a query language no input can break."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from warta.errors import QueryError, StoreError
from warta.query import search, to_fts


def titles(db: Path, query: str, **kw: object) -> list[str | None]:
    return [h.title for h in search(db, query, **kw)]  # type: ignore[arg-type]


def test_plain_words_must_all_match(db: Path) -> None:
    assert titles(db, "putin pyongyang") == ["Putin dan Kim Jong Un bertemu di Pyongyang"]
    assert titles(db, "putin nonexistentword") == []


def test_title_matches_rank_first(db: Path) -> None:
    hits = search(db, "putin")
    assert hits[0].title == "Putin dan Kim Jong Un bertemu di Pyongyang"
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


def test_hits_carry_snippet_and_metadata(db: Path) -> None:
    (hit,) = search(db, "beras")
    assert "[beras]" in hit.snippet.casefold() or "[Beras]" in hit.snippet
    assert hit.language == "id" and hit.domain == "detik.com" and hit.path == "detik.com.txt"
    assert len(hit.id) == 16
    assert set(hit.to_dict()) >= {"id", "title", "snippet", "score"}


def test_custom_marks(db: Path) -> None:
    (hit,) = search(db, "pasokan", mark=("<mark>", "</mark>"))
    assert "<mark>pasokan</mark>" in hit.snippet


def test_phrase_prefix_or_not(db: Path) -> None:
    assert titles(db, '"kim jong un"') == ["Putin dan Kim Jong Un bertemu di Pyongyang"]
    assert titles(db, '"un kim"') == []
    assert titles(db, "pyong*") == ["Putin dan Kim Jong Un bertemu di Pyongyang"]
    assert sorted(t or "" for t in titles(db, "beras OR seoul")) == [
        "Harga beras naik di Jakarta",
        "Seoul reacts to the summit",
    ]
    assert titles(db, "putin NOT seoul") == ["Putin dan Kim Jong Un bertemu di Pyongyang"]
    assert len(search(db, "putin AND kim")) == 2


def test_case_and_diacritics_are_ignored(db: Path) -> None:
    assert titles(db, "JAKARTÁ") == ["Harga beras naik di Jakarta"]


def test_language_filter_and_limit(db: Path) -> None:
    assert titles(db, "putin", language="en") == ["Seoul reacts to the summit"]
    assert len(search(db, "presiden OR putin", limit=1)) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("putin", '"putin"'),
        ("putin kim", '"putin" "kim"'),
        ('"kim jong un"', '"kim jong un"'),
        ("presi*", '"presi" *'),
        ('"kim jo"*', '"kim jo" *'),
        ("a OR b", '"a" OR "b"'),
        ("a NOT b", '"a" NOT "b"'),
        ("a AND b", '"a" "b"'),
        ("and or not", '"and" "or" "not"'),  # lower case: plain words
        ("title:putin", '"title:putin"'),  # no column filters sneak in
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("x - y", '"x" "y"'),  # punctuation-only words are dropped
        ("o'brien", '"o\'brien"'),
    ],
)
def test_to_fts(query: str, expected: str) -> None:
    assert to_fts(query) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"putin', "unbalanced quote"),
        ('putin "kim" "', "unbalanced quote"),
        ("AND", "'AND' needs a term"),
        ("OR", "'OR' needs a term"),
        ("NOT putin", "'NOT' needs a term"),
        ("putin OR", "'OR' needs a term"),
        ("putin OR OR kim", "'OR' needs a term"),
        ("putin OR AND kim", "'AND' needs a term"),
        ("*", "nothing to search for"),
        ("", "nothing to search for"),
        ("   ", "nothing to search for"),
        ("-- ; ()", "nothing to search for"),
        ('""', "nothing to search for"),
        ("pu*tin", "'*' may only end a word"),
    ],
)
def test_bad_queries_are_one_line_query_errors(db: Path, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as err:
        search(db, query)
    assert "\n" not in str(err.value) and str(err.value).startswith("[W005]")


@pytest.mark.parametrize("query", ["^putin", "putin:", "{a b}", "a + b", "NEAR", "(putin", "putin)", "'", "**x"])
def test_odd_queries_never_raise_fts_errors(db: Path, query: str) -> None:
    with contextlib.suppress(QueryError):  # a clear refusal is fine; an sqlite3 error is not
        search(db, query)


def test_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        search(tmp_path / "nope.db", "putin")


def test_search_does_not_write(db: Path) -> None:
    before = db.read_bytes()
    search(db, "putin")
    assert db.read_bytes() == before
