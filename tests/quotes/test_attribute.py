from __future__ import annotations

import pytest

from warta.data import Entity
from warta.quotes.attribute import find_quotes
from warta.quotes.direct import quote_spans
from warta.quotes.stage import QuoteStage

pytestmark = pytest.mark.issue(5)


def _ent(text: str, name: str, eid: str | None = None, label: str = "PER") -> Entity:
    start = text.index(name)
    return Entity(name, label, start, start + len(name), None, eid)


@pytest.mark.parametrize(
    ("text", "quote", "direct", "cue", "speaker", "role", "affiliation"),
    [
        (
            "Kepala BPS Budi Santoso mengatakan bahwa inflasi bulan ini turun tajam.",
            "inflasi bulan ini turun tajam",
            False,
            "mengatakan",
            "Budi Santoso",
            "Kepala",
            "BPS",
        ),
        (
            "Menurut Sri Mulyani, anggaran negara masih cukup kuat.",
            "anggaran negara masih cukup kuat",
            False,
            "menurut",
            "Sri Mulyani",
            None,
            None,
        ),
        (
            "Sementara itu, Presiden Joko Widodo menegaskan pemerintah tidak akan mundur.",
            "pemerintah tidak akan mundur",
            False,
            "menegaskan",
            "Joko Widodo",
            "Presiden",
            None,
        ),
        ("The minister said the talks would resume next week.", None, False, None, None, None, None),
        (
            "John Smith said that the talks would resume next week.",
            "the talks would resume next week",
            False,
            "said",
            "John Smith",
            None,
            None,
        ),
        (
            '"Kami sudah siap," kata Salehudin dari KKP Kelas II Mataram.',
            "Kami sudah siap",
            True,
            "kata",
            "Salehudin",
            None,
            "KKP Kelas II Mataram",
        ),
        (
            "“Harga akan turun,” kata Kepala Dinas Perhubungan DKI Jakarta Syafrin Liputo. "
            "“Tunggu saja,” kata Syafrin.",
            "Harga akan turun",
            True,
            "kata",
            "Syafrin Liputo",
            "Kepala",
            "Dinas Perhubungan DKI Jakarta",
        ),
        ("Program “Makan Siang Gratis” diluncurkan hari ini.", None, True, None, None, None, None),
    ],
)
def test_sentences(
    text: str,
    quote: str | None,
    direct: bool,
    cue: str | None,
    speaker: str | None,
    role: str | None,
    affiliation: str | None,
) -> None:
    quotes = find_quotes(text, [])
    if quote is None:
        assert quotes == []  # a bare common noun is no speaker; a title in quotes is no speech
        return
    q = quotes[0]
    assert (q.text, q.direct, q.cue) == (quote, direct, cue)
    assert text[q.start : q.end] == q.text
    assert q.speaker is not None
    assert (q.speaker.text, q.speaker.role, q.speaker.affiliation) == (speaker, role, affiliation)


def test_interrupted_quote_keeps_speaker() -> None:
    text = "Peneliti Rachel Lee hadir. “Ini masalah besar,” kata Lee. “Kita harus siap menghadapi semua kemungkinan.”"
    first, second = find_quotes(text, [])
    assert first.speaker and second.speaker
    assert first.speaker.text == second.speaker.text == "Rachel Lee"
    assert first.cue == "kata" and second.cue is None


def test_multi_paragraph_quote_is_one() -> None:
    text = "“Paragraf pertama dari kutipan panjang.\n\n“Paragraf kedua masih kutipan yang sama,” kata Budi Santoso."
    assert quote_spans(text) == [(0, text.index("” kata"))]
    (q,) = find_quotes(text, [])
    assert q.speaker and q.speaker.text == "Budi Santoso"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Menteri Luar Negeri Retno Marsudi tiba di Jakarta. “Kami akan membantu warga kita,” katanya.",
            "Retno Marsudi",
        ),
        (
            "Kapolri Listyo Sigit hadir di lokasi. Ia menegaskan bahwa polisi akan menindak tegas pelaku.",
            "Listyo Sigit",
        ),
        ("Beliau menyatakan dukungan penuh untuk rencana itu.", None),
        ("Menteri Keuangan Sri Mulyani hadir. Sang menteri mengatakan anggaran masih cukup kuat.", "Sri Mulyani"),
        ("Kapolri Listyo Sigit hadir. “Kami akan menindak tegas semua pelaku,” kata Kapolri.", "Listyo Sigit"),
    ],
)
def test_coreference(text: str, speaker: str | None) -> None:
    quotes = find_quotes(text, [])
    assert quotes
    got = quotes[-1].speaker
    assert (got.text if got else None) == speaker


def test_speaker_links_to_entity() -> None:
    text = (
        "Kim Jong Un tiba di Moskwa. Kim memuji perjanjian tersebut sebagai momen penting. "
        "Dia juga menyatakan dukungan penuh untuk Rusia."
    )
    ents = [_ent(text, "Kim Jong Un", "wikidata:Q56226"), Entity("Kim", "PER", 28, 31, None, "wikidata:Q56226")]
    praise, support = find_quotes(text, ents)
    for q in (praise, support):
        assert q.speaker and q.speaker.text == "Kim Jong Un" and q.speaker.entity_id == "wikidata:Q56226"
    assert praise.cue == "memuji" and support.cue == "menyatakan"


def test_seed_acceptance(seed_text: str) -> None:
    quotes = find_quotes(seed_text, [])
    direct = [q for q in quotes if q.direct]
    assert len(direct) == 1 and direct[0].cue == "kata"
    sp = direct[0].speaker
    assert sp and (sp.text, sp.role, sp.affiliation) == ("Rachel Lee", "peneliti senior", "Stimson Center")
    kim = [q for q in quotes if q.speaker and q.speaker.text == "Kim Jong Un"]
    assert any(q.text.startswith("perjanjian tersebut sebagai momen penting") for q in kim)
    assert any(q.text.startswith("dukungan penuh untuk Rusia") for q in kim)


def test_stage_without_model_never_fails() -> None:
    from warta.data import Article

    stage = QuoteStage(use_model=False)
    out = list(stage.run([Article(id="a", text="“Kami siap bekerja keras,” kata Budi.", language="id")]))
    assert isinstance(out[0], Article) and out[0].quotes[0].speaker
    assert stage.stats["quotes"] == 1


def test_stage_with_model() -> None:
    loader = pytest.importorskip("warta.nlp.model_loader")
    if not loader.model_available():
        pytest.skip("trained model not installed")
    from warta.data import Article

    stage = QuoteStage()
    text = "Menteri Keuangan Sri Mulyani Indrawati menegaskan bahwa pemerintah akan menambah anggaran."
    (out,) = list(stage.run([Article(id="a", text=text, language="id")]))
    assert isinstance(out, Article) and out.quotes and out.quotes[0].speaker
    assert "Indrawati" in out.quotes[0].speaker.text
