"""Side-by-side extraction benchmark: Warta vs trafilatura, readability-lxml and jusText (AEB metric).

    python bench/extraction.py                       # both data sets, table on stdout
    python bench/extraction.py --datasets aeb --json results.json --repeat 3

How each tool is called (one page's bytes in, body text out; no tool is given the page's URL):

- ``warta``: Warta's full path as :class:`~warta.extract.stage.ExtractStage` runs it: ``extract_html`` (favor
  "balanced"), then ``clean_lines`` on ``HtmlExtraction.cleaner_input()`` with the page's title as hint.
- ``trafilatura``: ``trafilatura.extract(html, include_comments=False)``, library defaults otherwise. This is the
  call of the published AEB benchmark (``extractors/run_trafilatura.py``), and what "trafilatura 2.3.1: 0.960" in
  issue 2 measured. A bare ``trafilatura.extract(html)`` also returns reader comments (``include_comments``
  defaults to True) and scores 0.953 on AEB; passing ``url=`` changes nothing there.
- ``trafilatura-precision``: the same with ``favor_precision=True``, trafilatura's best setting on AEB.
- ``readability-lxml``: ``Document(html).summary(html_partial=True)``, text of its blocks.
- ``justext``: ``justext.justext(html, stoplist)`` with the data set's main language (English / Indonesian).

Each tool first extracts one page untimed (imports, caches), then pages/s is the median over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from warta.extract.evaluate import Case, Scores, evaluate, load_aeb, load_manifest

ROOT = Path(__file__).resolve().parent.parent
Extractor = Callable[[Case], str]
DATASETS = ("aeb", "indonesian")


def warta(case: Case) -> str:
    """Warta's full extraction path: HTML extraction, then the line cleaner when it exists."""
    from warta.extract.html import extract_html

    result = extract_html(case.html, url=case.url)
    clean = _cleaner()
    if clean is None or not result.text:
        return result.text
    domain = _domain(case.url or result.url)
    # As the extract stage calls it for HTML: the page's title is known, no headline guessing.
    cleaned = clean(result.cleaner_input(), domain=domain, title_hint=result.title, infer_title=False)
    return str(getattr(cleaned, "text", ""))


def warta_raw(case: Case) -> str:
    """``extract_html`` alone (to see what the cleaner adds)."""
    from warta.extract.html import extract_html

    return extract_html(case.html, url=case.url).text


def _cleaner() -> Callable[..., object] | None:
    try:
        from warta.extract.cleaner import clean_lines
    except ImportError:
        return None
    return clean_lines


def _domain(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname if url and "://" in url else None


def trafilatura_default(case: Case) -> str:
    """The published AEB call: defaults, reader comments left out."""
    import trafilatura

    return trafilatura.extract(case.html, include_comments=False) or ""


def trafilatura_precision(case: Case) -> str:
    """trafilatura's best setting on AEB."""
    import trafilatura

    return trafilatura.extract(case.html, include_comments=False, favor_precision=True) or ""


def readability(case: Case) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(case.html).summary(html_partial=True)
    if not summary.strip():
        return ""
    tree = lxml_html.fromstring(summary)
    blocks = tree.xpath("//p|//h1|//h2|//h3|//h4|//li|//pre|//blockquote|//td")
    parts = [" ".join(b.text_content().split()) for b in blocks] if blocks else [tree.text_content()]
    return "\n\n".join(p for p in parts if p)


def justext_for(language: str) -> Extractor:
    """jusText with one stoplist (it needs the page's language; each data set is mostly one)."""
    import justext

    stoplist = justext.get_stoplist(language)

    def justext_(case: Case) -> str:
        paragraphs = justext.justext(case.html, stoplist)
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return justext_


TOOLS: dict[str, Extractor] = {
    "warta": warta,
    "trafilatura": trafilatura_default,
    "trafilatura-precision": trafilatura_precision,
    "readability-lxml": readability,
    "justext": justext_for("English"),
}


def run_tool(fn: Extractor, cases: list[Case], repeat: int = 1) -> tuple[Scores, float, list[str]]:
    """Scores, median pages/s over ``repeat`` runs and outputs of one tool; a crash on a page is empty output."""
    if cases:
        _extract(fn, cases[0])  # warm-up, untimed: imports and first-call caches are not per-page work
    speeds: list[float] = []
    outputs: list[str] = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        outputs = [_extract(fn, case) for case in cases]
        speeds.append(len(cases) / max(time.perf_counter() - start, 1e-9))
    scores = evaluate((c.expected, o) for c, o in zip(cases, outputs, strict=True))
    return scores, statistics.median(speeds), outputs


def _extract(fn: Extractor, case: Case) -> str:
    try:
        return fn(case) or ""
    except Exception as exc:  # a peer's crash is part of its result, not the benchmark's
        print(f"  {getattr(fn, '__name__', fn)} failed on {case.id}: {exc!r}", file=sys.stderr)
        return ""


def machine_note() -> str:
    """CPU count, load and Python: timings mean little without them."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return (
        f"{os.cpu_count()} CPUs, load {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f}, "
        f"nice {os.nice(0) if hasattr(os, 'nice') else '?'}, Python {platform.python_version()}, "
        f"{platform.platform(terse=True)}"
    )


def load(name: str, data_dir: Path, limit: int | None = None) -> list[Case]:
    """One benchmark data set by name."""
    if name == "aeb":
        return load_aeb(data_dir / "extraction" / "aeb", limit)
    if name == "indonesian":
        return load_manifest(data_dir / "extraction" / "indonesian")[:limit]
    raise ValueError(f"unknown data set {name!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--datasets", nargs="+", choices=DATASETS, default=list(DATASETS))
    parser.add_argument("--tools", nargs="+", choices=[*TOOLS, "warta-raw"], default=list(TOOLS))
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each data set")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per tool; pages/s is their median")
    args = parser.parse_args(argv)
    tools = {**TOOLS, "warta-raw": warta_raw}
    if not (args.data_dir / "extraction").is_dir():
        parser.error(f"no benchmark data under {args.data_dir}")

    results: dict[str, dict[str, dict[str, float]]] = {}
    note = machine_note()
    print(f"machine: {note}; pages/s: median of {max(1, args.repeat)} run(s)")
    for dataset in args.datasets:
        cases = load(dataset, args.data_dir, args.limit)
        print(f"\n{dataset}: {len(cases)} pages")
        print(f"{'tool':<22}{'F1':>7}{'prec':>7}{'recall':>8}{'pages/s':>9}")
        results[dataset] = {}
        for name in args.tools:
            fn = tools[name]
            if name == "justext" and dataset == "indonesian":
                fn = justext_for("Indonesian")
            scores, speed, _ = run_tool(fn, cases, args.repeat)
            results[dataset][name] = {
                "f1": round(scores.f1, 4),
                "precision": round(scores.precision, 4),
                "recall": round(scores.recall, 4),
                "pages_per_s": round(speed, 2),
                "pages": scores.pages,
            }
            print(f"{name:<22}{scores.f1:>7.3f}{scores.precision:>7.3f}{scores.recall:>8.3f}{speed:>9.1f}")
    if args.json:
        payload = {"machine": note, "repeat": max(1, args.repeat), "results": results}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
