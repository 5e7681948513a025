"""Integration-tier fixtures: the real corpora and the full knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from banglaner.models.settings import CoreSettings


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
