"""The extract stage: dispatch on page format, metadata merge, ids, rejections and batch-level repetition."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.data import Article, Credit, CreditRole, Hints, InputFormat, Page, Provenance, Rejection, Source, content_id
from warta.extract import ExtractStage
from warta.extract.types import HtmlExtraction
from warta.settings import DEFAULTS

SEED = Path(__file__).parents[2] / "examples" / "000_3634da77584c6100.txt"
BODY = "Pemerintah menyatakan bahwa rencana pembangunan jalan tol baru akan dimulai pada awal tahun depan."
MORE = "Menurut dia, keputusan itu diambil setelah rapat panjang dengan seluruh pemangku kepentingan di daerah."


def _article(content: bytes | str, fmt: InputFormat = InputFormat.TEXT, **kw: object) -> Article:
    data = content.encode("utf-8") if isinstance(content, str) else content
    page = Page(content=data, format=fmt, provenance=Provenance(input="in.txt", record="7"), **kw)  # type: ignore[arg-type]
    return Article(page=page)


def _run(*articles: Article | Rejection, stage: ExtractStage | None = None) -> list[Article | Rejection]:
    return list((stage or ExtractStage()).run(articles))


def _one(article: Article) -> Article:
    (out,) = _run(article)
    assert isinstance(out, Article), out
    return out


def test_declares_its_fields() -> None:
    stage = ExtractStage(DEFAULTS)
    assert stage.name == "extract"
    assert stage.requires == {"page"}
    assert {"id", "title", "text", "credits", "related", "source", "site_name"} <= stage.assigns


@pytest.mark.issue(2)
@pytest.mark.parametrize("with_domain_line", [True, False])
def test_seed_text_record(with_domain_line: bool) -> None:
    raw = SEED.read_bytes()
    if not with_domain_line:  # ingest may already have moved the domain line into source.domain
        raw = raw.split(b"\n", 1)[1]
    art = _one(_article(raw, source=Source(path="seed.txt", domain=None if with_domain_line else "visitaaponce.com")))
    assert art.title == "Putin dan Kim Jong Un Sepakat Saling Bantu Melawan Agresi"
    assert art.text.startswith("PRESIDEN Rusia") and art.text.endswith("kata Lee.")
    for fragment in ("Baca juga", "Cek berita", "Editor :", "Terkini Lainnya", "Tautan Sahabat", "(BBC/P-5)", "(KCNA)"):
        assert fragment not in art.text
    assert art.editor == "Akmal"
    assert Credit(CreditRole.PHOTO, "KCNA") in art.credits
    assert Credit(CreditRole.SOURCE, "BBC/P-5") in art.credits
    assert [r.title for r in art.related] == [
        "Pertemuan Putin-Kim Diikuti Peluncuran Rudal Balistik Korut",
        "Pertemuan Rusia-Korut Keprihatinan Mendalam bagi Korsel",
    ]
    assert art.source.domain == "visitaaponce.com"
    assert art.id == content_id(art.text, art.title)
    assert art.page is None
    assert art.provenance == Provenance(input="in.txt", record="7")


def test_id_is_stable() -> None:
    raw = SEED.read_bytes()
    assert _one(_article(raw)).id == _one(_article(raw)).id


def test_text_in_other_encoding() -> None:
    text = f"Judul Berita Kafé\n\n{BODY} Kafé di pojok jalan.\n\n{MORE}"
    art = _one(_article(text.encode("cp1252"), source=Source(domain="x.id")))
    assert "Kafé di pojok" in art.text


def test_jsonl_text_taken_as_is() -> None:
    hints = Hints(id="doc-1", title="Judul", url="https://www.example.co.id/a/1", published="2024-06-19", language="id")
    text = f"{BODY}\r\n\r\n\r\nBaca juga: Judul Lain\r\n{MORE}"
    art = _one(_article(text, InputFormat.JSONL, hints=hints))
    assert art.id == "doc-1"
    assert art.text == f"{BODY}\n\nBaca juga: Judul Lain\n{MORE}"
    assert (art.title, art.published, art.language, art.language_score) == ("Judul", "2024-06-19", "id", None)
    assert art.source.url == "https://www.example.co.id/a/1"
    assert art.source.domain == "example.co.id"


def test_jsonl_cleaned_when_asked() -> None:
    text = f"{BODY}\n\nBaca juga: Judul Lain\n\n{MORE}\n\nEditor: Akmal"
    art = _one(_article(text, InputFormat.JSONL, hints=Hints(clean=True, title="Judul")))
    assert art.text == f"{BODY}\n\n{MORE}"
    assert art.editor == "Akmal"
    assert [r.title for r in art.related] == ["Judul Lain"]
    stage = ExtractStage(DEFAULTS.with_(clean_jsonl=True))
    (out,) = _run(_article(text, InputFormat.JSONL), stage=stage)
    assert isinstance(out, Article) and "Baca juga" not in out.text


def test_jsonl_without_id_gets_content_id() -> None:
    art = _one(_article(BODY, InputFormat.JSONL))
    assert art.id == content_id(BODY, None)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "no article text found"),
        (b"kompas.com\n\nTerkini Lainnya\nTautan Sahabat\n", "no article text found"),
        (b"Pendek.", "article text too short"),
    ],
)
def test_rejections(content: bytes, reason: str) -> None:
    (out,) = _run(_article(content))
    assert isinstance(out, Rejection)
    assert out.reason.startswith(reason) and out.stage == "extract"
    assert (out.input, out.record) == ("in.txt", "7")


def test_bad_page_does_not_stop_batch() -> None:
    good = _article(f"Judul Satu Dua\n\n{BODY}\n\n{MORE}")
    outs = _run(_article(b""), Rejection(input="x", reason="earlier", stage="ingest"), good)
    assert [type(o).__name__ for o in outs] == ["Rejection", "Rejection", "Article"]
    assert outs[1].reason == "earlier"  # type: ignore[union-attr]


def test_html_page_merges_extractor_and_cleaner(monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.extract.html as html

    seen: dict[str, object] = {}

    def fake(content: bytes, *, url: str | None = None, encoding: str | None = None, favor: str = "") -> HtmlExtraction:
        seen.update(url=url, encoding=encoding, favor=favor)
        return HtmlExtraction(
            text=f"{BODY}\n\nBaca juga: Judul Lain\n\n{MORE} (Ant)\n\nPenulis: Budi Santoso",
            title="Judul Dari HTML",
            published="2024-06-19",
            authors=["Ani Lestari"],
            site_name="Contoh",
            url="https://www.contoh.id/berita/1",
        )

    monkeypatch.setattr(html, "extract_html", fake)
    art = _one(_article(b"<html></html>", InputFormat.HTML, encoding="utf-8", source=Source(path="a.html")))
    assert seen == {"url": None, "encoding": "utf-8", "favor": "balanced"}
    assert art.text == f"{BODY}\n\n{MORE}"
    assert (art.title, art.published, art.site_name) == ("Judul Dari HTML", "2024-06-19", "Contoh")
    assert art.authors == ["Ani Lestari", "Budi Santoso"]
    assert Credit(CreditRole.SOURCE, "Ant") in art.credits
    assert [r.title for r in art.related] == ["Judul Lain"]
    assert art.source == Source(path="a.html", url="https://www.contoh.id/berita/1", domain="contoh.id")


def test_feed_page_uses_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.extract.html as html

    monkeypatch.setattr(html, "extract_html", lambda content, **kw: HtmlExtraction(text=f"{BODY}\n\n{MORE}"))
    hints = Hints(title="Judul Feed", url="https://feed.example.com/x", published="2025-01-02T03:04:05Z")
    art = _one(_article(b"<p>x</p>", InputFormat.FEED, hints=hints))
    assert (art.title, art.published, art.source.url, art.source.domain) == (
        "Judul Feed",
        "2025-01-02T03:04:05Z",
        "https://feed.example.com/x",
        "feed.example.com",
    )


def test_batch_repetition_removes_site_lines() -> None:
    site_line = "Program Pilihan Redaksi Malam Ini"
    pages = [
        _article(f"Judul Nomor {i} Hari Ini\n\n{BODY} ({i})\n\n{site_line}\n\nAlasan {i} berbeda dari yang lain.",
                 source=Source(domain="contoh.id"))
        for i in range(4)
    ]
    other = _article(f"Judul Lain Lagi\n\n{BODY}\n\n{site_line}", source=Source(domain="lain.id"))
    outs = _run(*pages, other)
    assert all(isinstance(o, Article) for o in outs)
    texts = [o.text for o in outs]  # type: ignore[union-attr]
    assert all(site_line not in t for t in texts[:4])
    assert site_line in texts[4]  # one page of another site: no evidence


def test_chunks_keep_order_and_bound_memory() -> None:
    stage = ExtractStage(chunk=2)
    arts = [_article(f"Judul Nomor {i} Hari Ini\n\n{BODY} Nomor {i}.") for i in range(5)]
    outs = list(stage.run(iter(arts)))
    assert [o.title for o in outs] == [f"Judul Nomor {i} Hari Ini" for i in range(5)]  # type: ignore[union-attr]
    assert stage.stats["ok"] == 5


def test_process_single_article() -> None:
    art = ExtractStage().process(_article(f"Judul Satu Dua\n\n{BODY}"))
    assert art is not None and art.text == BODY


MI_PAGE = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Harga Beras Naik di Pasar Induk | Media Indonesia</title>
<meta property="og:site_name" content="Media Indonesia"></head><body>
<nav><a href="/">Beranda</a> <a href="/editorials">Editorial</a></nav>
<div class="article"><h1>Harga Beras Naik di Pasar Induk</h1>
<div class="article-content">
<p>JAKARTA - {BODY}</p>
<p class='related-news'><strong>Baca juga :&nbsp;<a href='/ekonomi/1/operasi-pasar'>Pemerintah Siapkan Operasi Pasar
 Beras</a></strong></p>
<p>{MORE} (Ant/P-2)</p>
</div>
<div class="ext-channel">Cek berita dan artikel yg lain di <a href="https://news.google.com/">Google News</a></div>
<div class="info-author">Editor : <a title="Andhika" href="/author/151/andhika" class="author">Andhika</a></div>
</div><footer>Copyright 2026 Media Indonesia</footer></body></html>"""


@pytest.mark.issue(2)
def test_html_metadata_lines_become_metadata() -> None:
    # Media Indonesia keeps the editor and "Baca juga" in blocks trafilatura leaves out; they still reach metadata.
    art = _one(_article(MI_PAGE, InputFormat.HTML, source=Source(path="mi.html")))
    assert art.text == f"JAKARTA - {BODY}\n\n{MORE}"
    assert art.editor == "Andhika"
    assert Credit(CreditRole.EDITOR, "Andhika") in art.credits
    assert Credit(CreditRole.SOURCE, "Ant/P-2") in art.credits
    assert {r.title for r in art.related} == {"Pemerintah Siapkan Operasi Pasar Beras"}
    assert art.site_name == "Media Indonesia"
    for line in ("Editor", "Andhika", "Baca juga", "Operasi Pasar", "(Ant/P-2)", "Google News"):
        assert line not in art.text
