from __future__ import annotations

import pytest

from warta.data import Article, Source
from warta.language import LanguageStage, identify
from warta.settings import Settings


@pytest.mark.parametrize(
    ("text", "domain", "expected"),
    [
        ("Presiden mengatakan bahwa pemerintah akan menurunkan harga beras pekan depan.", None, "id"),
        ("Polisi menangkap dua tersangka setelah kejadian itu, kata juru bicara.", "detik.com", "id"),
        ("Kerajaan berkata bahawa wang itu akan diberikan kepada rakyat selepas kenyataan rasmi.", None, "ms"),
        ("The president said on Monday that the talks would continue next week.", None, "en"),
        ("Le président a déclaré lundi que les négociations se poursuivraient.", None, "fr"),
    ],
)
def test_identifies_news_languages(text: str, domain: str | None, expected: str) -> None:
    found = identify(text, domain=domain)
    assert found.language == expected
    assert 0.0 < found.score <= 1.0


def test_nothing_to_identify_is_und() -> None:
    assert identify("1234 5678 ---").language == "und"
    assert identify("").score == 0.0


def test_seed_is_indonesian(seed_text: str) -> None:
    assert identify(seed_text).language == "id"


def test_declared_language_wins_only_when_unsure() -> None:
    stage = LanguageStage(Settings(language_hint="id"))
    unsure = stage.process(Article(text="123 456", source=Source()))
    assert unsure.language == "id"
    sure = stage.process(Article(text="The minister said the plan would be announced on Friday.", language="id"))
    assert sure.language == "en"
