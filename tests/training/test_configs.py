"""The training configs: pretrained weights passed as ``--paths.init_tok2vec`` must actually be loaded.

spaCy's ``Language.initialize`` applies ``[initialize] init_tok2vec`` only when the config's ``[pretraining]``
section is set and names the component to load into; an empty section silently trains from a random start (which
is how the NER shipped before 2026-11-27 was trained).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from spacy.schemas import ConfigSchemaPretrain
from spacy.util import load_config, registry

TRAINING = Path(__file__).resolve().parents[2] / "training"


@pytest.mark.parametrize("name", ["ner.cfg", "syntax.cfg", "joint.cfg"])
def test_pretraining_section_names_a_tok2vec_of_the_pipeline(name: str) -> None:
    config = load_config(TRAINING / name, interpolate=False)
    section = config["pretraining"]
    assert section, f"{name}: an empty [pretraining] section makes spaCy ignore --paths.init_tok2vec"
    resolved = registry.resolve(section, schema=ConfigSchemaPretrain)
    component = resolved["component"]
    assert component in config["nlp"]["pipeline"]
    assert config["components"][component]["factory"] == "tok2vec"
    assert config["initialize"]["init_tok2vec"] == "${paths.init_tok2vec}"


def test_pretraining_trains_the_encoder_the_configs_use() -> None:
    """``spacy pretrain`` writes the weights of its own tok2vec: it must have the shape the training configs load."""
    pre = load_config(TRAINING / "pretrain.cfg", interpolate=False)
    for name in ("ner.cfg", "syntax.cfg", "joint.cfg"):
        config = load_config(TRAINING / name, interpolate=False)
        assert config["components"]["tok2vec"] == pre["components"]["tok2vec"], name
        assert config["pretraining"] == pre["pretraining"], f"{name}: [pretraining] is a copy of pretrain.cfg's"


def test_the_last_pretrained_weights_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``spacy pretrain`` writes ``model0.bin`` … and, at the end, ``model-last.bin`` (which once broke the lookup)."""
    monkeypatch.syspath_prepend(str(TRAINING))
    latest_weights = importlib.import_module("train").latest_weights

    for name in ("model0.bin", "model2.bin", "model10.bin"):
        (tmp_path / name).write_bytes(b"")
    assert latest_weights(tmp_path).name == "model10.bin"
    (tmp_path / "model-last.bin").write_bytes(b"")
    assert latest_weights(tmp_path).name == "model-last.bin"
