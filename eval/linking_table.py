"""Score the linker on a table of mention variants and look-alike pairs (tests/data/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from banglaner.eval.id_pairs import PairScores, pairwise_scores
from banglaner.models.linker import Linker


@dataclass(frozen=True)
class TableReport:
    pairs: PairScores  # over every pair of variant-table rows
    lookalikes: int
    lookalikes_split: int  # look-alike pairs that got two IDs, as they must
    errors: list[str]  # human-readable failures, for the report and test output

    def summary(self) -> str:
        p = self.pairs
        return (
            f"pairwise precision {p.precision:.3f} recall {p.recall:.3f} F1 {p.f1:.3f} "
            f"({p.correct_pairs}/{p.predicted_pairs} predicted, {p.true_pairs} true pairs); "
            f"look-alikes kept apart {self.lookalikes_split}/{self.lookalikes}"
        )


def read_table(path: Path) -> list[list[str]]:
    """The rows of a tab-separated table, comments and blank lines skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


def score_table(linker: Linker, variants: Path, lookalikes: Path) -> TableReport:
    rows = read_table(variants)
    ids = [linker.identify(mention, label).id for _, label, mention in rows]
    gold = [entity for entity, _, _ in rows]
    errors: list[str] = []
    first_id: dict[str, str] = {}
    owner: dict[str, str] = {}
    for (entity, _, mention), got in zip(rows, ids, strict=True):
        if first_id.setdefault(entity, got) != got:
            errors.append(f"split: {mention} → {got}, other {entity} mentions → {first_id[entity]}")
        if owner.setdefault(got, entity) != entity:
            errors.append(f"merged: {mention} ({entity}) and {owner[got]} → {got}")
    pairs = read_table(lookalikes)
    split = 0
    for label_a, a, label_b, b in pairs:
        id_a, id_b = linker.identify(a, label_a).id, linker.identify(b, label_b).id
        if id_a != id_b:
            split += 1
        else:
            errors.append(f"look-alikes merged: {a} / {b} → {id_a}")
    # look-alike pairs count as predicted pairs too: a merge there costs precision
    base = pairwise_scores(gold, ids)
    merged = len(pairs) - split
    predicted = base.predicted_pairs + merged
    precision = base.correct_pairs / predicted if predicted else 1.0
    f1 = 2 * precision * base.recall / (precision + base.recall) if precision + base.recall else 0.0
    scores = PairScores(precision, base.recall, f1, base.true_pairs, predicted, base.correct_pairs)
    return TableReport(scores, len(pairs), split, errors)
