"""Regressions found on the bundled examples."""

from __future__ import annotations

from pathlib import Path

from warta.data import Article, InputFormat, Page, Provenance
from warta.extract import ExtractStage
from warta.extract.cleaner import clean_lines

ROOT = Path(__file__).resolve().parents[2]


def test_byline_with_a_date_is_lifted_not_kept() -> None:
    result = clean_lines(
        "Penulis: Dewi Lestari | Kamis, 14 Maret 2024 09:30 WIB\n\nJAKARTA - Menteri bertemu mitranya di Tokyo.",
        infer_title=False,
    )
    assert result.authors == ["Dewi Lestari"]
    assert "Penulis" not in result.text


def test_baca_juga_label_in_a_child_element_becomes_related() -> None:
    page = Page(
        content=(ROOT / "examples" / "menlu-jepang.html").read_bytes(),
        format=InputFormat.HTML,
        provenance=Provenance("menlu-jepang.html"),
    )
    (article,) = list(ExtractStage().run([Article(page=page, provenance=page.provenance)]))
    assert isinstance(article, Article)
    assert [r.title for r in article.related] == ["ASEAN Percepat Perundingan Kode Etik Laut China Selatan"]
    assert article.editor == "Budi Santoso" and article.authors == ["Dewi Lestari"]
    assert "Baca juga" not in article.text and "Penulis" not in article.text and "(Ant/P-2)" not in article.text


def test_placeholder_and_future_dates_are_not_publication_dates() -> None:
    from warta.extract.stage import plausible_date

    assert plausible_date("0001-01-01") is None
    assert plausible_date("3024-05-01T10:00:00") is None
    assert plausible_date("garbage") is None
    assert plausible_date("2024-03-14T09:30:00+07:00") == "2024-03-14T09:30:00+07:00"
