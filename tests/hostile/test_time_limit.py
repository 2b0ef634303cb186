"""A pathological page cannot hang a worker: the extract stage rejects it after ``page_timeout_s`` (issue 9)."""

from __future__ import annotations

import time

import pytest

from warta.data import Article, InputFormat, Page, Provenance, Rejection
from warta.errors import UsageError
from warta.extract import html as html_module
from warta.extract.limits import can_limit, time_limit
from warta.extract.stage import ExtractStage
from warta.settings import SETTINGS, Settings

pytestmark = [pytest.mark.issue(9), pytest.mark.skipif(not can_limit(), reason="needs SIGALRM on the main thread")]

GOOD = b"<html><body><article><p>" + b"Presiden meresmikan jalan tol baru di Jawa Tengah pada hari Senin. " * 3


def page(content: bytes, record: str) -> Article:
    return Article(page=Page(content, InputFormat.HTML, Provenance(input="in.html", record=record)))


def test_a_slow_page_is_rejected_after_the_limit_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real = html_module.extract_html

    def slow_on_marker(content: bytes, **kwargs: object) -> object:
        if b"HANG" in content:
            while True:  # a pathological page: pure Python spinning forever
                time.sleep(0.01)
        return real(content, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(html_module, "extract_html", slow_on_marker)
    stage = ExtractStage(Settings(page_timeout_s=1))
    start = time.perf_counter()
    out = list(stage.run([page(b"<p>HANG</p>", "1"), page(GOOD, "2")]))
    assert time.perf_counter() - start < 5
    assert isinstance(out[0], Rejection) and out[0].reason == "extraction timed out after 1 s"
    assert out[0].stage == "extract" and out[0].record == "1"
    assert isinstance(out[1], Article) and "jalan tol" in out[1].text
    assert stage.stats["rejected"] == 1 and stage.stats["errors"] == 0
    with time_limit(0.2):  # no alarm left behind to go off later
        pass
    time.sleep(0.3)


def test_process_has_the_limit_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "extract_html", lambda content, **kw: time.sleep(10))
    start = time.perf_counter()
    with pytest.raises(Exception, match=r"^extraction timed out after 1 s$"):
        ExtractStage(Settings(page_timeout_s=1)).process(page(GOOD, "1"))
    assert time.perf_counter() - start < 3


def test_zero_means_no_limit_and_negative_is_refused() -> None:
    with time_limit(0):
        time.sleep(0.01)
    with pytest.raises(UsageError, match="page_timeout_s"):
        Settings(page_timeout_s=-1)
    assert {s.name: s.default for s in SETTINGS}["page_timeout_s"] == Settings().page_timeout_s
