from __future__ import annotations

from pathlib import Path

import pytest

from warta.data import Article, Quote, Speaker
from warta.errors import QueryError
from warta.query import quotes
from warta.store import Store

pytestmark = pytest.mark.issue(5)


@pytest.fixture
def qdb(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    articles = [
        Article(
            id="a",
            title="KTT",
            text="x" * 50,
            quotes=[
                Quote(
                    "Korea Utara terus memasok senjata ke Rusia",
                    0,
                    10,
                    True,
                    "kata",
                    Speaker("Rachel Lee", None, "peneliti senior", "Stimson Center"),
                ),
                Quote(
                    "perjanjian tersebut momen penting",
                    11,
                    20,
                    False,
                    "memuji",
                    Speaker("Kim Jong Un", "wikidata:Q56226"),
                ),
            ],
        ),
        Article(
            id="b",
            title="Leeds",
            text="y" * 50,
            quotes=[
                Quote("pertandingan berjalan ketat sekali", 0, 10, True, "kata", Speaker("Leeson")),
            ],
        ),
    ]
    with Store(path) as store:
        store.write(articles)
    return path


@pytest.mark.parametrize(
    ("speaker", "text", "expected"),
    [
        (None, None, {"Rachel Lee", "Kim Jong Un", "Leeson"}),
        ("Lee", None, {"Rachel Lee"}),
        ("rachel lee", None, {"Rachel Lee"}),
        ("wikidata:Q56226", None, {"Kim Jong Un"}),
        (None, "senjata", {"Rachel Lee"}),
        ("Kim", "senjata", set()),
        (None, "penting OR ketat", {"Kim Jong Un", "Leeson"}),
    ],
)
def test_quotes_by_speaker_and_text(qdb: Path, speaker: str | None, text: str | None, expected: set[str]) -> None:
    assert {q.speaker for q in quotes(qdb, speaker=speaker, text=text)} == expected


def test_quote_fields_and_limit(qdb: Path) -> None:
    (hit,) = quotes(qdb, speaker="Lee")
    assert hit.direct and hit.cue == "kata" and hit.affiliation == "Stimson Center" and hit.title == "KTT"
    assert len(quotes(qdb, limit=1)) == 1
    with pytest.raises(QueryError):
        quotes(qdb, limit=0)
