"""Side-by-side extraction benchmark: Warta vs trafilatura, readability-lxml and jusText (AEB metric).

    python bench/extraction.py                       # both data sets, table on stdout
    python bench/extraction.py --datasets aeb --json results.json

Warta runs its full path (``extract_html`` then the line cleaner, when present), so the number is what users get.
"""

from __future__ import annotations

import argparse
import json
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
    cleaned = clean(result.text, domain=domain, title_hint=result.title, infer_title=False)
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
    import trafilatura

    return trafilatura.extract(case.html, url=case.url) or ""


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
    "readability-lxml": readability,
    "justext": justext_for("English"),
}


def run_tool(fn: Extractor, cases: list[Case]) -> tuple[Scores, float, list[str]]:
    """Scores, pages/s and outputs of one tool; a crash on a page counts as empty output."""
    outputs = []
    start = time.perf_counter()
    for case in cases:
        try:
            outputs.append(fn(case) or "")
        except Exception as exc:  # a peer's crash is part of its result, not the benchmark's
            print(f"  {fn.__name__} failed on {case.id}: {exc!r}", file=sys.stderr)
            outputs.append("")
    elapsed = time.perf_counter() - start
    return evaluate((c.expected, o) for c, o in zip(cases, outputs, strict=True)), len(cases) / elapsed, outputs


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
    parser.add_argument("--json", type=Path, default=None, help="write results (and per-page outputs) here")
    args = parser.parse_args(argv)
    tools = {**TOOLS, "warta-raw": warta_raw}
    if not (args.data_dir / "extraction").is_dir():
        parser.error(f"no benchmark data under {args.data_dir}")

    results: dict[str, dict[str, dict[str, float]]] = {}
    for dataset in args.datasets:
        cases = load(dataset, args.data_dir, args.limit)
        print(f"\n{dataset}: {len(cases)} pages")
        print(f"{'tool':<18}{'F1':>7}{'prec':>7}{'recall':>8}{'pages/s':>9}")
        results[dataset] = {}
        for name in args.tools:
            fn = tools[name]
            if name == "justext" and dataset == "indonesian":
                fn = justext_for("Indonesian")
            scores, speed, _ = run_tool(fn, cases)
            results[dataset][name] = {
                "f1": round(scores.f1, 4),
                "precision": round(scores.precision, 4),
                "recall": round(scores.recall, 4),
                "pages_per_s": round(speed, 2),
                "pages": scores.pages,
            }
            print(f"{name:<18}{scores.f1:>7.3f}{scores.precision:>7.3f}{scores.recall:>8.3f}{speed:>9.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
