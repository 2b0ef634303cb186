"""A story test set built from real articles: republished copies, follow-ups and unrelated same-topic articles.

From detik-news (``../shared/data/news/detik-news/data_berita_dev.csv``), deterministic for a seed:

- a *story* starts from one article: its first ~55% of paragraphs is the first report; with some probability the
  rest becomes a *follow-up* a day later, with its own headline, sometimes from another outlet — same people and
  topic, hardly a shared sentence;
- each report gets 0–3 *copies* on other domains: other navigation, footers and CTA lines, a credit line for
  syndication (``Artikel ini telah tayang di detik.com``), small edits (typos, a dropped word or paragraph), and
  sometimes truncation — the near-duplicates the store must fold into one article;
- other articles, many on the same topic keyword, are *singletons*: each its own story.

Nothing of the texts is committed: the set is rebuilt at test time.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from warta.data import Article, Hints, InputFormat, Page, Provenance, Source

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared/data/news/detik-news/data_berita_dev.csv"

MIRRORS = (
    "beritaterkini.net", "infonasional.id", "kabarharian.com", "portalberita.co.id", "newsagregat.com",
    "visitaaponce.com", "sekilasinfo.id", "warungberita.com",
)  # fmt: skip
OTHER_OUTLETS = ("kompas.com", "tempo.co", "cnnindonesia.com", "liputan6.com")
NAV = ("Beranda", "Nasional", "Internasional", "Ekonomi", "Olahraga", "Hiburan", "Teknologi", "Otomotif", "Indeks")
EDITORS = ("Akmal", "Rina Suryani", "Bambang", "Dewi Lestari", "Fajar")


@dataclass(slots=True)
class Doc:
    """One generated page with its gold labels."""

    key: str  # unique, used as the provenance record
    domain: str
    title: str
    body: list[str]  # paragraphs
    published: str
    story: str  # gold story label
    dup_group: str  # gold near-duplicate group (a report and its copies)
    publisher: str  # gold independent source (copies carry the original's)
    header: list[str]
    footer: list[str]

    def page(self, input_name: str = "stories-testset") -> Article:
        lines = [self.domain, "", *self.header, "", self.title, "", "\n\n".join(self.body), "", *self.footer]
        content = "\n".join(lines).encode("utf-8")
        prov = Provenance(input=input_name, record=self.key)
        return Article(
            page=Page(
                content,
                InputFormat.TEXT,
                prov,
                Source(path=input_name, domain=self.domain),
                Hints(published=self.published),
            )
        )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _date(raw: str) -> datetime:
    return datetime.strptime(raw.strip(), "%m/%d/%Y %H:%M")


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n+", text) if len(p.strip()) > 40]
    return [p for p in paras if not p.isupper() and "SCROLL TO CONTINUE" not in p]


def _headline(paragraph: str) -> str:
    words = re.sub(r"[\"“”]", "", paragraph).split()
    return " ".join(words[:10]).rstrip(",.;:")


def _edit(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Small edits a republisher makes: typos, a dropped word, sometimes a dropped or truncated tail."""
    out = []
    for p in paragraphs:
        words = p.split()
        for _ in range(max(1, len(words) // 50)):
            i = rng.randrange(len(words))
            if rng.random() < 0.5 and len(words[i]) > 3:
                j = rng.randrange(1, len(words[i]) - 1)
                words[i] = words[i][:j] + words[i][j + 1 :]
            else:
                del words[i]
        out.append(" ".join(words))
    if len(out) > 3 and rng.random() < 0.3:
        del out[rng.randrange(1, len(out))]
    if len(out) > 4 and rng.random() < 0.2:
        out = out[: max(3, int(len(out) * 0.75))]
    return out


def _boilerplate(domain: str, rng: random.Random, other_title: str, credit: str | None) -> tuple[list[str], list[str]]:
    nav = rng.sample(NAV, k=rng.randint(3, 6))
    header = [" ".join(nav) if rng.random() < 0.5 else "\n".join(nav), rng.choice(["Login | Daftar", "Masuk", ""])]
    footer = []
    if credit:
        footer.append(credit)
    footer += [
        f"Baca juga: {other_title}",
        rng.choice([f"Ikuti berita terkini dari {domain} di Google News", f"ikuti WhatsApp channel {domain}", ""]),
        f"Editor: {rng.choice(EDITORS)}",
        rng.choice(["Terkini Lainnya", "Berita Terpopuler", "Tag Terkait"]),
        f"Copyright © 2025 {domain}. All rights reserved.",
    ]
    return [h for h in header if h], [f for f in footer if f]


class _Distinct:
    """Admits a source row only if its text is not (largely) that of a row already admitted.

    The detik-news dump holds the same article more than once (re-crawled, retitled, or the full text of another
    row's teaser): left in, such rows become gold "different articles" that a correct deduplicator merges, and
    the near-duplicate precision measured the data's own duplicates instead of the system's errors.
    """

    def __init__(self) -> None:
        self.index: dict[str, set[int]] = {}
        self.sizes: list[int] = []

    def take(self, row: dict[str, str]) -> bool:
        toks = re.findall(r"\w+", row["isi_berita"].casefold())
        grams = {" ".join(toks[i : i + 3]) for i in range(max(len(toks) - 2, 1))}
        hits: dict[int, int] = {}
        for g in grams:
            for other in self.index.get(g, ()):
                hits[other] = hits.get(other, 0) + 1
        if any(n >= 0.3 * min(len(grams), self.sizes[o]) for o, n in hits.items()):
            return False
        n = len(self.sizes)
        self.sizes.append(len(grams))
        for g in grams:
            self.index.setdefault(g, set()).add(n)
        return True


def build(path: Path = DEFAULT_DATA, *, stories: int = 120, singletons: int = 150, seed: int = 6) -> list[Doc]:
    """The generated pages, in ingestion order (by publication time)."""
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("isi_berita") and r.get("tanggal")]
    rng = random.Random(seed)
    rng.shuffle(rows)
    distinct = _Distinct()
    story_rows: list[dict[str, str]] = []
    for r in rows:
        if len(story_rows) >= stories:
            break
        if len(_paragraphs(r["isi_berita"])) >= 6 and distinct.take(r):
            story_rows.append(r)
    used = {id(r) for r in story_rows}
    single_rows: list[dict[str, str]] = []
    for r in rows:
        if len(single_rows) >= singletons:
            break
        if id(r) not in used and distinct.take(r):
            single_rows.append(r)
    titles = [r["judul"].strip() for r in rows]
    docs: list[Doc] = []
    for n, row in enumerate(story_rows):
        paras = _paragraphs(row["isi_berita"])
        when = _date(row["tanggal"])
        cut = max(3, round(len(paras) * 0.55))
        label = f"s{n}"
        reports = [(f"{label}a", row["judul"].strip(), paras[:cut], when, "detik.com")]
        if rng.random() < 0.7:
            outlet = rng.choice(OTHER_OUTLETS) if rng.random() < 0.5 else "detik.com"
            reports.append((f"{label}b", _headline(paras[cut]), paras[cut:], when + timedelta(days=1), outlet))
        for group, title, body, at, domain in reports:
            header, footer = _boilerplate(domain, rng, rng.choice(titles), None)
            docs.append(Doc(group, domain, title, body, at.isoformat(), label, group, domain, header, footer))
            for c in range(rng.choice((0, 1, 1, 2, 3))):
                mirror = rng.choice(MIRRORS)
                credit = f"Artikel ini telah tayang di {domain}" if rng.random() < 0.5 else None
                header, footer = _boilerplate(mirror, rng, rng.choice(titles), credit)
                copy_title = title if rng.random() < 0.7 else f"{title} | {mirror}"
                late = at + timedelta(hours=rng.randint(-2, 30))
                body_c = _edit(body, rng)
                docs.append(
                    Doc(f"{group}{c}", mirror, copy_title, body_c, late.isoformat(), label, group, domain, header,
                        footer)
                )  # fmt: skip
    for n, row in enumerate(single_rows):
        header, footer = _boilerplate("detik.com", rng, rng.choice(titles), None)
        paras = _paragraphs(row["isi_berita"]) or [row["isi_berita"]]
        key = f"u{n}"
        day = _date(row["tanggal"]).isoformat()
        docs.append(Doc(key, "detik.com", row["judul"].strip(), paras, day, key, key, "detik.com", header, footer))
    docs.sort(key=lambda d: (d.published, d.key))
    return docs
