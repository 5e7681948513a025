"""Pairwise scoring of canonical IDs: do mentions of one entity share an ID, and only they?

Over all pairs of mentions: a pair is *gold-same* when both name one entity
and *predicted-same* when both got one ID. Precision = gold-same among
predicted-same, recall = predicted-same among gold-same (the B-cubed-free,
pair-counting view the linking literature calls pairwise P/R).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    true_pairs: int  # gold-same pairs
    predicted_pairs: int  # predicted-same pairs
    correct_pairs: int  # both


def _pairs(counts: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pairwise_scores(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> PairScores:
    """``gold[i]`` is mention i's entity, ``predicted[i]`` its ID (one list entry per mention)."""
    if len(gold) != len(predicted):
        raise ValueError("one gold entity and one predicted ID per mention")
    true_pairs = _pairs(Counter(gold))
    predicted_pairs = _pairs(Counter(predicted))
    correct = _pairs(Counter(zip(gold, predicted, strict=True)))
    p = correct / predicted_pairs if predicted_pairs else 1.0
    r = correct / true_pairs if true_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PairScores(p, r, f, true_pairs, predicted_pairs, correct)
