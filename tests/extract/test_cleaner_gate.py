"""Quality gate for the line cleaner: body recall/precision and metadata on text records built at test time.

Real article bodies from ``../shared/data/news/detik-news/data_berita_dev.csv`` (never committed) are wrapped in
the boilerplate that scraped Indonesian pages carry, in the styles of several outlets; floors and the source
file's digest are pinned in ``cleaner_gate.json``. A floor may only be lowered on purpose, with a reason.
Run ``python tests/extract/test_cleaner_gate.py`` to print the numbers and the worst misses.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from warta.data import CreditRole
from warta.extract.cleaner import clean_lines, normalize_line, repeated_lines

HERE = Path(__file__).parent
BASELINE = json.loads((HERE / "cleaner_gate.json").read_text(encoding="utf-8"))
SOURCE = HERE.parents[1] / ".." / "shared" / "data" / "news" / "detik-news" / "data_berita_dev.csv"

# Lines the detik data itself carries that are not body (gold boilerplate, kept in the input).
_GOLD_BOILERPLATE = re.compile(
    r"^(?:scroll to continue with content|advertisement|\[gambas|(?:simak|tonton|lihat|saksikan)\b.{0,12}"
    r"\b(?:juga|video|live)|'lihat juga|baca selengkapnya di halaman|editor\s*:|disclaimer\s*:)",
    re.IGNORECASE,
)

SITES = ("mediaindonesia.com", "kompas.com", "tribunnews.com", "antaranews.com")
NAMES = ("Akmal", "Andhika Prasetyo", "Hani Anggraini", "Dewi Sartika", "Rizky Maulana", "Budi Santoso")
CTAS = (
    "Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel {site}",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari {site}.",
    "Ikuti Whatsapp Channel {site} untuk mendapatkan berita terkini",
    "Download aplikasi {site} untuk akses berita lebih cepat",
    "Follow us on Instagram @{site}",
)
NAV_TAIL = ("Terkini Lainnya", "Tautan Sahabat", "Berita Terkait", "Terpopuler", "Komentar", "Share")
BYLINES = (
    "Penulis: {}",
    "Reporter: {}",
    "Laporan Wartawan Tribunnews.com, {}",
    "Pewarta: {}",
    "By {}",
    "Penulis: {} | Fotografer: Rahmat Hidayat",
)
INSERTS = (
    "ADVERTISEMENT",
    "Advertisement",
    "Scroll to continue with content",
    "Foto: Ari Saputra/detikcom",
    "Presiden Prabowo Subianto di Istana Merdeka. (Foto: Rusman/Biro Pers Setpres)",
    "Halaman selanjutnya",
)
FOOTERS = (
    'Artikel ini telah tayang di Kompas.com dengan judul "Judul Lain di Sana". Klik untuk baca.',
    "Sumber: Antara",
    "Tag: politik, ekonomi, pemerintahan",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari {site}.",
)
CREDITS = ("BBC/P-5", "Ant", "ANTARA", "AFP/Reuters", "*", "dtc/ega", "E-2")
# One line per site that no pattern knows: only repetition across the batch can tell it is boilerplate.
SITE_LINE = {site: f"Program Pilihan Redaksi {site.split('.')[0].title()} Malam Ini" for site in SITES}


@dataclass
class Record:
    text: str
    site: str
    title: str
    body: list[str]
    editor: str | None = None
    related: list[str] = field(default_factory=list)
    credit: str | None = None


def _load(n: int) -> list[dict[str, str]]:
    with open(SOURCE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return rows[:: max(1, len(rows) // n)][:n]


def build_records(n: int, seed: int = 2) -> list[Record]:
    """``n`` text records: a detik body wrapped in one outlet style's header, inserts and footer."""
    rng = random.Random(seed)
    rows = _load(n)
    titles = [r["judul"].strip() for r in rows]
    out: list[Record] = []
    for i, row in enumerate(rows):
        site = SITES[i % len(SITES)]
        title = titles[i]
        raw = [normalize_line(ln) for ln in row["isi_berita"].replace("\r", "").split("\n") if ln.strip()]
        body = [ln for ln in raw if not _GOLD_BOILERPLATE.match(ln)]
        if not body:
            continue
        lines: list[str] = [site, title]
        lines += [title] * rng.randint(0, 2)
        if rng.random() < 0.5:
            lines.append(f"{title}({rng.choice(['KCNA', 'ANTARA/Hafidz', 'AFP', 'Dok. Istimewa'])})")
        if rng.random() < 0.4:
            lines.append("Selasa, 21 Okt 2025 20:43 WIB")
        author = rng.choice(NAMES)
        if rng.random() < 0.4:
            lines.append(rng.choice(BYLINES).format(author))
        related = [rng.choice(titles) for _ in range(rng.randint(0, 2))]
        slots = sorted(rng.sample(range(1, len(raw) + 1), min(len(related), len(raw))))
        body_lines = list(raw)
        credit = rng.choice(CREDITS) if rng.random() < 0.6 else None
        if credit:  # on the last body paragraph, as outlets put it
            last = max(i for i, ln in enumerate(body_lines) if ln in body)
            body_lines[last] = f"{body_lines[last]} ({credit})"
        for slot, rel in reversed(list(zip(slots, related, strict=False))):
            cue = rng.choice(["Baca juga : {}", "Baca Juga: {}", "BACA JUGA: {}", "Read also: {}"])
            body_lines.insert(slot, cue.format(rel))
        for extra in rng.sample(INSERTS, rng.randint(0, 2)):
            body_lines.insert(rng.randint(1, len(body_lines)), extra)
        if rng.random() < 0.2:
            body_lines.insert(rng.randint(1, len(body_lines)), "Baca juga:")
            body_lines.insert(body_lines.index("Baca juga:") + 1, titles[(i + 7) % len(titles)])
            related.append(titles[(i + 7) % len(titles)])
        if rng.random() < 0.3:  # a dateline on its own line opens the first paragraph
            body_lines.insert(0, rng.choice(["JAKARTA, KOMPAS.com -", "Jakarta -", "SURABAYA, suara.com —"]))
        body_lines.insert(rng.randint(1, len(body_lines)), SITE_LINE[site])
        lines += body_lines
        lines.append(rng.choice(CTAS).format(site=site))
        editor = rng.choice(NAMES) if rng.random() < 0.7 else None
        if editor:
            lines.append(rng.choice([f"Editor : {editor}", f"Editor: {editor}", f"Penyunting: {editor}"]))
        tail = rng.sample(NAV_TAIL, rng.randint(1, 3))
        if rng.random() < 0.5:  # a list of other headlines under the footer's first label
            tail[1:1] = rng.sample(titles, 3)
        lines += tail
        if rng.random() < 0.3:
            lines.append(rng.choice(FOOTERS).format(site=site))
        if rng.random() < 0.3:
            lines.append(f"Copyright © 2025 {site}. All rights reserved.")
        sep = "\n\n" if rng.random() < 0.5 else "\n"
        out.append(Record(sep.join(lines), site, title, body, editor, list(related), credit))
    return out


@dataclass
class Scores:
    body_recall: float
    body_precision: float
    title: float
    editor: float
    related_recall: float
    credit_recall: float
    misses: list[str]
    extras: list[str]


def evaluate(records: list[Record]) -> Scores:
    """Line-level body recall/precision (micro) and metadata accuracy over ``records``."""
    by_site: dict[str, list[str]] = {}
    for rec in records:
        by_site.setdefault(rec.site, []).append(rec.text)
    repeated = {site: repeated_lines(texts) for site, texts in by_site.items()}
    tp = gold = kept = good = titles = editors = eds = rel_hit = rel_all = cred_hit = cred_all = 0
    misses: list[str] = []
    extras: list[str] = []
    for rec in records:
        res = clean_lines(rec.text, domain=rec.site, repeated=repeated[rec.site])
        paras = res.text.split("\n\n") if res.text else []
        norm_body = rec.body
        for b in norm_body:
            gold += 1
            if any(b in p for p in paras):
                tp += 1
            else:
                misses.append(b)
        for p in paras:
            kept += 1
            if any(b in p or p in b for b in norm_body):
                good += 1
            else:
                extras.append(p)
        titles += res.title == rec.title
        if rec.editor:
            eds += 1
            editors += res.editor == rec.editor
        rel_all += len(set(rec.related))
        rel_hit += len(set(rec.related) & {r.title for r in res.related})
        if rec.credit:
            cred_all += 1
            want = rec.credit.strip("*") or "*"
            cred_hit += any(c.role is CreditRole.SOURCE and c.name == want for c in res.credits)
    n = len(records)
    return Scores(
        body_recall=tp / gold,
        body_precision=good / max(1, kept),
        title=titles / n,
        editor=editors / max(1, eds),
        related_recall=rel_hit / max(1, rel_all),
        credit_recall=cred_hit / max(1, cred_all),
        misses=misses,
        extras=extras,
    )


@pytest.fixture(scope="module")
def scores() -> Scores:
    if not SOURCE.exists():
        pytest.skip(f"gate data absent: {SOURCE} (needs ../shared/data next to the repository)")
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    if digest != BASELINE["source_sha256"]:
        pytest.skip("gate data changed: re-measure and re-pin cleaner_gate.json on purpose")
    return evaluate(build_records(BASELINE["records"]))


@pytest.mark.parametrize("metric", sorted(BASELINE["floors"]))
def test_floor(scores: Scores, metric: str) -> None:
    value = getattr(scores, metric)
    assert value >= BASELINE["floors"][metric], f"{metric} {value:.4f} < floor {BASELINE['floors'][metric]}"


if __name__ == "__main__":  # print the numbers and the worst misses for tuning
    s = evaluate(build_records(int(sys.argv[1]) if len(sys.argv) > 1 else BASELINE["records"]))
    for name in ("body_recall", "body_precision", "title", "editor", "related_recall", "credit_recall"):
        print(f"{name:15} {getattr(s, name):.4f}")
    print("\nmissed body lines:", *[repr(m[:140]) for m in s.misses[:40]], sep="\n  ")
    print("\nkept non-body:", *[repr(m[:140]) for m in s.extras[:40]], sep="\n  ")
