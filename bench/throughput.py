"""End-to-end throughput of ``warta ingest`` (local runner) at 1 and 2 workers, with trafilatura alone as reference.

    python bench/throughput.py                          # all pages, table on stdout
    python bench/throughput.py --detik 200 --json out.json --markdown bench/RESULTS-throughput.md

Inputs, generated at run time into a temporary folder (nothing from ``../shared/data`` is ever committed):

- the AEB benchmark pages (``extraction/aeb/html/*.html.gz``, all 181 files, one page
  each, gzip as given),
- the Indonesian/Malay pages (``extraction/indonesian/*.html``, 20 files),
- the detik development articles (``news/detik-news/data_berita_dev.csv``, 850) rendered as simple news pages and
  wrapped as WARC/1.0 ``response`` records, gzip per record, 100 records per ``.warc.gz`` file (as a crawl ships).

Each configuration ingests everything into a fresh database (read → extract → language → entities → quotes →
events → stories → store) with :class:`~warta.pipeline.local.LocalRunner`; time is wall time including model
loading; words are those of the stored article texts. Per-stage seconds and peak memory per worker come from the
run's record (``warta runs``). The reference extracts the same HTML with ``trafilatura.extract(html,
include_comments=False)`` in the same run, in 1 and 2 processes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import multiprocessing as mp
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.pipeline.local import LocalRunner
from warta.pipeline.worker import StageFactory, default_factory, extract_factory
from warta.store import Store, WriteReport

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
RECORDS_PER_WARC = 100


@dataclass
class Row:
    """One configuration's result."""

    name: str
    workers: int
    pages: int
    documents: int
    words: int
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    peak_mb: list[float] = field(default_factory=list)

    @property
    def pages_s(self) -> float:
        return self.pages / self.seconds

    @property
    def words_s(self) -> float:
        return self.words / self.seconds


# -- inputs ------------------------------------------------------------------------------------------------------


def detik_page(row: dict[str, str]) -> bytes:
    """A detik article as a plain news page: title, date, paragraphs."""
    paras = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in row["isi_berita"].split("\n") if p.strip())
    title = html.escape(row["judul"])
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}"></head><body><header><nav><a href="/">detikNews</a> '
        f'<a href="/berita">Berita</a></nav></header><article><h1>{title}</h1><div class="date">{row["tanggal"]}'
        f'</div><div class="detail__body-text">{paras}</div></article><footer>detikcom</footer></body></html>'
    ).encode()


def warc_record(url: str, body: bytes, date: str = "2025-10-21T12:00:00Z") -> bytes:
    """One gzip member holding a WARC/1.0 response record with an HTTP 200 ``text/html`` payload."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    block = http + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        f"WARC-Date: {date}\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n", mtime=0)


def build_inputs(folder: Path, detik: int) -> list[bytes]:
    """Write the benchmark inputs under ``folder``; the raw HTML of every page (for the reference)."""
    pages: list[bytes] = []
    aeb = folder / "aeb"
    aeb.mkdir(parents=True)
    for src in sorted((SHARED / "extraction" / "aeb" / "html").glob("*.html.gz")):
        shutil.copyfile(src, aeb / src.name)
        pages.append(gzip.decompress(src.read_bytes()))
    ind = folder / "indonesian"
    ind.mkdir()
    for src in sorted((SHARED / "extraction" / "indonesian").glob("*.html")):
        shutil.copyfile(src, ind / src.name)
        pages.append(src.read_bytes())
    csv.field_size_limit(1 << 30)
    with open(SHARED / "news" / "detik-news" / "data_berita_dev.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))[:detik]
    warc = folder / "detik"
    warc.mkdir()
    for start in range(0, len(rows), RECORDS_PER_WARC):
        chunk = rows[start : start + RECORDS_PER_WARC]
        with open(warc / f"detik-{start // RECORDS_PER_WARC:03d}.warc.gz", "wb") as out:
            for row in chunk:
                body = detik_page(row)
                pages.append(body)
                out.write(warc_record(row["tautan"], body))
    return pages


# -- measuring ---------------------------------------------------------------------------------------------------


class TimedStore(Store):
    """The sink, timed: the writer's own cost (inserts, full-text index, stories step) in the parent process."""

    seconds = 0.0

    def write(self, *args: Any, **kwargs: Any) -> WriteReport:
        start = time.perf_counter()
        try:
            return super().write(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start


FACTORIES: dict[str, StageFactory] = {"default": default_factory, "extract": extract_factory}


def run_warta(
    name: str, inputs: Path, workers: int, factory: str, tmp: Path, src: Path | None = None, **env: str
) -> Row:
    """One configuration in a fresh process, so that peak memory is its own; ``src`` runs another checkout's
    ``src/`` (an earlier version, side by side in the same run), ``env`` sets environment variables."""
    environ = {**os.environ, **env}
    if src is not None:
        environ["PYTHONPATH"] = str(src / "src")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", name, str(workers), str(inputs), factory, str(tmp)]
    done = subprocess.run(cmd, env=environ, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    return Row(**json.loads(done.stdout.strip().splitlines()[-1]))


def _run_warta(name: str, inputs: Path, workers: int, factory: StageFactory, tmp: Path) -> Row:
    db = tmp / f"{uuid.uuid4().hex}-{workers}.db"
    with TimedStore(db) as store:
        assert isinstance(store, TimedStore)
        report = LocalRunner(store, workers=workers, factory=factory, resume=False).run([str(inputs)])
        store_seconds = store.seconds
    conn = sqlite3.connect(db)
    try:
        texts = [t for (t,) in conn.execute("SELECT text FROM articles")]
    finally:
        conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    stages = {stage: float(c.get("seconds", 0.0)) for stage, c in report.stats.items()}
    stages["store + stories (writer)"] = store_seconds
    return Row(
        name, report.workers, int(report.stats.get("read", {}).get("pages", 0)), report.documents,
        sum(len(t.split()) for t in texts), report.seconds, stages, sorted(report.peak_rss_mb.values()),
    )  # fmt: skip


def _trafilatura(page: bytes) -> int:
    import trafilatura

    return len((trafilatura.extract(page, include_comments=False) or "").split())


def run_trafilatura(pages: list[bytes], workers: int) -> Row:
    start = time.perf_counter()
    if workers == 1:
        words = [_trafilatura(p) for p in pages]
    else:
        with mp.get_context("forkserver").Pool(workers) as pool:
            words = pool.map(_trafilatura, pages, chunksize=8)
    seconds = time.perf_counter() - start
    return Row("trafilatura only", workers, len(pages), sum(1 for w in words if w), sum(words), seconds)


# -- reporting ---------------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = [
        "| configuration | workers | pages | documents | words | seconds | pages/s | words/s | peak MiB per worker |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        peak = ", ".join(f"{m:.0f}" for m in r.peak_mb) or "—"
        lines.append(
            f"| {r.name} | {r.workers} | {r.pages} | {r.documents} | {r.words:,} | {r.seconds:.1f} | "
            f"{r.pages_s:.1f} | {r.words_s:,.0f} | {peak} |"
        )
    return "\n".join(lines)


def stage_table(rows: list[Row]) -> str:
    full = [r for r in rows if r.stages and r.name.startswith("warta end to end")]  # the model stages' share
    if not full:
        return ""
    names = list(dict.fromkeys(stage for r in full for stage in r.stages))
    lines = ["| stage | " + " | ".join(f"{r.name[len('warta end to end'):].strip(' ,') or 'now'}, {r.workers} "
                                       f"worker{'s' * (r.workers > 1)}: s (share)" for r in full) + " |",
             "|---|" + "---|" * len(full)]  # fmt: skip
    for stage in names:
        cells = []
        for r in full:
            total = sum(r.stages.values()) or 1.0
            sec = r.stages.get(stage, 0.0)
            cells.append(f"{sec:.1f} ({100 * sec / total:.0f}%)")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


#: The stages that run the trained pipeline (before the shared analysis there was no ``nlp`` stage).
NLP_STAGES = ("nlp", "entities", "quotes", "events")


def nlp_words_s(row: Row) -> float:
    """Words per second of the NLP stages alone (their seconds summed over workers: per core)."""
    return row.words / (sum(row.stages.get(s, 0.0) for s in NLP_STAGES) or float("nan"))


def tokenizer_floor(texts: list[str]) -> float:
    """Words per second of spaCy's blank Indonesian tokenizer over ``texts``, in one process: the floor any
    spaCy pipeline starts from."""
    import spacy

    tokenizer = spacy.blank("id").tokenizer
    start = time.perf_counter()
    for text in texts:
        tokenizer(text)
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - start)


def detik_texts(detik: int) -> list[str]:
    csv.field_size_limit(1 << 30)
    with open(SHARED / "news" / "detik-news" / "data_berita_dev.csv", encoding="utf-8", newline="") as f:
        return [row["isi_berita"] for row in list(csv.DictReader(f))[:detik]]


def _spin(n: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i % 7
    return time.perf_counter() - start


def cpu_ceiling(n: int = 20_000_000) -> float:
    """How much faster 2 processes get through a fixed pure-Python loop than 1 right now (2.0 on an idle
    2-core machine): the best scaling the machine allows while the benchmark runs."""
    one = _spin(n)
    with mp.get_context("forkserver").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_spin, [n, n])
        two = time.perf_counter() - start
    return 2 * one / two


def machine() -> str:
    load = os.getloadavg()
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--detik", type=int, default=850, help="detik articles to wrap as WARC (max 850)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="write the rows as JSON here")
    parser.add_argument("--markdown", type=Path, help="write the tables as Markdown here")
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier version (e.g. a git worktree): "
                        "its end-to-end runs go side by side with this one's")  # fmt: skip
    parser.add_argument("--one", nargs=5, help=argparse.SUPPRESS)  # internal: one configuration, its row as JSON
    args = parser.parse_args()
    if args.one:
        name, workers, inputs, factory, tmp = args.one
        print(json.dumps(asdict(_run_warta(name, Path(inputs), int(workers), FACTORIES[factory], Path(tmp)))))
        return
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is not present: the benchmark needs the shared data")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="warta-throughput-") as name:
        tmp = Path(name)
        pages = build_inputs(tmp / "in", args.detik)
        print(f"{len(pages)} pages; {machine()}", flush=True)
        ceiling = cpu_ceiling()
        print(f"CPU ceiling now: 2 processes do {ceiling:.2f}x the work of 1", flush=True)
        for workers in args.workers:
            configs: list[tuple[str, str, Path | None, dict[str, str]]] = []
            if args.baseline:
                configs.append(("warta end to end, before", "default", args.baseline, {}))
            configs.append(("warta end to end", "default", None, {}))
            configs.append(("warta extract + language", "extract", None, {}))
            for label, factory, src, env in configs:
                row = run_warta(label, tmp / "in", workers, factory, tmp, src, **env)
                rows.append(row)
                print(f"{label:28} {workers}: {row.pages_s:6.1f} pages/s {row.words_s:8.0f} words/s "
                      f"{row.seconds:6.1f} s peak {row.peak_mb}", flush=True)  # fmt: skip
            ref = run_trafilatura(pages, workers)
            rows.append(ref)
            print(
                f"{'trafilatura only':28} {workers}: {ref.pages_s:6.1f} pages/s {ref.words_s:8.0f} words/s", flush=True
            )
    load = machine()
    ceiling_after = cpu_ceiling()
    floor = tokenizer_floor(detik_texts(args.detik))
    out = f"{table(rows)}\n\nCost per stage (seconds summed over workers, share of the pipeline's time):\n\n"
    out += f"{stage_table(rows)}\n\nWords per second of the NLP stages ({', '.join(NLP_STAGES)}; per core): "
    out += ", ".join(f"{r.name} at {r.workers}: {nlp_words_s(r):,.0f}" for r in rows if r.name.startswith("warta end"))
    out += f"; spaCy's blank Indonesian tokenizer alone: {floor:,.0f}.\n"
    out += f"\nMachine: {load}; 2 processes of a fixed CPU loop ran {ceiling:.2f}x (before) "
    out += f"and {ceiling_after:.2f}x (after) the work of 1 (2.00 when both cores are free).\n"
    print(out)
    if args.json:
        args.json.write_text(json.dumps([{**asdict(r), "pages_s": r.pages_s, "words_s": r.words_s} for r in rows],
                                        indent=1), encoding="utf-8")  # fmt: skip
    if args.markdown:
        args.markdown.write_text(out, encoding="utf-8")


if __name__ == "__main__":
    main()
