"""Text for people: article summaries, the progress counter."""

from __future__ import annotations

import io

from warta.cli.common import Progress, rejection_line
from warta.cli.show import MAX_LISTED, article_summary, plural
from warta.data import (
    Actor,
    Article,
    Credit,
    CreditRole,
    Entity,
    Event,
    EventMode,
    Quote,
    Rejection,
    Related,
    Source,
    Speaker,
)


def seedlike() -> Article:
    text = "PRESIDEN Rusia Vladimir Putin bertemu Kim Jong Un. " * 20
    return Article(
        id="59ea421e369eabea",
        title="Putin dan Kim Jong Un Sepakat",
        text=text,
        language="id",
        language_score=0.996,
        editor="Akmal",
        source=Source(domain="mediaindonesia.com"),
        credits=[Credit(CreditRole.SOURCE, "BBC/P-5"), Credit(CreditRole.PHOTO, "KCNA")],
        related=[Related("Pertemuan Putin-Kim")],
        entities=[Entity("Rusia", "GPE", 9, 14, "RUS"), Entity("Rusia", "GPE", 60, 65, "RUS")],
        quotes=[Quote("Kami siap membantu", 0, 10, True, "kata", Speaker("Lee"))],
        events=[Event("AID", EventMode.ALLEGED, "072", [Actor("Kim")], [Actor("Rusia")], "memasok", "s", 0, 1)]
        * (MAX_LISTED + 2),
    )


def test_article_summary() -> None:
    text = article_summary(seedlike())
    lines = text.splitlines()
    assert lines[0] == "━━ Putin dan Kim Jong Un Sepakat"
    assert "language id (1.00)" in lines[1] and "mediaindonesia.com" in lines[1]
    for shown in (
        "editor    Akmal",
        "credits   source: BBC/P-5 · photo: KCNA",
        "related   Pertemuan Putin-Kim",
        "entities  Rusia (GPE, RUS) ×2",
        "quotes    “Kami siap membantu” — Lee",
        "events    AID [072] (alleged): Kim → Rusia «memasok»",
        "… 2 more",
    ):
        assert shown in text
    body = text[text.index("text      ") :]
    assert body.rstrip().endswith("…") and len(" ".join(body.split())) < 330


def test_article_summary_of_a_bare_article() -> None:
    assert article_summary(Article(id="x")).splitlines() == ["━━ (no title)", "   id x", "   text      (empty)"]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    p = Progress(quiet, interval=0)
    p.count(Article(id="a"))
    assert quiet.getvalue() == "" and p.documents == 1

    tty = Tty()
    p = Progress(tty, interval=0)
    p.count(Article(id="a"))
    p.count(Rejection("x", "empty input", "ingest"))
    assert "\r  1 document, 1 rejected" in tty.getvalue()
    p.clear()
    assert tty.getvalue().endswith("\r\x1b[K")


def test_small_words() -> None:
    assert (plural(1, "document"), plural(2, "document")) == ("1 document", "2 documents")
    assert rejection_line(Rejection("a.warc", "broken record", "ingest", "7")) == "rejected: a.warc#7: broken record"
