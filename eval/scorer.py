"""Entity-level scoring: strict (exact span and label) precision, recall and F1.

Mentions are compared as ``(doc, start, end, label)`` tuples, so any source
(CoNLL corpora, JSONL gold, service output) is scored the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from models.labels import LABELS, NAME_LABELS

Key = tuple[object, int, int, str]  # (doc id, start, end, label)


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.tp + self.fn,
        }


def strict_scores(gold: Iterable[Key], pred: Iterable[Key]) -> dict[str, PRF]:
    """Per-label scores plus ``micro`` (all four labels) and ``micro_names`` (PER/LOC/ORG)."""
    gold_set, pred_set = set(gold), set(pred)
    tp = Counter(k[3] for k in gold_set & pred_set)
    fp = Counter(k[3] for k in pred_set - gold_set)
    fn = Counter(k[3] for k in gold_set - pred_set)
    out = {lab: PRF(tp[lab], fp[lab], fn[lab]) for lab in LABELS}
    for name, labs in (("micro", LABELS), ("micro_names", NAME_LABELS)):
        out[name] = PRF(
            sum(tp[x] for x in labs), sum(fp[x] for x in labs), sum(fn[x] for x in labs)
        )
    return out


def format_table(title: str, scores: dict[str, PRF]) -> str:
    """A Markdown table: one row per label, then the two micro averages."""
    rows = [f"**{title}**", "", "| | P | R | F1 | support |", "|---|---|---|---|---|"]
    for key, name in [
        *((lab, lab) for lab in LABELS),
        ("micro_names", "micro PER/LOC/ORG"),
        ("micro", "micro with DATE"),
    ]:
        s = scores[key]
        rows.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp + s.fn} |")
    return "\n".join(rows)
