"""HTML extraction on tiny inline pages."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from warta.extract.html import extract_html, prepare_tree
from warta.extract.metadata import strip_site_suffix

PARAS = [
    "Presiden menghadiri rapat kabinet di Istana Negara pada Senin pagi untuk membahas anggaran tahun depan.",
    "Menurut juru bicara, rapat itu juga membahas rencana pembangunan infrastruktur di kawasan timur Indonesia.",
    "Para menteri diminta menyerahkan laporan kinerja masing-masing paling lambat akhir bulan ini, katanya.",
    "Rapat berlangsung selama tiga jam dan ditutup dengan konferensi pers bersama wartawan di halaman istana.",
]

PAGE = f"""<!DOCTYPE html><html lang="id-ID"><head>
<meta charset="utf-8">
<title>Presiden Pimpin Rapat Kabinet - Kompas.com</title>
<meta property="og:site_name" content="Kompas.com">
<meta property="article:published_time" content="2024-05-06T09:15:00+07:00">
<meta name="author" content="Andi Saputra">
<link rel="canonical" href="https://nasional.kompas.com/read/2024/05/06/rapat">
</head><body>
<nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a></nav>
<article><h1>Presiden Pimpin Rapat Kabinet</h1>
{"".join(f"<p>{p}</p>" for p in PARAS)}
<div class="baca-juga"><a href="/x">Baca juga: Menteri Keuangan Umumkan Anggaran Baru untuk Daerah</a></div>
</article>
<footer>Copyright 2024 Kompas Cyber Media. All rights reserved.</footer>
</body></html>"""


def test_body_found_and_boilerplate_left_out() -> None:
    result = extract_html(PAGE.encode("utf-8"))
    assert result.text.split("\n\n") == PARAS
    assert "Baca juga" not in result.text
    assert "Copyright" not in result.text


def test_metadata() -> None:
    result = extract_html(PAGE.encode("utf-8"), url="https://nasional.kompas.com/read/2024/05/06/rapat?page=2")
    assert result.title == "Presiden Pimpin Rapat Kabinet"
    assert result.published == "2024-05-06T09:15:00+07:00"
    assert result.authors == ["Andi Saputra"]
    assert result.site_name == "Kompas.com"
    assert result.url == "https://nasional.kompas.com/read/2024/05/06/rapat"
    assert result.language == "id"


@pytest.mark.parametrize(
    ("raw", "site", "domain", "title"),
    [
        ("Presiden Pimpin Rapat - Kompas.com", None, None, "Presiden Pimpin Rapat"),
        ("Harga Beras Naik | Media Indonesia", "Media Indonesia", "mediaindonesia.com", "Harga Beras Naik"),
        ("Okezone News :: Ahok Dukung Jokowi", None, "news.okezone.com", "Ahok Dukung Jokowi"),
        ("Jokowi - Prabowo Bertemu di Istana", None, None, "Jokowi - Prabowo Bertemu di Istana"),
    ],
)
def test_title_suffix_stripped(raw: str, site: str | None, domain: str | None, title: str) -> None:
    assert strip_site_suffix(raw, site, domain) == title


def test_jsonld_date_and_authors() -> None:
    page = (
        '<html><head><title>T</title><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Judul Berita", "datePublished": "2015-06-19 03:40:00",'
        ' "author": [{"@type": "Person", "name": "Ramadhian Fadillah"}]}</script></head>'
        f"<body><div>{''.join(f'<p>{p}</p>' for p in PARAS)}</div></body></html>"
    )
    result = extract_html(page.encode())
    assert result.title == "Judul Berita"
    assert result.published == "2015-06-19T03:40:00"
    assert result.authors == ["Ramadhian Fadillah"]


def test_br_block_body_split_into_paragraphs() -> None:
    # Older Indonesian templates: the whole story in one <div>, paragraphs separated by <br><br>.
    body = "<br><br>\n".join(PARAS)
    page = f"""<html><head><title>Rapat</title></head><body>
    <div class="menu"><a href="/">Beranda</a> | <a href="/a">Berita</a></div>
    <div class="text_detail"><b>Jakarta</b> - {body}<br><br>(bgs/rul)</div>
    <div class="related"><ul><li><a href="/1">Berita lain yang sangat menarik sekali</a></li></ul></div>
    </body></html>"""
    paragraphs = extract_html(page.encode()).text.split("\n\n")
    assert paragraphs[0] == f"Jakarta - {PARAS[0]}"
    assert paragraphs[1:4] == PARAS[1:]
    assert not any("Berita lain" in p for p in paragraphs)


def test_declared_encoding_honoured() -> None:
    text = "Le café était plein: déjà trois cents personnes attendaient l'ouverture du marché à l'aube."
    page = f"<html><body><article><p>{text}</p><p>{text} Encore.</p></article></body></html>"
    result = extract_html(page.encode("windows-1252"), encoding="windows-1252")
    assert "café était" in result.text
    # Without the transport's word, the bytes (invalid UTF-8) are still decoded sensibly.
    assert "café" in extract_html(page.encode("windows-1252")).text


@pytest.mark.parametrize(
    "content",
    [b"", b"   ", b"\x00\x01\x02\xff\xfe", b"<html></html>", b"<<<>>>", b"\x1f\x8b\x08\x00garbage", b"<?xml?>"],
)
def test_empty_or_garbage_gives_empty_text(content: bytes) -> None:
    assert extract_html(content).text == ""


def test_favor_is_checked() -> None:
    with pytest.raises(ValueError):
        extract_html(PAGE.encode(), favor="speed")
    for favor in ("precision", "balanced", "recall"):
        assert PARAS[0] in extract_html(PAGE.encode(), favor=favor).text


def test_big_comment_thread_is_not_the_body() -> None:
    # A comment thread can hold more prose than the post; it must not win as "the densest block".
    comment = " ".join(PARAS) + " " + " ".join(PARAS)
    thread = "".join(f'<li class="comment"><div class="comment-body"><p>{comment}</p><p>{comment}</p></div></li>' * 3)
    page = f"""<html><head><title>Open thread</title></head><body><main>
    <article><h1>Open thread</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p></article>
    <div class="comments-area comments"><ul class="comment-list">{thread}</ul></div></main></body></html>"""
    text = extract_html(page.encode()).text
    assert text.split("\n\n") == PARAS[:2]


def test_prose_divs_all_become_paragraphs() -> None:
    # CNN writes paragraphs as <div>s, some with links, some bare text; trafilatura dropped the bare ones when their
    # siblings had become <p>s (AEB page d605bdef2cde), so both kinds become <p>s.
    divs = "".join(
        f'<div class="zn-body__paragraph">{p} Lihat <a href="/x">tautan</a> ini.</div>' if i % 2 == 0
        else f'<div class="zn-body__paragraph">{p}</div>'
        for i, p in enumerate(PARAS)
    )
    tree = lxml_html.document_fromstring(f"<html><body><article><div>{divs}</div></article></body></html>")
    prepare_tree(tree)
    paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    assert [p for p in paragraphs if p in PARAS] == PARAS[1::2]
    assert len(paragraphs) == len(PARAS)


@pytest.mark.parametrize(
    ("author", "site"),
    [("Kompas Cyber Media", "Kompas Cyber Media"), ("PT. VIVA MEDIA BARU - VIVA.co.id", "VIVA.co.id")],
)
def test_publisher_is_not_an_author(author: str, site: str) -> None:
    head = f'<title>T</title><meta name="author" content="{author}">'
    page = f"<html><head>{head}</head><body><p>{PARAS[0]}</p></body></html>"
    result = extract_html(page.encode())
    assert (result.authors, result.site_name) == ([], site)


def test_site_name_holding_the_title_is_ignored() -> None:
    # Okezone fills og:site_name with the whole title.
    page = (
        '<html><head><meta property="og:title" content="Ahok Dukung Jokowi">'
        '<meta property="og:site_name" content="Ahok Dukung Jokowi :: Okezone News">'
        f"</head><body><p>{PARAS[0]}</p></body></html>"
    )
    result = extract_html(page.encode())
    assert (result.title, result.site_name) == ("Ahok Dukung Jokowi", "Okezone News")


def test_metadata_lines_harvested_but_not_body() -> None:
    page = f"""<html><head><title>T</title></head><body>
    <nav><div>Redaktur : Orang Lain</div></nav>
    <article>{"".join(f"<p>{p}</p>" for p in PARAS)}
    <p class="related-news"><strong>Baca juga : <a href="/1">Harga Beras Naik di Pasar Induk</a></strong></p>
    <div class="info-author">Editor : <a href="/author/151/andhika">Andhika</a></div></article>
    <footer><div>Penulis: Tim Redaksi</div></footer></body></html>"""
    result = extract_html(page.encode())
    assert result.meta_lines == ["Baca juga : Harga Beras Naik di Pasar Induk", "Editor : Andhika"]
    assert result.text.split("\n\n") == PARAS
    assert result.cleaner_input() == "\n\n".join([*result.meta_lines, result.text])
