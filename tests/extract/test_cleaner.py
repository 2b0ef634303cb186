"""The line cleaner: which lines stay, which go, and what metadata they turn into."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.data import Credit, CreditRole, Related
from warta.extract.cleaner import clean_lines, line_key, normalize_paragraphs, repeated_lines

SEED = Path(__file__).parents[2] / "examples" / "000_3634da77584c6100.txt"

# Paragraphs long enough to anchor the body, so a line under test sits between real text.
LEAD = "Pemerintah menyatakan bahwa rencana pembangunan jalan tol baru akan dimulai pada awal tahun depan di Jawa."
TAIL = "Menurut dia, keputusan itu diambil setelah rapat panjang dengan seluruh pemangku kepentingan di daerah."


def _clean(line: str, **kw: object) -> tuple[bool, object]:
    result = clean_lines(f"{LEAD}\n\n{line}\n\n{TAIL}", **kw)  # type: ignore[arg-type]
    return line in result.text.split("\n\n"), result


# -- the seed page: the issue's acceptance --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> object:
    return clean_lines(SEED.read_text(encoding="utf-8"), domain="visitaaponce.com")


BOILERPLATE = (
    "visitaaponce.com",
    "Putin dan Kim Jong Un Sepakat Saling Bantu Melawan Agresi",
    "(KCNA)",
    "Baca juga",
    "Cek berita dan artikel",
    "Editor : Akmal",
    "Terkini Lainnya",
    "Tautan Sahabat",
    "(BBC/P-5)",
)


@pytest.mark.issue(2)
@pytest.mark.parametrize("fragment", BOILERPLATE)
def test_seed_boilerplate_gone(seed: object, fragment: str) -> None:
    assert fragment not in seed.text  # type: ignore[attr-defined]


@pytest.mark.issue(2)
def test_seed_body_and_metadata(seed: object) -> None:
    res = seed
    raw = SEED.read_text(encoding="utf-8")
    body = [" ".join(p.split()) for p in raw.split("\n\n")[2:] if p.strip()]
    skip = ("Putin dan", "Baca juga", "Cek ", "Terkini", "Tautan")
    body = [p.removesuffix(" (BBC/P-5)") for p in body if not p.startswith(skip)]
    paras = res.text.split("\n\n")  # type: ignore[attr-defined]
    assert paras == body
    assert paras[0].split()[0] == "PRESIDEN"
    assert paras[-1].endswith("kata Lee.")
    assert res.title == "Putin dan Kim Jong Un Sepakat Saling Bantu Melawan Agresi"  # type: ignore[attr-defined]
    assert res.editor == "Akmal"  # type: ignore[attr-defined]
    assert Credit(CreditRole.PHOTO, "KCNA") in res.credits  # type: ignore[attr-defined]
    assert Credit(CreditRole.SOURCE, "BBC/P-5") in res.credits  # type: ignore[attr-defined]
    assert Credit(CreditRole.EDITOR, "Akmal") in res.credits  # type: ignore[attr-defined]
    assert res.related == [  # type: ignore[attr-defined]
        Related("Pertemuan Putin-Kim Diikuti Peluncuran Rudal Balistik Korut"),
        Related("Pertemuan Rusia-Korut Keprihatinan Mendalam bagi Korsel"),
    ]


# -- line tables ------------------------------------------------------------------------------------------------

DROPPED = [
    # follow / call-to-action lines
    "Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel mediaindonesia.com",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
    "Ikuti WhatsApp Channel Liputan6.com untuk update berita terkini",
    "Follow us on Twitter and Facebook",
    "Download aplikasi Okezone untuk berita terbaru",
    "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
    "Saksikan Live DetikPagi :",
    "Klik di sini untuk berlangganan",
    "[Gambas:Video 20detik]",
    # navigation labels
    "Terkini Lainnya",
    "Tautan Sahabat",
    "Berita Terkait",
    "Terpopuler",
    "Tag",
    "Share",
    "Komentar",
    "Advertisement",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Scroll to continue with content",
    "Halaman selanjutnya",
    "Baca Selengkapnya",
    "Halaman 1 2 3",
    "Tag: politik, ekonomi, DPR",
    "Home > News > Politik",
    "Share | Tweet | Email",
    "https://www.kompas.com/tag/politik",
    # copyright, dates
    "Copyright © 2024 Tempo.co. All rights reserved.",
    "© 2025 Suara.com - All Rights Reserved.",
    "Hak Cipta Dilindungi Undang-undang",
    "Selasa, 21 Okt 2025 20:43 WIB",
    "Kamis, 8 Januari 2026 | 14:05 WIB",
    "Updated: 20/10/2025, 10:30 WIB",
    "2 jam yang lalu",
    # photo captions
    "Foto: Ari Saputra/detikcom",
    "(Foto: ANTARA/Sigid Kurniawan)",
    "Presiden Prabowo Subianto di Istana Merdeka. (Foto: Rusman/Biro Pers Setpres)",
    "ANTARA FOTO/Hafidz Mubarak A",
]


@pytest.mark.parametrize("line", DROPPED)
def test_boilerplate_line_dropped(line: str) -> None:
    kept, res = _clean(line)
    assert not kept, res.dropped  # type: ignore[attr-defined]
    assert LEAD in res.text and TAIL in res.text  # type: ignore[attr-defined]


KEPT = [
    # short real paragraphs: quotes, one-liners, list items, subheadings between paragraphs
    '"Kita lihat nanti," kata Jokowi.',
    '"Tidak."',
    "Ia menolak berkomentar.",
    "1. Surat keterangan sehat dari rumah sakit",
    "- Kartu Tanda Penduduk (KTP)",
    "Argumentasi Hakim",
    "Upaya Pemprov DKI Jakarta Atasi Kemiskinan",
    "Berikut syaratnya:",
    "Skor: 3,21",
    "Astana Gede Kawali, 19 Oktober 2025.",
    "Pukul 10.00 WIB, massa mulai berdatangan ke depan gedung DPR dan membawa spanduk berisi tuntutan mereka.",
    "Lihat juga bagaimana pemerintah menangani banjir di Jakarta tahun lalu, yang menewaskan puluhan orang dan "
    "membuat ribuan warga mengungsi ke tempat yang lebih aman.",
    "Sumber: data Badan Pusat Statistik menunjukkan bahwa angka kemiskinan turun menjadi 8,5 persen pada Maret lalu.",
    "Komisi Pemberantasan Korupsi (KPK)",
    "Police said the suspect, 21, was arrested on Thursday (local time).",
    "Inflasi tahunan tercatat 2,86 persen (yoy).",
    "Dia lahir pada 1965 (59 tahun).",
    "Harga emas naik (8/1).",
    "By the end of the day, markets had recovered most of their losses.",
    "Oleh karena itu, pemerintah meminta masyarakat tetap tenang dan tidak panik.",
    "Editor senior harian itu mengatakan bahwa keputusan tersebut sudah final dan tidak bisa diganggu gugat.",
    "Berita terkait korupsi itu sudah beredar sejak pekan lalu di media sosial.",
]


@pytest.mark.parametrize("line", KEPT)
def test_body_line_kept(line: str) -> None:
    kept, res = _clean(line)
    assert kept, (res.text, res.dropped)  # type: ignore[attr-defined]


RELATED = [
    (
        "Baca juga : Pertemuan Putin-Kim Diikuti Peluncuran Rudal Balistik Korut",
        "Pertemuan Putin-Kim Diikuti Peluncuran Rudal Balistik Korut",
    ),
    ("Baca Juga: Harga BBM Naik Lagi", "Harga BBM Naik Lagi"),
    ("BACA JUGA: Harga BBM Naik Lagi", "Harga BBM Naik Lagi"),
    ("Baca juga: 'Harga BBM Naik Lagi'", "Harga BBM Naik Lagi"),
    ("Simak juga Video 'Janji Mensos ke Prabowo: Tak Akan Korupsi':", "Janji Mensos ke Prabowo: Tak Akan Korupsi"),
    (
        'Tonton juga video "Bansos Pemerintah Untuk Masyarakat Cikande" di sini:',
        "Bansos Pemerintah Untuk Masyarakat Cikande",
    ),
    ("Lihat juga Video: Purbaya soal IHSG Anjlok", "Purbaya soal IHSG Anjlok"),
    ("Simak Video Penjelasan Yusril soal TNI", "Penjelasan Yusril soal TNI"),
    ("Read also: Markets rally after rate cut", "Markets rally after rate cut"),
    ("Related: Markets rally after rate cut", "Markets rally after rate cut"),
    ("READ MORE: Markets rally after rate cut", "Markets rally after rate cut"),
]


@pytest.mark.parametrize(("line", "title"), RELATED)
def test_related_line(line: str, title: str) -> None:
    kept, res = _clean(line)
    assert not kept
    assert [r.title for r in res.related] == [title]  # type: ignore[attr-defined]


def test_related_title_on_next_line() -> None:
    res = clean_lines(f"{LEAD}\n\nBaca juga:\n\nHarga BBM Naik Lagi\n\n{TAIL}")
    assert [r.title for r in res.related] == ["Harga BBM Naik Lagi"]
    assert res.text == f"{LEAD}\n\n{TAIL}"


ROLES = [
    ("Editor : Akmal", None, ["Akmal"], []),
    ("Editor: Hani Anggraini", None, ["Hani Anggraini"], []),
    ("Penyunting: Dewi Sartika", None, ["Dewi Sartika"], []),
    ("Penulis: Rizky Maulana", ["Rizky Maulana"], [], []),
    ("Reporter: Budi Santoso | Editor: Akmal", ["Budi Santoso"], ["Akmal"], []),
    ("Pewarta: Andi Firdaus, Sri Haryati", ["Andi Firdaus", "Sri Haryati"], [], []),
    ("Penulis: Ani dan Budi", ["Ani", "Budi"], [], []),
    ("By Jane Doe", ["Jane Doe"], [], []),
    ("Oleh: Dr Endang Tirtana", ["Dr Endang Tirtana"], [], []),
    ("Laporan Wartawan Tribunnews.com, Taufik Ismail", ["Taufik Ismail"], [], []),
    ("Reporting by Jane Doe and John Roe; Editing by Mark Heinrich", ["Jane Doe", "John Roe"], ["Mark Heinrich"], []),
    ("Fotografer: Rahmat Hidayat", None, [], ["Rahmat Hidayat"]),
]


@pytest.mark.parametrize(("line", "authors", "editors", "photos"), ROLES)
def test_role_line(line: str, authors: list[str] | None, editors: list[str], photos: list[str]) -> None:
    kept, res = _clean(line)
    assert not kept
    assert res.authors == (authors or [])  # type: ignore[attr-defined]
    assert res.editor == (editors[0] if editors else None)  # type: ignore[attr-defined]
    got = {(c.role, c.name) for c in res.credits}  # type: ignore[attr-defined]
    want = {(CreditRole.AUTHOR, a) for a in authors or []} | {(CreditRole.EDITOR, e) for e in editors}
    assert got == want | {(CreditRole.PHOTO, p) for p in photos}


SOURCE_CREDITS = [
    ('"Kita lanjutkan," kata Lee. (BBC/P-5)', '"Kita lanjutkan," kata Lee.', "BBC/P-5"),
    (
        "Harga minyak turun tajam pada perdagangan Senin. (Ant)",
        "Harga minyak turun tajam pada perdagangan Senin.",
        "Ant",
    ),
    (
        "Harga minyak turun tajam pada perdagangan Senin. (ANTARA)",
        "Harga minyak turun tajam pada perdagangan Senin.",
        "ANTARA",
    ),
    (
        "Serangan itu menewaskan sedikitnya 20 orang. (AFP/Reuters)",
        "Serangan itu menewaskan sedikitnya 20 orang.",
        "AFP/Reuters",
    ),
    ("Acara itu dihadiri ratusan warga setempat. (*)", "Acara itu dihadiri ratusan warga setempat.", "*"),
    ("Polisi masih menyelidiki kasus tersebut (dtc/ega)", "Polisi masih menyelidiki kasus tersebut", "dtc/ega"),
    (
        "Pemerintah akan merealisasikan 331 ribu unit rumah. (Mvi/Ali)",
        "Pemerintah akan merealisasikan 331 ribu unit rumah.",
        "Mvi/Ali",
    ),
    (
        "IHSG ditutup melemah pada perdagangan hari ini. (H-4)",
        "IHSG ditutup melemah pada perdagangan hari ini.",
        "H-4",
    ),
    (
        "Jenazah ditemukan di halaman belakang rumah. (Luh Wayanti)",
        "Jenazah ditemukan di halaman belakang rumah.",
        "Luh Wayanti",
    ),
]


@pytest.mark.parametrize(("line", "body", "credit"), SOURCE_CREDITS)
def test_source_credit_lifted(line: str, body: str, credit: str) -> None:
    res = clean_lines(f"{LEAD}\n\n{line}")
    assert res.text == f"{LEAD}\n\n{body}"
    assert Credit(CreditRole.SOURCE, credit) in res.credits


SYNDICATION = [
    (
        'Artikel ini telah tayang di Kompas.com dengan judul "Harga BBM Naik". Klik untuk baca: https://x.y',
        "Kompas.com",
    ),
    ("Artikel ini telah tayang di Tribun Jabar dengan judul Harga BBM Naik", "Tribun Jabar"),
    ('Baca artikel detiknews, "Harga BBM Naik" selengkapnya https://news.detik.com/x', "detiknews"),
    ("Sumber: Antara", "Antara"),
    ("Source: Reuters", "Reuters"),
    ("This article was originally published on The Conversation.", "The Conversation"),
]


@pytest.mark.parametrize(("line", "credit"), SYNDICATION)
def test_syndication_credit(line: str, credit: str) -> None:
    kept, res = _clean(line)
    assert not kept
    assert Credit(CreditRole.SOURCE, credit) in res.credits  # type: ignore[attr-defined]


PHOTO_CREDITS = [
    ("Foto: Ari Saputra/detikcom", "Ari Saputra/detikcom"),
    ("(Foto: ANTARA/Sigid Kurniawan)", "ANTARA/Sigid Kurniawan"),
    ("Presiden Prabowo di Istana. (Foto: Rusman/Biro Pers Setpres)", "Rusman/Biro Pers Setpres"),
    ("Warga mengungsi akibat banjir di Bekasi (ANTARA/Fakhri Hermansyah)", "ANTARA/Fakhri Hermansyah"),
]


@pytest.mark.parametrize(("line", "credit"), PHOTO_CREDITS)
def test_photo_credit(line: str, credit: str) -> None:
    kept, res = _clean(line)
    assert not kept
    assert Credit(CreditRole.PHOTO, credit) in res.credits  # type: ignore[attr-defined]


# -- headline, header and footer ----------------------------------------------------------------------------


def test_headline_repeats_and_caption() -> None:
    text = "Banjir Rendam Jakarta\n\nBanjir Rendam Jakarta\nBanjir Rendam Jakarta(ANTARA)\n\n" + LEAD
    res = clean_lines(text)
    assert res.title == "Banjir Rendam Jakarta"
    assert res.text == LEAD
    assert res.credits == [Credit(CreditRole.PHOTO, "ANTARA")]


def test_title_hint_used_and_first_line_kept_without_inference() -> None:
    res = clean_lines(f"Subjudul Pendek Sekali\n\n{LEAD}", title_hint="Judul Lain", infer_title=False)
    assert res.title == "Judul Lain"
    assert "Subjudul Pendek Sekali" in res.text or res.dropped  # a header label may go, never a paragraph
    assert LEAD in res.text


def test_domain_line_dropped() -> None:
    assert clean_lines(f"kompas.com\nJudul Berita Hari Ini\n{LEAD}", domain="kompas.com").text == LEAD


def test_dateline_joins_next_paragraph() -> None:
    res = clean_lines(f"Judul Berita Hari Ini\n\nJAKARTA, KOMPAS.com -\n\n{LEAD}")
    assert res.text == f"JAKARTA, KOMPAS.com - {LEAD}"


def test_footer_headline_list_dropped_but_final_list_kept() -> None:
    items = "1. Kendaraan roda empat 7 unit\n2. Logam mulia 645 gram\n3. Uang tunai Rp 1,3 miliar"
    footer = "Terkini Lainnya\nIstana Batalkan Rapat Inflasi karena Ada Demo!\nHarga Minyak Turun Usai Fed Pangkas"
    res = clean_lines(f"{LEAD}\nBarang yang disita yaitu:\n{items}\n{footer}")
    assert res.text.split("\n\n") == [LEAD, "Barang yang disita yaitu:", *items.split("\n")]


def test_repeated_lines_dropped_unless_long_sentences() -> None:
    site_line = "Program Pilihan Redaksi Malam Ini"
    pages = [f"{LEAD} {i}.\n{site_line}\n{TAIL}" for i in range(4)]
    rep = repeated_lines(pages)
    assert line_key(site_line) in rep
    assert line_key(TAIL) in rep  # it repeats, but a long sentence is kept regardless
    res = clean_lines(pages[0], repeated=rep)
    assert site_line not in res.text and TAIL in res.text


def test_repeated_lines_ignore_identical_pages() -> None:
    assert repeated_lines(["a\nb", "a\nb", "a\nb"]) == set()
    assert repeated_lines(["a\nb", "a\nc", "a\nd"]) == {"a"}


def test_clean_text_is_not_damaged() -> None:
    text = f"{LEAD}\n\n{TAIL}\n\n\"Kita lihat nanti,\" kata dia."
    assert clean_lines(text, infer_title=False).text == text


def test_whitespace_normalised() -> None:
    res = clean_lines(f"{LEAD.replace(' ', '  ', 3)}\r\n\r\n\r\n{TAIL}\u00a0 ", infer_title=False)
    assert res.text == f"{LEAD}\n\n{TAIL}"


def test_normalize_paragraphs_keeps_everything() -> None:
    assert normalize_paragraphs("a  b\r\n\r\n\r\n\r\nBaca juga: x\n") == "a b\n\nBaca juga: x"


def test_empty() -> None:
    assert clean_lines("").text == ""
    assert clean_lines("\n\n  \n").text == ""


def test_table_rows_are_body_not_breadcrumbs() -> None:
    rows = "| Pos | Player | Points |\n\n| 1 | Kyle Busch | 5040 |\n\n| 2 | Martin Truex Jr. | 5035 |"
    res = clean_lines(f"{LEAD}\n\n{rows}\n\n{TAIL}")
    assert rows in res.text, res.dropped


def test_byline_table_rows_lifted() -> None:
    # Kompas puts its byline in a two-column table: "| Penulis | : Anju |".
    res = clean_lines(f"{LEAD}\n\n{TAIL}\n\n| Penulis | : Anju Christian |\n\n| Editor | : Jalu Wisnu Wirajati |")
    assert res.text == f"{LEAD}\n\n{TAIL}"
    assert (res.authors, res.editor) == (["Anju Christian"], "Jalu Wisnu Wirajati")


def test_list_of_links_between_paragraphs_kept() -> None:
    links = "http://www.example.org/2013/02/sumber-pertama.html\n\nhttp://example.wordpress.com/2011/09/07/kedua/"
    res = clean_lines(f"{LEAD}\n\n{links}\n\n{TAIL}\n\nhttp://www.example.org/tag/a\n\nhttp://www.example.org/tag/b")
    assert res.text == f"{LEAD}\n\n{links}\n\n{TAIL}"


def test_link_under_a_list_item_kept() -> None:
    items = "1) Lego Star Wars 75188\n\nhttp://amzn.to/2iJFhRj\n\n2) Polistil 960574 Pista Elettrica\n\nhttp://amzn.to/2hZfWFJ"
    res = clean_lines(f"{LEAD}\n\n{items}\n\n{TAIL}")
    assert res.text == f"{LEAD}\n\n{items}\n\n{TAIL}", res.dropped
