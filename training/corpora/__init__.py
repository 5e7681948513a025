"""Corpus registry: every training/evaluation corpus by name, all loaded to ``Sentence``.

Paths are relative to the data directory (setting ``BANGLANER_DATA_DIR``,
default ``../shared/data``), except ``real-train``'s, which ships with the code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from banglaner.models.errors import BanglanerError
from banglaner.training.corpora import banglakit, jsonl, karim, multiconer, neon, rifat
from banglaner.training.corpora.base import Mention, Sentence
from banglaner.training.corpora.held_out import held_out_raw, held_out_texts

__all__ = [
    "CORPORA",
    "DEV_PERCENT",
    "REAL_TRAIN",
    "CorpusError",
    "Mention",
    "Sentence",
    "is_dev",
    "load_corpus",
]

DEV_PERCENT = 8  # of each training corpus held out for model selection and tuning
# Real text annotated by hand to docs/annotation.md as training data (training/data/SOURCE.md):
# shipped with the code, so its path is absolute, not under the data directory.
REAL_TRAIN = Path(__file__).resolve().parents[1] / "data" / "real-train.jsonl"


def is_dev(text: str, percent: int = DEV_PERCENT) -> bool:
    """Whether a training sentence is in the dev split (by a hash of its text: stable)."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) % 100 < percent


class CorpusError(BanglanerError):
    """A corpus is missing or unknown."""


def _rifat_test_dedup(data_dir: Path) -> list[Sentence]:
    """Rifat test without the sentences that also occur in Rifat train (81 of 1,950)."""
    train = {s.text for s in rifat.load(data_dir / "ner/rifat/train_data.txt")}
    test = rifat.load(data_dir / "ner/rifat/test_data.txt", source="rifat-test")
    return [s for s in test if s.text not in train]


def _rifat_dev(data_dir: Path) -> list[Sentence]:
    """The dev split of Rifat train: never trained on, what the linker is tuned on."""
    train = rifat.load(data_dir / "ner/rifat/train_data.txt", source="rifat-dev")
    return [s for s in train if is_dev(s.text)]


def _multiconer_train(data_dir: Path) -> list[Sentence]:
    """MultiCoNER II train without the rows that repeat a dev sentence (82 of 9,708 rows, 45
    of dev's 507 sentences): we score on dev, under its labels and under ours
    (eval/gold/multiconer.jsonl)."""
    folder = data_dir / "ner/multiconer2-bn"
    dev = {s.text for s in multiconer.load(folder / "bn-dev.conll")}
    return [s for s in multiconer.load(folder / "bn-train.conll") if s.text not in dev]


CORPORA: dict[str, tuple[str, Callable[[Path], list[Sentence]]]] = {
    "rifat-train": (
        "ner/rifat/train_data.txt",
        lambda d: rifat.load(d / "ner/rifat/train_data.txt"),
    ),
    "rifat-dev": ("ner/rifat/train_data.txt", _rifat_dev),
    "rifat-test": ("ner/rifat/test_data.txt", _rifat_test_dedup),
    "banglakit": (
        "ner/banglakit/main.jsonl",
        lambda d: banglakit.load(d / "ner/banglakit/main.jsonl")[0],
    ),
    "multiconer-train": ("ner/multiconer2-bn/bn-train.conll", _multiconer_train),
    "multiconer-dev": (
        "ner/multiconer2-bn/bn-dev.conll",
        lambda d: multiconer.load(d / "ner/multiconer2-bn/bn-dev.conll", source="multiconer-dev"),
    ),
    "neon": (
        "ner/neon-headlines/label_data.txt",
        lambda d: neon.load(d / "ner/neon-headlines/label_data.txt", held_out=held_out_texts()),
    ),
    "real-train": (
        str(REAL_TRAIN),
        lambda d: [s for s in jsonl.load(REAL_TRAIN) if s.text not in held_out_texts()],
    ),
    "karim-train": (
        "ner/karim2019/train.jsonl",
        lambda d: karim.load(d / "ner/karim2019/train.jsonl", held_out=held_out_raw()),
    ),
}


def load_corpus(name: str, data_dir: Path) -> list[Sentence]:
    """Load a registered corpus (or a gold-format ``.jsonl`` file of your own), with a clear
    error when the data is not where expected."""
    if name.endswith(".jsonl"):
        if not Path(name).is_file():
            raise CorpusError.of("E202", name=name, path=Path(name).resolve())
        return jsonl.load(Path(name))
    if name not in CORPORA:
        raise CorpusError.of("E201", name=name, choices=", ".join(CORPORA))
    rel, loader = CORPORA[name]
    if not (data_dir / rel).is_file():
        raise CorpusError.of("E202", name=name, path=data_dir / rel)
    return loader(data_dir)
