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


@dataclass(frozen=True)
class Fragmentation:
    """How one entity's mentions spread over IDs, and how IDs mix entities."""

    entities: int  # gold entities with at least one scored mention
    ids_per_entity: float  # mean distinct IDs per gold entity (ideal 1.00)
    split_share: float  # share of gold entities whose mentions got more than one ID
    ids: int  # distinct predicted IDs
    purity: float  # share of IDs whose mentions all name one gold entity (ideal 1.00)
    mixed_ids: int  # IDs given to mentions of two or more gold entities


def fragmentation(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> Fragmentation:
    """Same inputs as :func:`pairwise_scores`: one gold entity and one ID per mention."""
    ids_of: dict[Hashable, set[Hashable]] = {}
    entities_of: dict[Hashable, set[Hashable]] = {}
    for g, p in zip(gold, predicted, strict=True):
        ids_of.setdefault(g, set()).add(p)
        entities_of.setdefault(p, set()).add(g)
    spreads = [len(ids) for ids in ids_of.values()]
    mixed = sum(1 for ents in entities_of.values() if len(ents) > 1)
    return Fragmentation(
        entities=len(spreads),
        ids_per_entity=sum(spreads) / len(spreads) if spreads else 1.0,
        split_share=sum(1 for n in spreads if n > 1) / len(spreads) if spreads else 0.0,
        ids=len(entities_of),
        purity=1 - mixed / len(entities_of) if entities_of else 1.0,
        mixed_ids=mixed,
    )
