"""Speed and memory of the shipped pipeline on one core, next to spaCy's blank ``id`` tokenizer (the floor).

The pipeline is loaded as Warta loads it (``warta.nlp.model_loader.load_nlp``: numpy's BLAS on one thread); the
same pipeline under plain ``spacy.load`` (thinc's bundled BLIS) is reported beside it.

    OMP_NUM_THREADS=1 python training/benchmark.py [--model src/warta/nlp/model] [--texts FILE...]

Texts default to the NER dev sentences in ../shared/data joined into ~20-sentence paragraphs (news text); pass
``--texts`` with plain-text files (one document per file) to measure on other news.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import convert  # noqa: E402
import spacy  # noqa: E402

import warta.nlp.lemmas  # noqa: E402  (registers warta_lemmatizer)
import warta.nlp.tokenizer  # noqa: E402, F401  (registers warta.news_tokenizer.v1)
from warta.nlp.model_loader import entity_components, load_nlp  # noqa: E402


def default_texts(data: Path) -> list[str]:
    sents: list[str] = []
    for path in (data / "ner" / "idner-news-2k" / "dev.txt", data / "ner" / "nergrit" / "valid_preprocess.txt"):
        sents += [" ".join(s.words) for s in convert.read_conll_ner(path)]
    return [" ".join(sents[i : i + 20]) for i in range(0, len(sents), 20)]


def measure(nlp: spacy.language.Language, texts: list[str], repeat: int) -> tuple[float, int]:
    """Median words/s over ``repeat`` passes, and the words in one pass."""
    rates, words = passes(nlp, texts, repeat)
    return statistics.median(rates), words


def passes(nlp: spacy.language.Language, texts: list[str], repeat: int) -> tuple[list[float], int]:
    """Words/s of each of ``repeat`` passes over ``texts`` (other jobs on a shared machine slow single passes:
    the spread says how much), and the words in one pass."""
    rates: list[float] = []
    words = 0
    for _ in range(repeat):
        words = 0
        start = time.perf_counter()
        for doc in nlp.pipe(texts, batch_size=64):
            words += len(doc)
        rates.append(words / (time.perf_counter() - start))
    return rates, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", type=Path, default=ROOT / "src" / "warta" / "nlp" / "model")
    parser.add_argument("--texts", type=Path, nargs="*")
    parser.add_argument("--data", type=Path, default=convert.DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the texts; the median is reported")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in args.texts] if args.texts else default_texts(args.data)
    blank = spacy.blank("id")
    blank_wps, _ = measure(blank, texts, args.repeat)
    stock = spacy.load(args.model)  # thinc's defaults (BLIS), for reference
    measure(stock, texts[:5], 1)
    stock_wps, _ = measure(stock, texts, args.repeat)
    del stock
    t0 = time.perf_counter()
    nlp = load_nlp(args.model)  # as Warta loads it: same weights, numpy's BLAS on one thread
    load_s = time.perf_counter() - t0
    measure(nlp, texts[:5], 1)  # warm-up
    rates, words = passes(nlp, texts, args.repeat)
    wps = statistics.median(rates)
    needed = entity_components(nlp)  # ner and what feeds it (its own tok2vec, or the shared one)
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n not in needed]):
        ner_wps, _ = measure(nlp, texts, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "pipeline_words_per_s": round(wps),
        "pipeline_words_per_s_passes": [round(r) for r in rates],
        "entities_only_words_per_s": round(ner_wps),
        "spacy_load_words_per_s": round(stock_wps),
        "blank_tokenizer_words_per_s": round(blank_wps),
        "load_s": round(load_s, 2),
        "peak_rss_mb": round(peak_mb),
        "words": words,
        "load_average": round(os.getloadavg()[0], 2),  # other work on the machine slows every number above
    }
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:28s} {v}")


if __name__ == "__main__":
    main()
