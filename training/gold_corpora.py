"""Corpora as gold documents: what ``banglaner eval`` scores when given a corpus name.

The corpora are read here (training owns the loaders and the reconciliation to
docs/annotation.md); eval only sees gold documents, so eval never imports training.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from banglaner.eval.gold import GoldDoc, gold_doc, read_gold_jsonl
from banglaner.eval.runner import Extractor, score_extractor
from banglaner.eval.scorer import format_table
from banglaner.training.corpora import Sentence, load_corpus
from banglaner.training.reconcile import ReconcileStats, reconcile


def as_gold(name: str, sentences: Sequence[Sentence]) -> list[GoldDoc]:
    """One gold document per sentence."""
    return [
        gold_doc(f"{name}:{i + 1}", s.text, ((m.start, m.end, m.label) for m in s.mentions))
        for i, s in enumerate(sentences)
    ]


def corpus_gold(name: str, data_dir: Path, own_labels: bool = False) -> list[GoldDoc]:
    """A test corpus's sentences, labels reconciled to docs/annotation.md unless ``own_labels``."""
    sentences = load_corpus(name, data_dir)
    if not own_labels:
        sentences = [reconcile(s, ReconcileStats()) for s in sentences]
    return as_gold(name, sentences)


def read_gold(source: str, data_dir: Path, split: str | None = None) -> tuple[str, list[GoldDoc]]:
    """A gold JSONL path, or a corpus name (``rifat-test``, ``multiconer-dev``: labels
    reconciled to docs/annotation.md; add ``:own`` for the corpus's own labels). Returns a
    display name and the documents."""
    path = Path(source)
    if path.suffix == ".jsonl" or path.is_file():
        title = path.name + (f" ({split} split)" if split else "")
        return title, read_gold_jsonl(path, split)
    name, _, variant = source.partition(":")
    own = variant == "own"
    title = f"{name} ({'own labels' if own else 'labels reconciled to docs/annotation.md'})"
    return title, corpus_gold(name, data_dir, own_labels=own)


def corpus_report(extract: Extractor, corpus: str, data_dir: Path) -> str:
    """Markdown tables for ``corpus`` in its own labels and reconciled to docs/annotation.md."""
    tables = []
    for own, what in (
        (True, "the corpus's own labels"),
        (False, "reconciled to docs/annotation.md"),
    ):
        scores = score_extractor(extract, corpus_gold(corpus, data_dir, own_labels=own))
        tables.append(format_table(f"{corpus}, {what}", scores))
    return "\n\n".join(tables)
