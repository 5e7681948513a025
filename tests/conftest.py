"""Shared fixtures: the data dir, and a tiny model trained by our own training code."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.settings import get_settings

PARAGRAPH = (
    "রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন গতকাল বুধবার ভস্তোচনি কসমোড্রোমে উত্তর কোরিয়ার নেতা "
    "কিম জং-উনের সঙ্গে বৈঠক করেছেন। বার্তা সংস্থা রয়টার্স জানায়, ১৩ সেপ্টেম্বর, ২০২৩ তারিখে "
    "এই বৈঠক হয়। ঢাকায় বাংলাদেশ ব্যাংকের গভর্নর বলেন, শেখ হাসিনা আগামী সপ্তাহে দিল্লি যাবেন।"
)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    assert (path / "ner").is_dir(), f"corpora not found at {path}; set BANGLANER_DATA_DIR"
    return path


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    """A randomly initialised 2-layer BERT with the Bengali part of the XLM-R vocabulary."""
    from tests.tiny import make_tiny_bert

    return make_tiny_bert(tmp_path_factory.mktemp("tiny-base"))


@pytest.fixture(scope="session")
def tiny_model(tiny_base, data_dir, tmp_path_factory) -> Path:
    """The tiny base fine-tuned for a few steps by training.finetune on real corpus slices."""
    from training.finetune import TrainConfig, train

    out = tmp_path_factory.mktemp("tiny-model")
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


@pytest.fixture(scope="session")
def kb_path(data_dir, tmp_path_factory) -> Path:
    """The knowledge base built from the real sources (seconds), in a temp dir."""
    from models.kb.store import build_kb

    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    build_kb(data_dir, path)
    return path


@pytest.fixture(scope="session")
def linker(kb_path):
    from models.kb.store import KnowledgeBase
    from models.linker import Linker

    return Linker(KnowledgeBase.open(kb_path))
