"""Training with gazetteer features (a list of names as the tagger's input) and distilling a
student, each from the tiny base and the packaged knowledge base. The features themselves:
tests/unit/test_gazetteer_word_features.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from banglaner.models.gazetteer import GazetteerSpec
from banglaner.models.pipeline import Pipeline
from tests.conftest import DATA, PARAGRAPH
from tests.integration.conftest import tiny_train_config


@pytest.fixture(scope="module")
def gazetteer_model(tiny_base, packaged_kb_path, tmp_path_factory) -> Path:
    from banglaner.training.finetune import train

    home, out = tmp_path_factory.mktemp("home"), tmp_path_factory.mktemp("gazetteer-model")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BANGLANER_KB_PATH", str(packaged_kb_path))
        cfg = tiny_train_config(base=str(tiny_base), epochs=1, gazetteer="PER,LOC,ORG")
        train(cfg, DATA, home, out, quiet=True)
    return out


def test_a_tagger_trained_with_gazetteer_features(gazetteer_model, packaged_kb_path) -> None:
    files = {p.name for p in gazetteer_model.iterdir()}
    assert {"gazetteer.json", "gazetteer.safetensors"} <= files
    for runtime in ("torch", "onnx-int8"):
        pipe = Pipeline.load(
            gazetteer_model, device="cpu", kb_path=packaged_kb_path, runtime=runtime
        )
        assert pipe.tagger.gazetteer is not None
        found = pipe.extract(PARAGRAPH)
        assert found and all(PARAGRAPH[e.start : e.end] == e.text for e in found)
    with pytest.raises(Exception, match="E010"):
        Pipeline.load(gazetteer_model, device="cpu", kb_path=None)


def test_a_tagger_reading_its_training_corpora_names(tiny_base, tmp_path) -> None:
    """Source ``corpora``, with a second corpus under another convention (its own head):
    the list is saved with the model and trained into its feature embedding, the model then
    needs no KB, and static int8 calibrates with the list's features."""
    from safetensors.numpy import load_file

    from banglaner.models.encoders import TorchEncoder
    from banglaner.training.export import export_runtimes
    from banglaner.training.finetune import train

    other = tmp_path / "other.jsonl"
    other.write_text((DATA / "tiny_train.jsonl").read_text("utf-8"), "utf-8")
    cfg = tiny_train_config(
        base=str(tiny_base),
        epochs=1,
        corpora=[str(DATA / "tiny_train.jsonl"), f"{other}@10"],
        corpus_conventions={str(other): "karim2019"},
        gazetteer="PER,LOC,ORG",
        gazetteer_source="corpora",
    )
    model = tmp_path / "model"
    train(cfg, DATA, tmp_path / "home", model, quiet=True)
    names = (model / "gazetteer-names.tsv").read_text("utf-8").splitlines()
    assert {"ঢাকায়\tLOC", "ভ্লাদিমির পুতিন\tPER"} <= set(names)  # marked in both corpora
    assert "বৈঠকে" not in {n.split("\t")[0] for n in names}  # never marked
    assert load_file(model / "gazetteer.safetensors")["weight"].any()  # zero until trained
    student = _distil(model, tmp_path / "distil")  # reads the teacher's list, not its own
    assert (student / "gazetteer-names.tsv").read_bytes() == (
        model / "gazetteer-names.tsv"
    ).read_bytes()
    export_runtimes(TorchEncoder.load(model, "cpu").model, model, [PARAGRAPH] * 4)
    for runtime in ("torch", "onnx-int8-static"):
        pipe = Pipeline.load(model, device="cpu", kb_path=None, runtime=runtime)
        assert pipe.tagger.gazetteer is not None
        found = pipe.extract(PARAGRAPH)
        assert found and all(PARAGRAPH[e.start : e.end] == e.text for e in found)


def _distil(teacher: Path, tmp_path: Path) -> Path:
    from banglaner.training.distill import STUDENT_VERSION, DistillConfig, distill

    cfg = DistillConfig(
        teacher=str(teacher),
        layers=1,
        unlabelled=[str(DATA / "tiny_train.jsonl")],
        train=tiny_train_config(epochs=1),
    )
    metrics = distill(cfg, DATA, tmp_path / "home", tmp_path / "student", quiet=True)
    assert metrics["history"] and metrics["distillation"]["layers"] == 1
    config = json.loads((tmp_path / "student" / "config.json").read_text())
    assert config["num_hidden_layers"] == 1
    card = json.loads((tmp_path / "student" / "banglaner.json").read_text())
    assert card["version"] == STUDENT_VERSION  # the fast model's release, not the teacher's
    assert list((tmp_path / "home" / "distill").glob("teacher-*.npy"))  # the cached labels
    assert os.path.getsize(tmp_path / "student" / "onnx" / "model-int8-u8.onnx") > 0
    return tmp_path / "student"


def test_a_distilled_student(tiny_model, packaged_kb_path, tmp_path) -> None:
    student = _distil(tiny_model, tmp_path)
    pipe = Pipeline.load(student, device="cpu", kb_path=packaged_kb_path)
    assert pipe.tagger.gazetteer is None and pipe.extract(PARAGRAPH)


def test_a_student_of_a_gazetteer_teacher_reads_the_kb_too(
    gazetteer_model, packaged_kb_path, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("BANGLANER_KB_PATH", str(packaged_kb_path))
    student = _distil(gazetteer_model, tmp_path)
    assert GazetteerSpec.read(student) == GazetteerSpec.read(gazetteer_model)
    pipe = Pipeline.load(student, device="cpu", kb_path=packaged_kb_path)
    assert pipe.tagger.gazetteer is not None and pipe.extract(PARAGRAPH)
