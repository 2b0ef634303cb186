"""Online clustering: follow-ups join, unrelated articles don't, old stories close, languages meet via ids."""

from __future__ import annotations

from pathlib import Path

from warta.data import Actor, Article, Entity, Event, EventMode, Source
from warta.store import Store
from warta.stories.index import assign

NAMES = [Entity("Perry Warjiyo", "PER", 0, 13, "IDN", "wikidata:Q7169851"), Entity("Bank Indonesia", "ORG", 0, 1)]


def _article(i: int, text: str, published: str, language: str = "id", ents: list[Entity] | None = None) -> Article:
    return Article(
        id=f"a{i}",
        source=Source(domain="detik.com"),
        title=text.split(".")[0],
        text=text,
        published=published,
        language=language,
        entities=ents or [],
        events=[
            Event(
                "CONSULT", EventMode.ASSERTED, "040", [Actor("Rusia", "RUS")], [Actor("Korut", "PRK")], "t", "s", 0, 1
            )
        ]
        if ents
        else [],
    )


BI = (
    "Gubernur Bank Indonesia Perry Warjiyo membuka peluang suku bunga acuan turun lagi pada rapat dewan gubernur. "
    "Perry Warjiyo menyebut inflasi terkendali dan rupiah stabil sehingga ruang pelonggaran moneter terbuka."
)
BI_FOLLOW = (
    "Perry Warjiyo kembali menegaskan ruang penurunan suku bunga acuan Bank Indonesia masih terbuka. Menurut "
    "Perry Warjiyo, inflasi inti tetap rendah dan stabilitas rupiah terjaga menjelang rapat dewan gubernur."
)
FLOOD = (
    "Banjir merendam ratusan rumah warga di Kabupaten Bekasi setelah hujan deras mengguyur sejak malam. "
    "Petugas Badan Penanggulangan Bencana Daerah mengevakuasi warga lanjut usia dengan perahu karet."
)
ENGLISH = "Governor Perry Warjiyo said the central bank may cut its policy rate again as inflation stays low."


def _write(tmp_path: Path, articles: list[Article]) -> Store:
    store = Store(tmp_path / "w.db")
    store.write(articles)
    return store


def test_follow_up_joins_and_unrelated_opens_a_story(tmp_path: Path) -> None:
    with _write(tmp_path, [_article(1, BI, "2025-10-20", ents=NAMES), _article(2, FLOOD, "2025-10-20"),
                           _article(3, BI_FOLLOW, "2025-10-21", ents=NAMES)]) as store:  # fmt: skip
        rows = dict(store.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        assert rows["a1"] == rows["a3"] != rows["a2"]
        assert store.count("stories") == 2


def test_outside_the_time_window_opens_a_new_story(tmp_path: Path) -> None:
    old, new = _article(1, BI, "2025-01-01", ents=NAMES), _article(3, BI_FOLLOW, "2025-03-01", ents=NAMES)
    with _write(tmp_path, [old, new]) as store:
        assert store.count("stories") == 2


def test_cross_language_through_entity_ids_and_actor_codes(tmp_path: Path) -> None:
    en = _article(4, ENGLISH, "2025-10-21", language="en", ents=[NAMES[0]])
    with _write(tmp_path, [_article(1, BI, "2025-10-20", ents=NAMES), en]) as store:
        rows = dict(store.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        assert rows["a1"] == rows["a4"]


def test_assign_indexes_articles_stored_before_the_stories_step(tmp_path: Path) -> None:
    with _write(tmp_path, [_article(1, BI, "2025-10-20", ents=NAMES), _article(2, FLOOD, "2025-10-20")]) as store:
        for table in ("story_articles", "story_features", "stories", "minhash", "lsh_bands", "copies", "origins"):
            store.conn.execute(f"DELETE FROM {table}")
        assert assign(store.conn) == 2
        assert store.count("stories") == 2 and store.count("copies") == 2
        assert assign(store.conn) == 0  # nothing left to do
