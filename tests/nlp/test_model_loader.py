"""How the shipped pipeline is loaded: numpy's BLAS for its layers, one BLAS thread per process."""

from __future__ import annotations

import pytest
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from warta.nlp.model_loader import load_nlp, model_available, one_blas_thread


@pytest.mark.skipif(not model_available(), reason="trained NLP model not installed")
def test_layers_multiply_with_numpy() -> None:
    nlp = load_nlp()
    ops = [node.ops for _, c in nlp.pipeline if hasattr(c, "model") for node in c.model.walk()]
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)


def test_one_blas_thread_unless_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    one_blas_thread()
    blas = [info for info in threadpool_info() if info["user_api"] == "blas"]
    assert blas and all(info["num_threads"] == 1 for info in blas)
