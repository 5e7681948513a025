"""Gazetteer features (the KB's names as the tagger's input) and the distilled student,
each on the tiny model and the packaged knowledge base."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from models.gazetteer import Gazetteer, GazetteerSpec, bit
from models.kb.store import KnowledgeBase
from models.pipeline import Pipeline
from models.segment import split_words
from tests.conftest import DATA, PARAGRAPH
from tests.unit.conftest import tiny_train_config


def test_word_features_mark_kb_names(kb_path) -> None:
    gaz = Gazetteer(KnowledgeBase.open(kb_path))
    text = "রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন কিম জং-উনের সঙ্গে বৈঠক করেন।"
    words = split_words(text)
    bits = dict(zip((text[a:b] for a, b in words), gaz.word_features(text, words), strict=True))
    assert bits["রাশিয়ার"] & bit("LOC", False)
    assert bits["ভ্লাদিমির"] & bit("PER", False) and bits["পুতিন"] & bit("PER", True)
    assert bits["কিম"] & bit("PER", False) and bits["উনের"] & bit("PER", True)
    assert bits["প্রেসিডেন্ট"] == 0 and bits["বৈঠক"] == 0
    places_only = Gazetteer(KnowledgeBase.open(kb_path), GazetteerSpec(labels=("LOC",)))
    only = places_only.word_features(text, words)
    assert not np.any(only & (bit("PER", False) | bit("PER", True)))
    assert only[0] & bit("LOC", False)


def test_a_tagger_trained_with_gazetteer_features(
    tiny_base, kb_path, tmp_path, monkeypatch
) -> None:
    from training.finetune import train

    monkeypatch.setenv("BANGLANER_KB_PATH", str(kb_path))
    cfg = tiny_train_config(base=str(tiny_base), epochs=1, gazetteer="PER,LOC,ORG")
    train(cfg, DATA, tmp_path / "home", tmp_path / "model", quiet=True)
    files = {p.name for p in (tmp_path / "model").iterdir()}
    assert {"gazetteer.json", "gazetteer.safetensors"} <= files
    for runtime in ("torch", "onnx-int8"):
        pipe = Pipeline.load(tmp_path / "model", device="cpu", kb_path=kb_path, runtime=runtime)
        assert pipe.tagger.gazetteer is not None
        found = pipe.extract(PARAGRAPH)
        assert found and all(PARAGRAPH[e.start : e.end] == e.text for e in found)
    with pytest.raises(Exception, match="E010"):
        Pipeline.load(tmp_path / "model", device="cpu", kb_path=None)


def test_a_distilled_student(tiny_model, kb_path, tmp_path) -> None:
    from training.distill import DistillConfig, distill

    cfg = DistillConfig(
        teacher=str(tiny_model),
        layers=1,
        unlabelled=[str(DATA / "tiny_train.jsonl")],
        train=tiny_train_config(epochs=1),
    )
    metrics = distill(cfg, DATA, tmp_path / "home", tmp_path / "student", quiet=True)
    assert metrics["history"] and metrics["distillation"]["layers"] == 1
    config = json.loads((tmp_path / "student" / "config.json").read_text())
    assert config["num_hidden_layers"] == 1
    assert list((tmp_path / "home" / "distill").glob("teacher-*.npy"))  # the cached labels
    pipe = Pipeline.load(tmp_path / "student", device="cpu", kb_path=kb_path)
    assert pipe.extract(PARAGRAPH)
    assert os.path.getsize(tmp_path / "student" / "onnx" / "model-int8-u8.onnx") > 0
    assert Path(tmp_path / "student" / "banglaner.json").is_file()
