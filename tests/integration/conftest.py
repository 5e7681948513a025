"""Integration-tier fixtures: the tiny model trained on the repository's tiny training
set (no corpora), the real corpora and the full knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from banglaner.models.pipeline import Pipeline
from banglaner.models.settings import CoreSettings
from tests.conftest import DATA


def tiny_train_config(**overrides):
    """Fine-tuning on the 40 hand-annotated sentences of tests/data/tiny_train.jsonl."""
    from banglaner.training.finetune import TrainConfig

    settings = {
        "corpora": [str(DATA / "tiny_train.jsonl")],
        "test_corpus": "",
        "dev_percent": 0,
        "epochs": 3,
        "lr": 3e-3,
        "head_lr": 3e-3,
        "max_subwords": 48,
        "batch_tokens": 256,
    }
    return TrainConfig(**{**settings, **overrides})


@pytest.fixture(scope="session")
def tiny_model(tiny_base, tmp_path_factory) -> Path:
    """The tiny base fine-tuned by training.finetune on the tiny training set, with static
    int8 calibrated on that set as `banglaner export` (the next step of `make model`) does."""
    from banglaner.models.encoders import TorchEncoder
    from banglaner.training.corpora import load_corpus
    from banglaner.training.export import export_runtimes
    from banglaner.training.finetune import train

    out = tmp_path_factory.mktemp("tiny-model")
    cfg = tiny_train_config(base=str(tiny_base))
    train(cfg, DATA, tmp_path_factory.mktemp("home"), out, quiet=True)
    calibration = [s.text for s in load_corpus(str(DATA / "tiny_train.jsonl"), DATA)]
    export_runtimes(TorchEncoder.load(out, "cpu").model, out, calibration)
    return out


class Fragile(Pipeline):
    """The real pipeline, except that text with 💥 makes it raise (a stand-in for a bug)."""

    def extract_many(self, texts, doc_dates=None):
        if any("💥" in t for t in texts):
            raise RuntimeError("boom")
        return super().extract_many(texts, doc_dates)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = CoreSettings().data_dir
    assert (path / "ner").is_dir(), f"corpora not found at {path}; set BANGLANER_DATA_DIR"
    return path


@pytest.fixture(scope="session")
def kb_path(data_dir, tmp_path_factory) -> Path:
    """The knowledge base built from every source (seconds), in a temp dir."""
    from banglaner.models.kb.store import build_kb

    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    build_kb(data_dir, path)
    return path


@pytest.fixture(scope="session")
def linker(kb_path):
    from banglaner.models.kb.store import KnowledgeBase
    from banglaner.models.linker import Linker

    return Linker(KnowledgeBase.open(kb_path))


@pytest.fixture(scope="session")
def corpus_model(tiny_base, data_dir, tmp_path_factory) -> Path:
    """The tiny base fine-tuned for a few steps on a real corpus slice."""
    from banglaner.training.finetune import TrainConfig, train

    out = tmp_path_factory.mktemp("corpus-model")
    cfg = TrainConfig(
        base=str(tiny_base),
        corpora=["rifat-train"],
        epochs=2,
        limit=120,
        lr=3e-3,
        head_lr=3e-3,
        max_subwords=48,
    )
    train(cfg, data_dir, tmp_path_factory.mktemp("home"), out, quiet=True)
    return out
