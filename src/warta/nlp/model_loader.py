"""Load the spaCy pipeline Warta trains and ships as package data (``warta/nlp/model/``).

The pipeline is rebuilt by ``python training/train.py`` (see ``src/warta/nlp/MODEL_CARD.md``); nothing is ever
downloaded at run time.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from spacy.language import Language

from warta.errors import WartaError

#: Where the trained pipeline lives inside the installed package.
MODEL_PATH = Path(__file__).resolve().parent / "model"


class ModelMissingError(WartaError):
    """The trained NLP pipeline is not installed with the package."""

    code = "W010"


def model_available(path: Path = MODEL_PATH) -> bool:
    """Whether a trained pipeline is present at ``path``."""
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


@functools.lru_cache(maxsize=4)
def load_nlp(path: Path = MODEL_PATH, disable: tuple[str, ...] = ()) -> Language:
    """The shipped Indonesian pipeline (tokenizer, morphologizer, parser, ner, lemmatizer), loaded once per process.

    ``disable`` names components to leave out (e.g. ``("parser",)`` when only entities are needed); it is part
    of the cache key, so ask for the same tuple to share one loaded pipeline.
    """
    if not model_available(path):
        raise ModelMissingError(
            f"no trained NLP model at {path}; rebuild it with `python training/train.py` (needs ../shared/data)"
        )
    import spacy  # imported here so `import warta` stays light

    # the pipeline's config names Warta's tokenizer and lemmatizer factories: register them first
    import warta.nlp.lemmas
    import warta.nlp.tokenizer  # noqa: F401

    nlp: Language = spacy.load(path, disable=list(disable))
    use_numpy_gemm(nlp)
    return nlp


def ner_shares_tok2vec(nlp: Language) -> bool:
    """Whether ``nlp``'s NER listens to the pipeline's shared ``tok2vec`` (one encoder trained with the tagger and
    parser) rather than owning its own: then ``tok2vec`` must run before ``ner``, never be disabled for it."""
    if "ner" not in nlp.pipe_names or "tok2vec" not in nlp.pipe_names:
        return False
    return "ner" in getattr(nlp.get_pipe("tok2vec"), "listening_components", ())


def entity_components(nlp: Language) -> tuple[str, ...]:
    """The components, in pipeline order, that entity recognition needs: ``ner`` and what feeds or trims it."""
    wanted = {"ner", "warta_entity_trim", "warta_newlines"} | ({"tok2vec"} if ner_shares_tok2vec(nlp) else set())
    return tuple(name for name in nlp.pipe_names if name in wanted)


def use_numpy_gemm(nlp: Language) -> None:
    """Multiply matrices with numpy's BLAS instead of thinc's bundled BLIS in ``nlp``'s layers.

    Same weights, same operations: on the AMD EPYC machines Warta is benchmarked on, BLIS runs these products
    about 3.5× slower than numpy's OpenBLAS, and they are half of the time the pipeline takes (``bench/``).
    """
    from thinc.api import NumpyOps

    one_blas_thread()
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if isinstance(node.ops, NumpyOps):  # never a GPU's ops
                    node.ops = ops


def one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread in this process, unless the environment sets a number of threads.

    Warta runs one process per core; a BLAS thread pool only fights the other workers (and whatever else runs) for
    the cores: on the shared 2-core machine, OpenBLAS's default two threads made the pipeline 2.3× slower.
    """
    if any(name in os.environ for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")):
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
