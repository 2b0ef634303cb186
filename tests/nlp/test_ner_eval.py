"""warta.nlp.ner_eval: strict entity scores on gold tokens and on raw text (a rule pipeline stands in for the NER)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from warta.nlp.ner_eval import entity_scores


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [{"label": "PER", "pattern": [{"ORTH": name}]} for name in ("Jokowi", "(Jokowi)")]
        + [{"label": "LOC", "pattern": "Solo"}]
    )
    return nlp


def _gold(nlp: Language) -> list[Doc]:
    # the corpus writes the parenthesised name as one token, and annotates it with its brackets
    doc = Doc(nlp.vocab, words=["Presiden", "(Jokowi)", "ke", "Solo", "."])
    doc.ents = [Span(doc, 1, 2, label="PER"), Span(doc, 3, 4, label="LOC")]
    return [doc]


def test_gold_tokens_protocol_scores_on_the_corpus_tokens(nlp: Language) -> None:
    scores = entity_scores(nlp, _gold(nlp), "gold_tokens")
    assert scores["f"] == 1.0
    assert scores["per_type"]["PER"] == {"p": 1.0, "r": 1.0, "f": 1.0}


def test_raw_text_protocol_counts_a_boundary_error_twice(nlp: Language) -> None:
    scores = entity_scores(nlp, _gold(nlp), "raw_text")  # the tokenizer splits "(Jokowi)": "Jokowi" is found
    assert (scores["p"], scores["r"]) == (0.5, 0.5)
    assert scores["per_type"]["LOC"]["f"] == 1.0 and scores["per_type"]["PER"]["f"] == 0.0


def test_spacy_scorer_is_lenient_on_the_same_error(nlp: Language) -> None:
    """Why ner_eval exists: spaCy projects ``Jokowi`` onto the gold token ``(Jokowi)`` and calls it a hit."""
    gold = _gold(nlp)[0]
    scores = nlp.evaluate([Example(nlp.make_doc(gold.text), gold)])
    assert scores["ents_p"] == 1.0 and scores["ents_r"] == 1.0


def test_unknown_protocol(nlp: Language) -> None:
    with pytest.raises(ValueError, match="unknown protocol"):
        entity_scores(nlp, _gold(nlp), "bag_of_words")
