"""Rebuild Warta's Indonesian spaCy pipeline from ../shared/data, deterministically, and ship it in the package.

    python training/train.py            # convert → train (joint) → assemble → evaluate → install → model card
    python training/train.py --skip-train   # re-assemble and re-evaluate from training/output/joint/model-best

The default recipe (``--recipe joint``) trains ONE pipeline, ``training/joint.cfg`` (fixed seed, blank ``id``): a
tok2vec shared by morphologizer, parser and ner, on UD Indonesian GSD legacy r2.1 train (POS + dependencies) and
idner-news-2k + NERGrit train with NERP lower-cased (entities). ``--recipe separate`` trains ``ner.cfg`` and
``syntax.cfg`` apart and merges them (the NER keeps its own tok2vec), optionally from ``spacy pretrain`` weights
(``--pretrain``: measured, no gain). Warta's tokenizer fixes, line-break sentence starts, entity trim and root
lemmatizer are then added, and the result is evaluated on every dev/test split, copied to ``src/warta/nlp/model/``
and described in ``src/warta/nlp/MODEL_CARD.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import convert as convert_mod  # noqa: E402
import silver  # noqa: E402
import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

from warta.nlp.lemmas import roots_from_conllu  # noqa: E402
from warta.nlp.ner_eval import PROTOCOLS, entity_scores  # noqa: E402
from warta.nlp.tokenizer import common_words, customize_tokenizer  # noqa: E402

CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
MODEL_DIR = ROOT / "src" / "warta" / "nlp" / "model"
CARD = ROOT / "src" / "warta" / "nlp" / "MODEL_CARD.md"
DATA = convert_mod.DEFAULT_DATA
#: Seeds of the two plain joint models whose agreement labels the treebank's entities (the first is joint.cfg's own).
SILVER_SEEDS = (13, 7)

#: split name → (DocBin, what it measures)
EVAL_SPLITS: dict[str, tuple[str, str]] = {
    "idner-news-2k dev": ("ner-dev-idner", "ner"),
    "NERGrit valid": ("ner-dev-nergrit", "ner"),
    "NERP valid (lower-cased)": ("ner-dev-nerp", "ner"),
    "UD GSD legacy r2.1 dev": ("ud-dev", "syntax"),
    "UD GSD legacy r2.1 test": ("ud-test", "syntax"),
    "UD GSD r2.17 test (clitics split)": ("gsd217-test", "syntax"),
    "UD CSUI test": ("csui-test", "syntax"),
    "UD PUD test": ("pud-test", "syntax"),
}


def train(cfg: str, name: str, extra: list[str]) -> Path:
    """Run ``spacy train`` for one config (single-threaded BLAS for determinism); returns model-best."""
    return train_many([(cfg, name, extra)])[0]


def train_many(jobs: list[tuple[str, str, list[str]]]) -> list[Path]:
    """``spacy train`` for each (config, output name, extra args) at once, one process each (each is
    single-threaded and seeded, so running them side by side changes their speed, not their weights)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    running = []
    for cfg, name, extra in jobs:
        cmd = [sys.executable, "-m", "spacy", "train", str(HERE / cfg), "--output", str(OUTPUT / name), *extra]
        print("+", " ".join(cmd), flush=True)
        log = open(OUTPUT / f"{name}.log", "w", encoding="utf-8")  # noqa: SIM115  (closed below)
        running.append((subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT), log))
    failed = []
    for (proc, log), (_, name, _) in zip(running, jobs, strict=True):
        if proc.wait() != 0:
            failed.append(name)
        log.close()
    if failed:
        raise SystemExit(f"spacy train failed for {', '.join(failed)}: see {OUTPUT}/<name>.log")
    return [OUTPUT / name / "model-best" for _, name, _ in jobs]


def pretrain() -> Path:
    """``spacy pretrain`` of the NER tok2vec on the train splits' raw text (character objective)."""
    out = OUTPUT / "pretrain"
    if out.exists():
        shutil.rmtree(out)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "spacy", "pretrain", str(HERE / "pretrain.cfg"), str(out)]
    print("+", " ".join(cmd), flush=True)
    with open(OUTPUT / "pretrain.log", "w", encoding="utf-8") as log:
        subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return latest_weights(out)


def latest_weights(folder: Path) -> Path:
    """The weights ``spacy pretrain`` wrote last: ``model-last.bin`` (spaCy 3.8 writes it at the end), else the
    highest-numbered ``model<epoch>.bin``."""
    last = folder / "model-last.bin"
    if last.exists():
        return last
    numbered = [p for p in folder.glob("model*.bin") if p.stem.removeprefix("model").isdigit()]
    return max(numbered, key=lambda p: int(p.stem.removeprefix("model")))


def joint_corpus(ner_train: str, ud_train: str = "ud-train") -> None:
    """The folders ``joint.cfg`` reads: UD train + ``ner_train``, UD dev + NER dev (spaCy reads a folder's ``.spacy``
    files in name order)."""
    for folder, names in (("joint-train", (ner_train, ud_train)), ("joint-dev", ("ner-dev", "ud-dev"))):
        out = CORPUS / folder
        if out.exists():
            shutil.rmtree(out)
        out.mkdir()
        for name in names:
            shutil.copyfile(CORPUS / f"{name}.spacy", out / f"{name}.spacy")


def train_joint(ner_train: str, extra: list[str], use_silver: bool, silver_from: list[Path] | None) -> Path:
    """The joint recipe. With ``use_silver``: two plain joint models (seeds ``SILVER_SEEDS``, or ``silver_from``) label
    the treebank's entities where they agree (``training/silver.py``), then the final model trains on that."""
    joint_corpus(ner_train)
    if not use_silver:
        return train("joint.cfg", "joint", extra)
    if silver_from is None:
        jobs = [("joint.cfg", f"joint-base-s{seed}", [*extra, "--system.seed", str(seed)]) for seed in SILVER_SEEDS]
        silver_from = train_many(jobs)
    stats = silver.build(*silver_from, CORPUS / "ud-train.spacy", CORPUS / "ud-train-silver.spacy")
    print(f"silver entities: {stats['agreed']} of {stats['sentences']} treebank sentences agreed", flush=True)
    joint_corpus(ner_train, "ud-train-silver")
    return train("joint.cfg", "joint", extra)


def assemble(ner_dir: Path | None, syntax_dir: Path, roots: set[str]) -> Language:
    """One pipeline + lemmatizer + news fixes: the joint model (``ner_dir`` None: one tok2vec for morphologizer,
    parser and ner), or syntax (tok2vec, morphologizer, parser) + a separately trained ner keeping its own tok2vec."""
    nlp = spacy.load(syntax_dir)
    if ner_dir is not None:
        ner_nlp = spacy.load(ner_dir)
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.add_pipe("ner", source=ner_nlp)
    customize_tokenizer(nlp)
    nlp.add_pipe("warta_newlines", before="parser")  # a line break starts a sentence; parser and ner respect it
    trim = nlp.add_pipe("warta_entity_trim", after="ner")
    cased = [CORPUS / f"{name}.spacy" for name in ("ner-train", "ud-train", "csui-train")]
    trim.common = frozenset(common_words(doc for path in cased for doc in DocBin().from_disk(path).get_docs(nlp.vocab)))
    lemmatizer = nlp.add_pipe("warta_lemmatizer")
    lemmatizer.roots = frozenset(roots)
    nlp.meta.update(
        {
            "name": "warta_id",
            "version": "0.1.0",
            "description": "Warta's Indonesian news pipeline: tokenizer fixes, UPOS, dependencies, lemmas, PER/ORG/LOC",
            "author": "Warta developers",
            "license": "CC BY-NC-SA 4.0 (parser trained on UD GSD legacy r2.1, CC BY-NC-SA 3.0); see MODEL_CARD.md",
        }
    )
    return nlp


def evaluate(nlp: Language, docbin: Path, kind: str = "syntax") -> dict[str, Any]:
    """spaCy scores of ``nlp`` on raw text re-tokenized by ``nlp`` (gold aligned by characters); for NER splits
    also the strict entity scores of ``warta.nlp.ner_eval`` on gold tokens and on raw text (spaCy's ``ents_f``
    projects predicted entities onto the gold tokens, forgiving boundary errors inside a gold token)."""
    gold = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    scores: dict[str, Any] = nlp.evaluate(examples, batch_size=64)
    words = sum(len(doc) for doc in gold)
    if kind == "ner":
        for protocol in PROTOCOLS:
            scores[f"ents_{protocol}"] = entity_scores(nlp, gold, protocol)
    return {"docs": len(gold), "words": words, **scores}


def benchmark(model: Path) -> dict[str, float]:
    """words/s of the full pipeline and of the blank tokenizer on one core (subprocess, single-threaded)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    cmd = [sys.executable, str(HERE / "benchmark.py"), "--model", str(model), "--json"]
    out = subprocess.run(cmd, check=True, cwd=ROOT, env=env, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild Warta's Indonesian spaCy pipeline")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--skip-convert", action="store_true")
    parser.add_argument("--skip-train", action="store_true", help="reuse --joint-dir (or --ner-dir, --syntax-dir)")
    parser.add_argument("--no-nerp", action="store_true", help="leave the lower-cased NERP train out of the NER data")
    parser.add_argument(
        "--recipe",
        choices=("joint", "separate"),
        default="joint",
        help="joint: one tok2vec for tagger, parser and ner (joint.cfg); separate: ner.cfg + syntax.cfg",
    )
    parser.add_argument(
        "--pretrain", action="store_true", help="separate recipe: init both tok2vecs from `spacy pretrain` weights"
    )
    parser.add_argument(
        "--vectors",
        action="store_true",
        help="joint recipe: add static vectors trained on the unlabelled train text (training/vectors.py; no gain)",
    )
    parser.add_argument(
        "--silver",
        action="store_true",
        help="joint recipe: first train two seeds, label the treebank's entities where they agree, train on that "
        "(training/silver.py; measured: small average gain, not shipped)",
    )
    parser.add_argument(
        "--silver-from",
        type=Path,
        nargs=2,
        metavar="MODEL",
        help="with --silver: label the silver entities with these two models instead of training two seeds first",
    )
    parser.add_argument("--joint-dir", type=Path, default=OUTPUT / "joint" / "model-best", help="with --skip-train")
    parser.add_argument("--ner-dir", type=Path, default=OUTPUT / "ner" / "model-best", help="with --skip-train")
    parser.add_argument("--syntax-dir", type=Path, default=OUTPUT / "syntax" / "model-best", help="with --skip-train")
    parser.add_argument("--no-install", action="store_true", help="evaluate only; leave src/warta/nlp/model alone")
    args = parser.parse_args()
    if args.vectors and args.recipe != "joint":
        parser.error("--vectors applies to the joint recipe only")
    if args.silver and args.recipe != "joint":
        parser.error("--silver applies to the joint recipe only")
    if args.silver_from and not args.silver:
        parser.error("--silver-from needs --silver")
    if args.pretrain and args.recipe != "separate":
        parser.error("--pretrain applies to the separate recipe only")

    OUTPUT.mkdir(parents=True, exist_ok=True)
    if not args.skip_convert:
        convert_mod.convert(args.data, CORPUS)
    t0 = time.time()
    ner_dir: Path | None
    if args.skip_train:
        ner_dir = None if args.recipe == "joint" else args.ner_dir
        syntax_dir = args.joint_dir if args.recipe == "joint" else args.syntax_dir
    elif args.recipe == "joint":
        extra = []
        if args.vectors:
            import vectors

            vectors.build(CORPUS / "pretrain.jsonl", OUTPUT / "vectors")
            extra = ["--paths.vectors", str(OUTPUT / "vectors")]
            extra += ["--components.tok2vec.model.embed.include_static_vectors", "true"]
        ner_train = "ner-train-aug" if args.no_nerp else "ner-train-nerp"
        ner_dir, syntax_dir = None, train_joint(ner_train, extra, args.silver, args.silver_from)
    else:
        extra = ["--paths.init_tok2vec", str(pretrain())] if args.pretrain else []
        ner_train = CORPUS / ("ner-train-aug.spacy" if args.no_nerp else "ner-train-nerp.spacy")
        ner_dir = train("ner.cfg", "ner", [*extra, "--paths.train", str(ner_train)])
        syntax_dir = train("syntax.cfg", "syntax", extra)
    train_s = time.time() - t0

    ud = args.data / "ud"
    roots = roots_from_conllu(
        [ud / "UD_Indonesian-GSD" / "id_gsd-ud-dev.conllu", ud / "UD_Indonesian-CSUI" / "id_csui-ud-train.conllu"]
    )
    nlp = assemble(ner_dir, syntax_dir, roots)
    final = OUTPUT / "final"
    if final.exists():
        shutil.rmtree(final)
    nlp.to_disk(final)

    nlp = spacy.load(final)  # evaluate exactly what ships
    results: dict[str, dict[str, Any]] = {}
    for split, (name, kind) in EVAL_SPLITS.items():
        path = CORPUS / f"{name}.spacy"
        if path.exists():
            results[split] = evaluate(nlp, path, kind)
            print(f"{split:36s} {_brief(results[split])}", flush=True)
    speed = benchmark(final)
    meta = json.loads((CORPUS / "meta.json").read_text(encoding="utf-8"))
    report = {
        "scores": results,
        "speed": speed,
        "size_bytes": dir_size(final),
        "train_seconds": round(train_s),
        "data_sha256": meta["sha256"],
        "nerp": not args.no_nerp,
        "recipe": args.recipe,
        "pretrain": args.pretrain,
        "silver": args.silver,
        "vectors": nlp.vocab.vectors.shape[0] > 0,  # from what ships, so --skip-train reports it right too
        "pipeline": nlp.pipe_names,
        "labels": {name: list(nlp.get_pipe(name).labels) for name in ("ner",)},
        "spacy": spacy.__version__,
    }
    (OUTPUT / "report.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    if not args.no_install:
        if MODEL_DIR.exists():
            shutil.rmtree(MODEL_DIR)
        shutil.copytree(final, MODEL_DIR)
        import model_card

        CARD.write_text(model_card.render(report), encoding="utf-8")
        print(f"installed {MODEL_DIR} ({report['size_bytes'] / 1e6:.1f} MB) and wrote {CARD}")


def _brief(scores: dict[str, Any]) -> str:
    keys = ("ents_f", "ents_p", "ents_r", "pos_acc", "dep_uas", "dep_las", "sents_f", "lemma_acc")
    brief = [f"{k}={scores[k]:.3f}" for k in keys if isinstance(scores.get(k), float)]
    brief += [f"{p}_f={scores[f'ents_{p}']['f']:.3f}" for p in PROTOCOLS if f"ents_{p}" in scores]
    return "  ".join(brief)


if __name__ == "__main__":
    main()
