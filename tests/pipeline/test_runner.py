from __future__ import annotations

from typing import ClassVar

import pytest

from warta.data import Article, Provenance, Rejection
from warta.errors import PipelineOrderError, RejectError
from warta.pipeline.default import build_pipeline
from warta.pipeline.runner import Pipeline, check_order, split
from warta.pipeline.stage import Stage, chunks


class SetsText(Stage):
    name: ClassVar[str] = "sets-text"
    assigns: ClassVar[frozenset[str]] = frozenset({"text"})

    def process(self, article: Article) -> Article:
        if article.id == "bad":
            raise ValueError("boom")
        if article.id == "reject":
            raise RejectError("not an article")
        article.text = "x"
        return article


class NeedsLanguage(Stage):
    name: ClassVar[str] = "needs-language"
    requires: ClassVar[frozenset[str]] = frozenset({"language"})

    def process(self, article: Article) -> Article:
        return article


def test_order_check_names_the_missing_field() -> None:
    with pytest.raises(PipelineOrderError, match="language"):
        check_order([SetsText(), NeedsLanguage()])


def test_default_pipeline_order_is_valid() -> None:
    assert build_pipeline().names == ["origin", "extract", "language", "nlp", "entities", "quotes", "events", "geo"]


def test_failures_become_rejections_and_the_batch_goes_on() -> None:
    items = [
        Article(id="ok", provenance=Provenance("a")),
        Article(id="bad", provenance=Provenance("b", "7")),
        Article(id="reject", provenance=Provenance("c")),
        Rejection("d", "unreadable", "ingest"),
        Article(id="ok2", provenance=Provenance("e")),
    ]
    pipe = Pipeline([SetsText()])
    docs, rejects = split(pipe.run(items))
    assert [d.id for d in docs if isinstance(d, Article)] == ["ok", "ok2"]
    assert [(r.input, r.record, r.reason) for r in rejects] == [
        ("b", "7", "ValueError: boom"),
        ("c", "0", "not an article"),
        ("d", "0", "unreadable"),
    ]
    assert pipe.stats().stages["sets-text"] == {"ok": 2, "errors": 1, "rejected": 1}


def test_chunks_cut_a_stream_into_batches_none_empty() -> None:
    items = [Article(id=str(i), text="x") for i in range(5)]
    assert [[a.id for a in c] for c in chunks(iter(items), 2)] == [["0", "1"], ["2", "3"], ["4"]]
    assert list(chunks([], 3)) == []
