"""Run an extractor over annotated sentences and score it.

An extractor is anything that maps texts to entities: ``Pipeline.extract_many``
(what the service returns), ``Tagger.tag_many`` (the model alone), or the CRF
baseline's ``tag_many``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from eval.scorer import PRF, Key, strict_scores
from models.entity import Entity
from models.spans import tidy_span
from training.corpora.base import Sentence


def gold_keys(sentences: Sequence[Sentence]) -> list[Key]:
    """Gold mentions as keys; edge punctuation a corpus tokeniser glued on is trimmed."""
    keys: list[Key] = []
    for i, s in enumerate(sentences):
        for m in s.mentions:
            a, b = tidy_span(s.text, m.start, m.end)
            if a < b:
                keys.append((i, a, b, m.label))
    return keys


Extractor = Callable[[Sequence[str]], list[list[Entity]]]


def score_extractor(
    extract: Extractor, sentences: Sequence[Sentence], batch_docs: int = 256
) -> dict[str, PRF]:
    """Strict scores of ``extract`` on ``sentences`` (each one its own document)."""
    pred: list[Key] = []
    for lo in range(0, len(sentences), batch_docs):
        chunk = sentences[lo : lo + batch_docs]
        for k, ents in enumerate(extract([s.text for s in chunk])):
            pred.extend((lo + k, e.start, e.end, e.label) for e in ents)
    return strict_scores(gold_keys(sentences), pred)


def corpus_report(extract: Extractor, corpus: str, data_dir) -> str:
    """Markdown tables for ``corpus`` in its own labels and reconciled to ANNOTATION.md."""
    from eval.scorer import format_table
    from training.corpora import load_corpus
    from training.reconcile import ReconcileStats, reconcile

    own = load_corpus(corpus, data_dir)
    ours = [reconcile(s, ReconcileStats()) for s in own]
    return "\n\n".join(
        [
            format_table(f"{corpus}, the corpus's own labels", score_extractor(extract, own)),
            format_table(
                f"{corpus}, labels reconciled to ANNOTATION.md", score_extractor(extract, ours)
            ),
        ]
    )
