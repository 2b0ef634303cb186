"""Convert ../shared/data (CoNLL NER, CoNLL-U treebanks) into spaCy DocBin files under training/corpus/.

NER labels are harmonised to PER / ORG / LOC:
  idner-news-2k  PER ORG LOC                 (token UPOS IOB, space separated)
  NERGrit        PERSON ORGANISATION PLACE   (token<TAB>IOB)
  NERP           PPL IND PLC (+ EVT FNB dropped)  (lower-cased; only used as an optional augmentation)

Treebanks: UD Indonesian GSD legacy r2.1 (clitics not split) is the training annotation; its dev is used for
model selection and its test for reporting. r2.17 GSD dev/test, CSUI and PUD are converted for cross-annotation
evaluation only.

Usage: python training/convert.py [--data ../shared/data] [--out training/corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"

NER_MAP = {
    "PER": "PER", "ORG": "ORG", "LOC": "LOC",
    "PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC",
    "PPL": "PER", "IND": "ORG", "PLC": "LOC",
}  # fmt: skip

SEED = 13


@dataclass(frozen=True)
class NerSentence:
    words: list[str]
    tags: list[str]  # IOB with harmonised labels ("O" for dropped labels)


def read_conll_ner(path: Path) -> Iterator[NerSentence]:
    """CoNLL NER: one token per line, the IOB tag in the last column, blank line between sentences."""
    words: list[str] = []
    tags: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip("\r\n").strip()
        if not line:
            if words:
                yield NerSentence(words, tags)
            words, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split(" ")
        word, tag = cols[0], cols[-1]
        if tag != "O":
            prefix, _, label = tag.partition("-")
            mapped = NER_MAP.get(label)
            tag = f"{prefix}-{mapped}" if mapped else "O"
        words.append(word)
        tags.append(tag)
    if words:
        yield NerSentence(words, tags)


def iob_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB (possibly IOB1-ish: I- after O) to (start, end, label) token spans."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        if start >= 0 and (prefix != "I" or lab != label):
            spans.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, lab
    return spans


def ner_doc(vocab: spacy.vocab.Vocab, sent: NerSentence, lower: bool = False) -> Doc:
    words = [w.lower() for w in sent.words] if lower else sent.words
    doc = Doc(vocab, words=words)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in iob_to_spans(sent.tags)]
    return doc


def titlecase(sent: NerSentence) -> NerSentence:
    """A headline-style copy: every lower-case word capitalised, labels unchanged."""
    return NerSentence([w[:1].upper() + w[1:] if w.islower() else w for w in sent.words], sent.tags)


def groups(sents: list[NerSentence], rng: random.Random) -> Iterator[list[NerSentence]]:
    i = 0
    while i < len(sents):
        n = rng.randint(2, 3)
        yield sents[i : i + n]
        i += n


def ner_joined_doc(vocab: spacy.vocab.Vocab, sents: list[NerSentence], rng: random.Random) -> Doc:
    """Sentences in one Doc separated by a line-break token ("\n" or "\n\n"), as in extracted article text."""
    words: list[str] = []
    tags: list[str] = []
    spaces: list[bool] = []
    for k, sent in enumerate(sents):
        if k:
            words.append(rng.choice(["\n", "\n\n"]))
            tags.append("O")
            spaces.append(False)
        words += sent.words
        tags += sent.tags
        spaces += [True] * (len(sent.words) - 1) + [False]
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in iob_to_spans(tags)]
    return doc


@dataclass
class UdToken:
    form: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str
    space_after: bool


def read_conllu(path: Path) -> Iterator[list[UdToken]]:
    """Sentences of syntactic words (multiword-token ranges are skipped; their SpaceAfter goes to the last word)."""
    sent: list[UdToken] = []
    mwt_end, mwt_space = -1, True
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\r\n")
        if not line:
            if sent:
                yield sent
            sent, mwt_end = [], -1
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            _first, b = cols[0].split("-")
            mwt_end, mwt_space = int(b), "SpaceAfter=No" not in cols[9]
            continue
        if "." in cols[0]:
            continue
        idx = int(cols[0])
        space = "SpaceAfter=No" not in cols[9]
        if idx <= mwt_end:
            space = mwt_space if idx == mwt_end else False
        sent.append(UdToken(cols[1], cols[2], cols[3], cols[5], int(cols[6]), cols[7], space))
    if sent:
        yield sent


def ud_doc(vocab: spacy.vocab.Vocab, sents: list[list[UdToken]]) -> Doc:
    """Several sentences in one Doc, so the parser learns sentence boundaries."""
    words: list[str] = []
    spaces: list[bool] = []
    heads: list[int] = []
    deps: list[str] = []
    pos: list[str] = []
    lemmas: list[str] = []
    morphs: list[str] = []
    starts: list[bool] = []
    for sent in sents:
        offset = len(words)
        for i, tok in enumerate(sent):
            words.append(tok.form)
            spaces.append(tok.space_after)
            heads.append(offset + i if tok.head == 0 else offset + tok.head - 1)
            deps.append("ROOT" if tok.deprel == "root" else tok.deprel)
            pos.append(tok.upos)
            lemmas.append(tok.lemma if tok.lemma != "_" else "")
            morphs.append("" if tok.feats == "_" else tok.feats)
            starts.append(i == 0)
        spaces[-1] = True
    doc = Doc(
        vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
        lemmas=lemmas if any(lemmas) else None, morphs=morphs, sent_starts=starts,
    )  # fmt: skip
    return doc


def chunks(items: list[list[UdToken]], n: int) -> Iterable[list[list[UdToken]]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def sha256_of(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def convert(data: Path, out: Path) -> dict[str, int]:
    """Write every DocBin; returns {file name: number of docs}."""
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("id")
    counts: dict[str, int] = {}

    def save(name: str, docs: list[Doc]) -> None:
        DocBin(docs=docs, store_user_data=False).to_disk(out / f"{name}.spacy")
        counts[name] = len(docs)

    ner = data / "ner"
    idner_train = list(read_conll_ner(ner / "idner-news-2k" / "train.txt"))
    idner_dev = list(read_conll_ner(ner / "idner-news-2k" / "dev.txt"))
    grit_train = list(read_conll_ner(ner / "nergrit" / "train_preprocess.txt"))
    grit_dev = list(read_conll_ner(ner / "nergrit" / "valid_preprocess.txt"))
    train = [ner_doc(nlp.vocab, s) for s in idner_train + grit_train]
    random.Random(SEED).shuffle(train)
    save("ner-train", train)
    # Robustness copies: headline-style Title Case sentences, and short multi-sentence documents joined by line
    # breaks so that whitespace tokens are seen (and never tagged) in training.
    rng = random.Random(SEED)
    cased = idner_train + grit_train
    headlines = [titlecase(s) for s in rng.sample(cased, k=len(cased) // 12)]
    joined = [ner_joined_doc(nlp.vocab, group, rng) for group in groups(rng.sample(cased, k=len(cased) // 4), rng)]
    augmented = train + [ner_doc(nlp.vocab, s) for s in headlines] + joined
    rng.shuffle(augmented)
    save("ner-train-aug", augmented)
    # NERP is lower-cased news (PPL/IND/PLC; IND also covers titles of works): an optional augmentation that adds
    # casing-free evidence. train.py trains on ner-train-nerp (ner-train-aug with --no-nerp).
    with_nerp = augmented + [ner_doc(nlp.vocab, s) for s in read_conll_ner(ner / "nerp" / "train_preprocess.txt")]
    random.Random(SEED).shuffle(with_nerp)
    save("ner-train-nerp", with_nerp)
    save("ner-dev-idner", [ner_doc(nlp.vocab, s) for s in idner_dev])
    save("ner-dev-nergrit", [ner_doc(nlp.vocab, s) for s in grit_dev])
    save("ner-dev", [ner_doc(nlp.vocab, s) for s in idner_dev + grit_dev])
    if (ner / "nerp" / "valid_preprocess.txt").exists():
        save("ner-dev-nerp", [ner_doc(nlp.vocab, s) for s in read_conll_ner(ner / "nerp" / "valid_preprocess.txt")])

    ud = data / "ud"
    gsd = ud / "UD_Indonesian-GSD"
    treebanks = {
        "ud-train": gsd / "legacy-r2.1" / "id-ud-train.conllu",
        "ud-dev": gsd / "legacy-r2.1" / "id-ud-dev.conllu",
        "ud-test": gsd / "legacy-r2.1" / "id-ud-test.conllu",
        "gsd217-dev": gsd / "id_gsd-ud-dev.conllu",
        "gsd217-test": gsd / "id_gsd-ud-test.conllu",
        "csui-train": ud / "UD_Indonesian-CSUI" / "id_csui-ud-train.conllu",
        "csui-test": ud / "UD_Indonesian-CSUI" / "id_csui-ud-test.conllu",
        "pud-test": ud / "UD_Indonesian-PUD" / "id_pud-ud-test.conllu",
    }
    for name, path in treebanks.items():
        if not path.exists():
            continue
        sents = list(read_conllu(path))
        save(name, [ud_doc(nlp.vocab, group) for group in chunks(sents, 10)])

    # Unlabelled text for `spacy pretrain`: train splits only (never dev/test), NERP as the lower-cased news it is.
    raw = [" ".join(s.words) for s in idner_train + grit_train]
    raw += [" ".join(s.words) for s in read_conll_ner(ner / "nerp" / "train_preprocess.txt")]
    for name in ("ud-train", "csui-train"):
        raw += [" ".join(t.form for t in sent) for sent in read_conllu(treebanks[name])]
    # PFSA-ID's Kompas articles (quote attribution data, CC BY-NC-SA) nearly double the cased news text; only its
    # words are read, never its labels. Blank lines split it into paragraphs of at most ~90 tokens.
    pfsa = data / "quotes" / "pfsa-id" / "dev-40.txt"
    if pfsa.exists():
        raw += [" ".join(s.words) for s in read_conll_ner(pfsa)]
    with (out / "pretrain.jsonl").open("w", encoding="utf-8") as fh:
        for text in raw:
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    counts["pretrain-texts"] = len(raw)

    inputs = [p for p in ner.rglob("*.txt")] + [p for p in treebanks.values() if p.exists()]
    inputs += [pfsa] if pfsa.exists() else []
    meta = {"counts": counts, "sha256": sha256_of(inputs)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=HERE / "corpus")
    args = parser.parse_args()
    for name, n in convert(args.data, args.out).items():
        print(f"{name:18s} {n:6d} docs")


if __name__ == "__main__":
    main()
