"""Draw detik articles for the event gold, reproducibly, and print their annotated scope for reading.

    python scripts/draw_event_sample.py [START COUNT] [--seed 20261127]

The articles of ``../shared/data/news/detik-news/data_berita_dev.csv`` not yet in ``tests/events/gold/detik.jsonl``
(as of the round the seed belongs to: pass ``--exclude`` ids to replay it) are shuffled with ``random.Random(seed)``
in numeric id order; an article is eligible when its first 800 characters hold at least three distinct hits among
country names (gazetteer) and the fixed event words below; it is skipped when its first five sentences share a run
of fifteen words with those of an article drawn or excluded before it (the same story twice). Prints the eligible
ids in order and, for ``START COUNT``, the first five sentences (``warta.events.coder.sentences``) of those
articles. Never run the coder on a sample before it is annotated (docs/events-annotation.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

from warta.events.coder import sentences
from warta.nlp.gazetteer import load_entries

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "detik-news" / "data_berita_dev.csv"
GOLD = ROOT / "tests" / "events" / "gold" / "detik.jsonl"
#: Written for the draw, independent of the coder's trigger table, so eligibility does not favour what it knows.
#: (Single words: 'kerja sama' counts as 'kerja' and 'sama'.)
EVENT_WORDS = [
    "sepakat",
    "kesepakatan",
    "perjanjian",
    "kerja",
    "sama",
    "bekerja",
    "sama",
    "bertemu",
    "pertemuan",
    "kunjungan",
    "berkunjung",
    "bantuan",
    "mendukung",
    "dukungan",
    "menolak",
    "menuduh",
    "tuduhan",
    "mengecam",
    "menuntut",
    "mendesak",
    "meminta",
    "mengancam",
    "ancaman",
    "demo",
    "unjuk",
    "rasa",
    "protes",
    "sanksi",
    "tarif",
    "embargo",
    "ditangkap",
    "menangkap",
    "ditahan",
    "tersangka",
    "menyerang",
    "serangan",
    "perang",
    "gugatan",
    "menggugat",
    "dakwaan",
    "vonis",
    "mengerahkan",
    "blokade",
]


def eligible_ids(rows: dict[str, str], exclude: set[str], seed: int) -> list[str]:
    countries: dict[str, str] = {}
    for e in load_entries():
        if e.label == "GPE" and e.country and len(e.name) > 3:
            countries.setdefault(e.name, e.country)
    names = sorted(map(re.escape, countries), key=len, reverse=True)
    country_re = re.compile(r"\b(" + "|".join(names) + r")\b")
    word_re = re.compile(r"\b(" + "|".join(EVENT_WORDS) + r")\b", re.IGNORECASE)

    def eligible(text: str) -> bool:
        head = text[:800]
        hits = {countries[m] for m in country_re.findall(head)} | {w.lower() for w in word_re.findall(head)}
        return len(hits) >= 3

    def opening(text: str) -> set[tuple[str, ...]]:
        """Runs of fifteen words in the first five sentences."""
        shingles: set[tuple[str, ...]] = set()
        for s, e in sentences(text)[:5]:
            words = re.findall(r"\w+", text[s:e].lower())
            shingles |= {tuple(words[k : k + 15]) for k in range(len(words) - 14)}
        return shingles

    ids = sorted((i for i in rows if i not in exclude), key=int)
    random.Random(seed).shuffle(ids)
    seen: set[tuple[str, ...]] = set().union(*(opening(rows[i]) for i in exclude if i in rows))
    picked = []
    for i in ids:
        if rows[i].strip() and eligible(rows[i]):
            # A second copy of a story would leak from one split into the other.
            if not opening(rows[i]) & seen:
                picked.append(i)
            seen |= opening(rows[i])
    return picked


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("start", type=int, nargs="?", default=0)
    ap.add_argument("count", type=int, nargs="?", default=0)
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--exclude", nargs="*", help="ids already in the gold (default: those in detik.jsonl now)")
    args = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    with NEWS.open(encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r["isi_berita"] for r in csv.DictReader(fh)}
    if args.exclude is None:
        lines = GOLD.read_text(encoding="utf-8").splitlines()
        exclude = {json.loads(line)["article"] for line in lines if line.strip()}
    else:
        exclude = set(args.exclude)
    picked = eligible_ids(rows, exclude, args.seed)
    print(" ".join(picked))
    for k, i in enumerate(picked[args.start : args.start + args.count], args.start):
        text = rows[i]
        print(f"=== #{k} article {i}")
        for j, (s, e) in enumerate(sentences(text)[:5]):
            print(f"  [{j}] {text[s:e]}")


if __name__ == "__main__":
    main()
