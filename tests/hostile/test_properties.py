"""Property-based tests (hypothesis): the cleaner, the extract stage, the document schema and the query parser.

Example counts are bounded so the default suite stays fast; ``HYPOTHESIS_PROFILE=long`` runs many more.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from warta.data import Article, Credit, CreditRole, InputFormat, Page, Provenance, Rejection, Source
from warta.errors import QueryError
from warta.extract.cleaner import clean_lines, normalize_line
from warta.extract.stage import ExtractStage
from warta.query.search import to_fts

pytestmark = pytest.mark.issue(9)

settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: Lines the cleaner has rules for (bylines, editors, "read also", datelines, credits), mixed with arbitrary text.
BOILERPLATE = [
    "detik.com",
    "Baca juga: Harga cabai naik lagi",
    "BACA JUGA : Jokowi resmikan tol",
    "Editor: Budi Santoso",
    "Penulis: Ani Wijaya | Editor: Rina",
    "Reporter : Dedi",
    "Jakarta, CNN Indonesia --",
    "JAKARTA, KOMPAS.com -",
    "(ant/abc)",
    "Copyright © 2024 Kompas.com",
    "Simak video di bawah ini:",
    "Sumber: Antara",
    "Foto: Reuters/Willy Kurniawan",
    "Senin, 20 Jun 2024 10:00 WIB",
    "[Gambas:Video CNN]",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
]
WORDS = st.sampled_from(["Presiden", "jalan", "tol", "Jawa", "kata", "Putin", "Rp", "10.000", "2024", "\u200b", "é"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=20).map(" ".join)
LINE = st.one_of(st.sampled_from(BOILERPLATE), SENTENCE, st.text(max_size=80))
TEXT = st.lists(LINE, max_size=25).map("\n".join)


def words(text: str) -> set[str]:
    return {w for line in text.split("\n") for w in normalize_line(line).split()}


@given(text=TEXT, title=st.one_of(st.none(), SENTENCE), domain=st.sampled_from([None, "detik.com", "kompas.com"]))
def test_the_cleaner_never_raises_and_never_invents_words(text: str, title: str | None, domain: str | None) -> None:
    result = clean_lines(text, domain=domain, title_hint=title, infer_title=title is None)
    allowed = words(text) | words(title or "")
    assert words(result.text) <= allowed
    assert words(result.title or "") <= allowed
    assert "\n\n\n" not in result.text


HTMLISH = st.lists(
    st.one_of(
        st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->",
                         "<meta charset='utf-16'>", "<meta charset=bogus>", "<title>", "</title>", "<![CDATA[", "&#0;",
                         "&#xD800;", "<br/>", "<?xml version='1.0' encoding='ebcdic'?>", "\x00", "<table><tr><td>"]),
        SENTENCE,
        st.text(max_size=40),
    ),
    max_size=40,
).map("".join)  # fmt: skip
CONTENT = st.one_of(st.binary(max_size=2000), HTMLISH.map(lambda s: s.encode("utf-8", "surrogatepass")))


@given(content=CONTENT, fmt=st.sampled_from([InputFormat.HTML, InputFormat.TEXT, InputFormat.JSONL]),
       encoding=st.sampled_from([None, "utf-8", "cp1252", "utf-16", "no-such-codec"]))  # fmt: skip
@example(content=b"    <a><?>\x01\t\r       ", fmt=InputFormat.HTML, encoding=None)  # lxml refused the \x01 (fixed)
def test_the_extract_stage_gives_an_article_or_a_rejection_for_any_bytes(
    content: bytes, fmt: InputFormat, encoding: str | None
) -> None:
    page = Page(content=content, format=fmt, provenance=Provenance(input="x", record="0", ingested="2024-01-01"),
                encoding=encoding)  # fmt: skip
    stage = ExtractStage()
    (out,) = list(stage.run([Article(page=page)]))
    assert isinstance(out, (Article, Rejection))
    assert stage.stats["errors"] == 0, (
        content,
        fmt,
        encoding,
        out,
    )  # a rejection, yes, but never from an unexpected exception
    if isinstance(out, Article):
        assert out.text.strip() and out.id


TEXTS = st.text(max_size=50)
OPTIONAL = st.one_of(st.none(), TEXTS)
ARTICLES = st.builds(
    Article,
    page=st.none(),
    id=TEXTS,
    source=st.builds(Source, path=OPTIONAL, url=OPTIONAL, domain=OPTIONAL),
    title=OPTIONAL,
    published=OPTIONAL,
    language=OPTIONAL,
    language_score=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    text=st.text(max_size=300),
    authors=st.lists(TEXTS, max_size=4),
    editor=OPTIONAL,
    credits=st.lists(st.builds(Credit, role=st.sampled_from(list(CreditRole)), name=TEXTS), max_size=3),
    site_name=OPTIONAL,
    provenance=st.one_of(st.none(), st.builds(Provenance, input=TEXTS, record=TEXTS, ingested=TEXTS)),
)


@given(article=ARTICLES)
def test_the_document_schema_round_trips_through_json(article: Article) -> None:
    data = article.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert "page" not in data and data["schema_version"]


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, text)")
    conn.execute("INSERT INTO t VALUES ('Presiden Jokowi', 'jalan tol baru di Jawa Tengah')")
    return conn


QUERY_PARTS = st.one_of(
    st.sampled_from(['"', "*", "OR", "AND", "NOT", "(", ")", "^", ":", "NEAR", "NEAR(", "-", "+", "title:", "{", "}",
                     "'", "presi*", '"kim jong"', "\u3000", "é"]),
    st.text(max_size=12),
)  # fmt: skip
QUERIES = st.one_of(st.text(max_size=60), st.lists(QUERY_PARTS, max_size=10).map(" ".join))


@given(query=QUERIES)
@settings(max_examples=300)
def test_the_query_parser_gives_a_query_error_or_valid_fts5(query: str, fts: sqlite3.Connection) -> None:
    try:
        expression = to_fts(query)
    except QueryError as exc:
        assert str(exc)
        return
    assert re.search(r"\S", expression)
    try:
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()
    except sqlite3.OperationalError as exc:  # an FTS5 syntax error: the parser let something through
        raise AssertionError(f"{query!r} → {expression!r}: {exc}") from None


def test_a_nul_in_the_query_is_refused_or_made_safe(fts: sqlite3.Connection) -> None:
    try:
        expression = to_fts("kata\x00")
    except QueryError:
        return
    fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()
