"""Document schema v1 is a contract: these keys and their JSON types must not change."""

from __future__ import annotations

import json
from dataclasses import asdict

from warta.data import (
    SCHEMA_FIELDS,
    SCHEMA_VERSION,
    Actor,
    Article,
    Credit,
    CreditRole,
    Entity,
    Event,
    EventMode,
    InputFormat,
    Page,
    Provenance,
    Quote,
    Related,
    Source,
    Speaker,
    content_id,
)


def _full_article() -> Article:
    return Article(
        id="abc",
        source=Source(path="p.txt", url="https://x.id/a", domain="x.id"),
        title="T",
        text="Body.",
        authors=["A"],
        editor="E",
        credits=[Credit(CreditRole.PHOTO, "KCNA")],
        related=[Related("R")],
        entities=[Entity("Rusia", "GPE", 0, 5, "RUS", "wikidata:Q159")],
        quotes=[Quote("q", 0, 1, True, "kata", Speaker("Lee"))],
        events=[
            Event("AID", EventMode.ALLEGED, "072", [Actor("Kim", "PRK")], [Actor("Rusia", "RUS")], "memasok", "s", 0, 1)
        ],
    )


def test_schema_v1_keys_are_all_present() -> None:
    data = _full_article().to_dict()
    assert set(SCHEMA_FIELDS) <= set(data)
    assert "page" not in data


def test_schema_v1_nested_keys() -> None:
    data = json.loads(json.dumps(_full_article().to_dict()))
    assert set(data["source"]) >= {"path", "url", "domain"}
    assert data["credits"] == [{"role": "photo", "name": "KCNA"}]
    assert set(data["related"][0]) >= {"title", "url"}
    assert set(data["entities"][0]) >= {"text", "label", "start", "end", "country", "id"}
    assert set(data["quotes"][0]) >= {"text", "start", "end", "direct", "cue", "speaker"}
    assert set(data["quotes"][0]["speaker"]) >= {"text", "entity_id", "role", "affiliation"}
    event = data["events"][0]
    assert set(event) >= {
        "event", "mode", "cameo", "actor", "recipient", "trigger", "sentence", "start", "end", "context", "confidence"
    }
    assert event["mode"] == "alleged"
    assert set(event["actor"][0]) >= {"text", "country", "sector", "id"}


def test_content_id_is_stable_under_whitespace_and_case() -> None:
    assert content_id("Satu  dua\n\ntiga", "Judul") == content_id("satu dua tiga", "judul")
    assert content_id("satu", None) != content_id("dua", None)
    assert len(content_id("x")) == 16


def test_to_dict_is_asdict_with_enum_values_and_without_the_page() -> None:
    article = _full_article()
    article.page = Page(b"<html/>", InputFormat.HTML, Provenance("p.html"))
    reference = asdict(article)
    del reference["page"]
    reference["schema_version"] = SCHEMA_VERSION
    assert json.dumps(article.to_dict()) == json.dumps(reference)  # StrEnum members dump as their values
    assert article.to_dict()["credits"][0]["role"] == "photo" and type(article.to_dict()["events"][0]["mode"]) is str
