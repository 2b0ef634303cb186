"""Line patterns for the boilerplate cleaner: what Indonesian and English news pages wrap around an article.

Kept apart from :mod:`warta.extract.cleaner` so the tables can grow without the logic growing with them. Every
pattern is matched against one whitespace-normalised line; ``casefold`` is applied where the comment says so.
"""

from __future__ import annotations

import re

# Whole-line navigation labels (compared casefolded, trailing ':' / '»' / '›' stripped). Short on purpose: a label
# is boilerplate only when it is the entire line.
NAV_LABELS: frozenset[str] = frozenset(
    """
    terkini lainnya|tautan sahabat|berita terkait|artikel terkait|berita lainnya|berita lain|terpopuler|populer|
    paling populer|terbaru|berita terbaru|berita populer|tag|tags|topik|topik terkait|topik pilihan|share|bagikan|
    bagikan artikel|komentar|tulis komentar|lihat komentar|advertisement|advertisment|iklan|ads|
    scroll to continue with content|scroll untuk melanjutkan|lanjutkan membaca|continue reading|
    halaman selanjutnya|halaman berikutnya|halaman sebelumnya|selanjutnya|sebelumnya|next|previous|prev|
    baca selengkapnya|selengkapnya|read more|load more|muat lebih banyak|lihat semua|lihat selengkapnya|
    pilihan editor|editor's pick|editors' picks|rekomendasi|rekomendasi untuk anda|video pilihan|video terkait|
    foto terkait|galeri foto|infografis|beranda|home|menu|search|cari|login|masuk|daftar|register|
    ikuti kami|follow us|most read|most popular|trending|related|related articles|related stories|related news|
    more stories|more from|you may also like|recommended|sponsored|sponsored content|konten sponsor|
    news feed|newsletter|loading|loading...|memuat...|dapatkan berita terbaru|share this article|
    print|cetak|email|facebook|twitter|whatsapp|telegram|line|linkedin|pinterest|copy link|salin tautan|
    x|instagram|youtube|tiktok|google news|kembali ke atas|back to top|top|dibaca|artikel lainnya|
    baca berita lainnya|lainnya|kanal|rubrik|indeks|indeks berita|berita utama|headline|hot news|
    breaking news|live|live report|live update|skip to content|skip to main content
    """.replace("\n", "").replace("    ", "").split("|")
)

# Outlet follow / call-to-action lines (casefolded, anchored at the start of the line).
CTA = re.compile(
    r"^(?:"
    r"cek berita dan artikel|ikuti (?:juga )?(?:whatsapp|wa|saluran|channel|kami|terus|berita|update)|"
    r"dapatkan (?:update|berita|informasi|notifikasi|artikel)|follow (?:us|kami|akun|@)|follow .{0,40} on |"
    r"(?:download|unduh) (?:aplikasi|app|apps|sekarang)|simak breaking news|klik (?:di )?sini|click here|"
    r"gabung(?:lah)? (?:di |ke |dengan )?(?:channel|grup|group|komunitas|saluran)|join (?:our|us)|"
    r"subscribe|berlangganan|sign up|daftar (?:sekarang|newsletter)|saksikan (?:live|juga|video|siaran)|"
    r"jangan lewatkan|jangan lupa (?:follow|ikuti|subscribe|like)|"
    r"(?:baca|simak) berita (?:dan artikel )?(?:lainnya|menarik lainnya|selengkapnya) di|"
    r"update berita|berita terkini,? (?:viral|terlengkap|terbaru)|"
    r"story continues below|article continues below|continue reading below|"
    r"like (?:us|kami) on|share (?:this|on|via)|bagikan (?:ke|via|di)|"
    r"(?:silakan|silahkan) (?:klik|baca|kunjungi)|kunjungi (?:kanal|website|situs|laman)|"
    r"baca selengkapnya di|baca berita selengkapnya|download the|get the latest|"
    r"\[?gambas:|we use cookies|kami menggunakan cookie|"
    r"disclaimer\s*:|redaksi menerima|untuk (?:informasi|berita) (?:terkini|lebih lengkap) (?:kunjungi|ikuti)"
    r")"
)

# Related-article lines: a cue, then the title (group ``t``); quotes and a trailing ':' are stripped later.
RELATED = re.compile(
    r"^(?:\W{0,3})(?:baca|simak|lihat|tonton|saksikan|read|see|watch)\s+(?:juga|pula|also|more)\b"
    r"(?:\s+(?:video|foto|berita|artikel|infografis|ini))?\s*[:\-–—»]*\s*(?P<t>.*)$"
    r"|^(?:\W{0,3})(?:related|also read|related article|related story|more on this|baca lainnya|"
    r"berita terkait|artikel terkait|simak video|lihat video|tonton video|tonton|simak)\s*[:\-–—»]+\s*(?P<t2>.+)$"
    r"|^(?:\W{0,3})(?:simak|lihat|tonton|saksikan) video\s+(?P<t3>.+)$",
    re.IGNORECASE,
)

# Role lines: ``Editor : Akmal``, ``Penulis: A, B``, ``Reporter: X | Editor: Y`` (label group ``r``, value ``v``).
ROLE = re.compile(
    r"^(?P<r>editor|penyunting|redaktur|penulis|reporter|pewarta|wartawan|kontributor|author|writer|"
    r"written by|oleh|by|laporan wartawan [\w.]+|laporan reporter [\w.]+|laporan|editing by|reporting by|"
    r"additional reporting by|compiled by|diedit oleh|ditulis oleh|fotografer|photographer)"
    r"\s*[:：]\s*(?P<v>.*)$",
    re.IGNORECASE,
)
#: Labels that name an editor; the rest of ROLE's labels name authors (photographer → photo credit).
EDITOR_ROLES = frozenset({"editor", "penyunting", "redaktur", "editing by", "diedit oleh"})
PHOTO_ROLES = frozenset({"fotografer", "photographer"})

# ``By Jane Doe`` / ``Oleh Jane Doe`` without a colon (value checked to look like names by the cleaner).
BYLINE = re.compile(r"^(?:by|oleh)\s+(?P<v>[^:]{2,80})$", re.IGNORECASE)
# Tribun style: ``Laporan Wartawan Tribunnews.com, Nama Reporter``.
LAPORAN = re.compile(r"^laporan (?:wartawan|reporter|jurnalis|kontributor)\s+[\w.]+\s*,\s*(?P<v>.{2,60})$", re.I)
# Reuters style: ``Reporting by A and B; Editing by C``.
REUTERS = re.compile(
    r"^(?:additional )?(?:reporting|writing) by (?P<a>[^;]+?)(?:;\s*editing by (?P<e>.+?))?\.?$", re.IGNORECASE
)

# Syndication notes → source credit (group ``s``): ``Artikel ini telah tayang di Kompas.com dengan judul …``.
SYNDICATION = re.compile(
    r"^(?:artikel|berita|tulisan) ini (?:telah |sudah |pernah )?(?:tayang|terbit|dimuat|diterbitkan)"
    r"(?: lebih dulu)?"
    r"\s+(?:di|pada|dalam)\s+(?P<s>.{2,60}?)(?=\s+(?:dengan judul|berjudul|pada|dengan)\b|[,:]\s|\.\s|\.?$)"
    r"|^baca artikel (?P<s2>[\w.\-]+),"
    r"|^this (?:article|story) (?:was |first )?(?:originally )?(?:published|appeared)"
    r" (?:on|in|by) (?P<s3>[\w.\- ]{2,40}?)(?=[.,]|\s+(?:on|and|under)\b|$)",
    re.IGNORECASE,
)
# ``Sumber: BBC`` / ``Source: Reuters`` (short value only).
SUMBER = re.compile(r"^(?:sumber|source|dikutip dari|disadur dari|via)\s*[:：]\s*(?P<v>.{2,80})$", re.IGNORECASE)

# Photo captions: ``Foto: Ari Saputra/detikcom``, ``(Foto: ANTARA/…)``, ``… (Foto: X)`` at the end of a caption.
PHOTO = re.compile(
    r"(?:^|\(|\s[-–—|]\s|\s)(?:foto|photo|photograph|gambar|ilustrasi foto|image|dok(?:umentasi)?\.?|"
    r"credit|kredit foto|sumber foto|foto ilustrasi)\s*[:：]\s*(?P<v>[^()]{2,80}?)\)?\s*$",
    re.IGNORECASE,
)
# ``ANTARA FOTO/Name/abc`` standing alone.
ANTARA_FOTO = re.compile(r"^\(?(?P<v>antara foto/[^()]{2,80}?)\)?\s*$", re.IGNORECASE)

# A credit in parentheses at the end of a paragraph: ``(BBC/P-5)``, ``(Ant)``, ``(*)``, ``(dtc/ega)``, ``(E-2)``.
TRAILING_CREDIT = re.compile(r"(?P<pre>.*?)[\s\u00a0]*\((?P<c>[^()]{1,40})\)\s*$")
# Sentence end just before a credit: the credit then needs no further proof.
SENTENCE_END = re.compile(r"[.!?…\"”’'»)]$")
# What the inside of a credit may look like without a sentence end before it.
AGENCY = re.compile(
    r"^(?:\*{1,3}|ant(?:ara)?|afp|ap|reuters|bbc|cnn|xinhua|kyodo|yonhap|dpa|efe|bernama|upi|"
    r"[a-z]{2,5}/[a-z]{2,5}(?:/[a-z]{2,5})?|[A-Za-z]{1,5}-\d{1,2}|[A-Z]{2,8}(?:/[A-Za-z]{1,8}(?:-\d{1,2})?){1,3})$",
    re.IGNORECASE,
)
# Inside of a credit after a sentence end: short, letter-led, not a date or number like ``(8/1)`` or ``(2024)``.
CREDIT_BODY = re.compile(r"^(?=[^\d])[\w*.&/ '\-]{1,40}$")
# Credit text that must not be lifted even after a sentence end (asides, not credits).
NOT_CREDIT = re.compile(r"^(?:red|sic|ed|dll|dsb|lihat|baca|foto|video|\d.*)$", re.IGNORECASE)

# Dates and times alone on a line: ``Selasa, 21 Okt 2025 20:43 WIB``, ``Updated 2 hours ago``.
DATE_LINE = re.compile(
    r"^(?:(?:diperbarui|diterbitkan|dipublikasikan|updated|published|posted|last updated|terbit|tayang)\b[:\s]*)?"
    r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b,?\s*)?"
    r"[\d\s/.,:\-|]*(?:\w{3,9}\.?\s+\d{2,4})?[\d\s/.,:\-|]*"
    r"(?:wib|wita|wit|gmt|utc|am|pm|[+-]\d{2}:?\d{2})?\s*$",
    re.IGNORECASE,
)
RELATIVE_TIME = re.compile(
    r"^(?:diperbarui |updated |posted )?\d{1,3}\s+(?:detik|menit|jam|hari|minggu|bulan|seconds?|minutes?|hours?|"
    r"days?|weeks?)\s+(?:yang )?(?:lalu|ago)$",
    re.IGNORECASE,
)
HAS_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b(?:wib|wita|wit)\b", re.IGNORECASE)

# Copyright and legal footers.
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b|hak cipta\b|all rights reserved|\d{4}\s*©)", re.IGNORECASE)

# A dateline alone on its line (``JAKARTA, KOMPAS.com -``): it belongs to the next paragraph.
DATELINE = re.compile(r"^[A-Z][\w.'’]*(?:,?\s[\w.'’()]+){0,4}\s*[-–—]+$")

# ``Halaman 1 2 3``, ``1 2 3 Selanjutnya``, ``Page 2 of 5``, ``[Gambas:Video 20detik]``, ``(Tag: …)``.
PAGER = re.compile(
    r"^(?:(?:halaman|page|hal\.?)\s*[\d\s/of»›]+|[\d\s»›|]+(?:selanjutnya|next|berikutnya)?|\[[^\]]{1,80}\]"
    r"|(?:tag|tags|topik|kata kunci|keywords?)\s*[:：].{0,300})$",
    re.IGNORECASE,
)

# A bare domain, as the first line of a scraped text record.
DOMAIN_LINE = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}/?$", re.IGNORECASE)
# A table row as trafilatura writes it: ``| 1 | Kyle Busch | 5040 |`` (never a breadcrumb).
TABLE_ROW = re.compile(r"^\|.*\|$")
# Link-like text: a URL or e-mail on its own.
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
# List items are body even when short: ``1. …``, ``- …``, ``• …``, ``a) …``.
LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-•*–·▪►]|[a-z][.)])\s")
