"""English quotes: direct with inverted or plain reporting verbs, reported clauses, "according to", pronouns."""

from __future__ import annotations

import pytest

from warta.data import Article, Quote
from warta.nlp import english
from warta.nlp.stage import EntityStage
from warta.quotes.stage import QuoteStage

pytestmark = pytest.mark.skipif(not english.english_available(), reason="the en extra is not installed")

TEXT = """North Korean leader Kim Jong Un praised the treaty. "This is a truly historic alliance that will serve peace," Kim said at the ceremony.
Russian Foreign Minister Sergei Lavrov told reporters that Moscow would not tolerate any threats against its ally.
South Korea's foreign ministry said it would review its position on sending weapons to Ukraine.
According to Reuters, the two leaders spent more than two hours in private talks.
"We will respond firmly," he added."""  # noqa: E501


@pytest.fixture(scope="module")
def quotes() -> list[Quote]:
    (out,) = list(QuoteStage().run(EntityStage().run([Article(id="q", text=TEXT, language="en")])))
    assert isinstance(out, Article)
    return out.quotes


def test_direct_quote_with_inverted_verb(quotes: list[Quote]) -> None:
    q = quotes[0]
    assert q.direct and q.text.startswith("This is a truly historic alliance") and q.cue == "said"
    assert q.speaker is not None and q.speaker.text == "Kim"
    assert q.speaker.entity_id == "wikidata:Q56226"  # linked like the event actor Kim Jong Un


def test_reported_clause_with_role_and_affiliation(quotes: list[Quote]) -> None:
    q = quotes[1]
    assert not q.direct and q.text == "Moscow would not tolerate any threats against its ally"
    assert q.speaker is not None
    assert (q.speaker.text, q.speaker.role, q.speaker.affiliation) == ("Sergei Lavrov", "Foreign Minister", "Russian")


def test_body_as_speaker(quotes: list[Quote]) -> None:
    q = quotes[2]
    assert q.speaker is not None and q.speaker.affiliation == "South Korea" and q.speaker.entity_id == "wikidata:Q884"


def test_according_to(quotes: list[Quote]) -> None:
    q = quotes[3]
    assert q.cue == "according to" and q.text == "the two leaders spent more than two hours in private talks"
    assert q.speaker is not None and q.speaker.text == "Reuters"


def test_pronoun_takes_the_previous_person(quotes: list[Quote]) -> None:
    q = quotes[4]
    assert q.direct and q.speaker is not None and q.speaker.text == "Sergei Lavrov"


def test_offsets_point_into_the_text(quotes: list[Quote]) -> None:
    assert all(TEXT[q.start : q.end] == q.text for q in quotes)
