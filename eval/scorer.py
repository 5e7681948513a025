"""Entity-level scoring: strict (exact span and label) and partial (overlap and label)
precision, recall and F1, and the label confusion over overlapping mentions.

Mentions are compared as ``(doc, start, end, label)`` tuples, so any source
(CoNLL corpora, JSONL gold, service output) is scored the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from banglaner.models.labels import LABELS, NAME_LABELS

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
    return _scores_from_counts(
        Counter(k[3] for k in gold_set & pred_set),
        Counter(k[3] for k in pred_set - gold_set),
        Counter(k[3] for k in gold_set - pred_set),
    )


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


def format_columns(title: str, systems: dict[str, dict[str, PRF]]) -> str:
    """A Markdown table of names scores, one column per system: F1 per name label, then the
    PER/LOC/ORG micro P / R / F1."""
    rows = [f"**{title}**", "", f"| | {' | '.join(systems)} |", "|---" * (len(systems) + 1) + "|"]
    for lab in NAME_LABELS:
        rows.append(
            f"| {lab} F1 | " + " | ".join(f"{s[lab].f1:.3f}" for s in systems.values()) + " |"
        )
    rows.append(
        "| micro PER/LOC/ORG (P / R / F1) | "
        + " | ".join(
            f"{m.precision:.3f} / {m.recall:.3f} / **{m.f1:.3f}**"
            for m in (s["micro_names"] for s in systems.values())
        )
        + " |"
    )
    return "\n".join(rows)


MISSED, SPURIOUS = "(missed)", "(spurious)"


def _overlap(a: Key, b: Key) -> int:
    return max(0, min(a[2], b[2]) - max(a[1], b[1]))


def align(
    gold: Iterable[Key], pred: Iterable[Key], same_label: bool
) -> list[tuple[Key | None, Key | None]]:
    """One-to-one pairs of overlapping mentions (largest overlap first), then the
    unpaired gold ``(g, None)`` and unpaired predictions ``(None, p)``."""
    by_doc: dict[object, tuple[list[Key], list[Key]]] = {}
    for k in set(gold):
        by_doc.setdefault(k[0], ([], []))[0].append(k)
    for k in set(pred):
        by_doc.setdefault(k[0], ([], []))[1].append(k)
    out: list[tuple[Key | None, Key | None]] = []
    for gs, ps in by_doc.values():
        candidates = sorted(
            (
                (-_overlap(g, p), g[1:], p[1:], g, p)
                for g in gs
                for p in ps
                if _overlap(g, p) and (not same_label or g[3] == p[3])
            ),
            key=lambda c: c[:3],
        )
        used_g: set[Key] = set()
        used_p: set[Key] = set()
        for *_, g, p in candidates:
            if g not in used_g and p not in used_p:
                used_g.add(g)
                used_p.add(p)
                out.append((g, p))
        out.extend((g, None) for g in sorted(gs, key=lambda k: k[1:]) if g not in used_g)
        out.extend((None, p) for p in sorted(ps, key=lambda k: k[1:]) if p not in used_p)
    return out


def _scores_from_counts(tp: Counter, fp: Counter, fn: Counter) -> dict[str, PRF]:
    out = {lab: PRF(tp[lab], fp[lab], fn[lab]) for lab in LABELS}
    for name, labs in (("micro", LABELS), ("micro_names", NAME_LABELS)):
        out[name] = PRF(
            sum(tp[x] for x in labs), sum(fp[x] for x in labs), sum(fn[x] for x in labs)
        )
    return out


def partial_scores(gold: Iterable[Key], pred: Iterable[Key]) -> dict[str, PRF]:
    """Like ``strict_scores``, but a prediction overlapping a gold mention of its
    label counts as found (each mention used once)."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in align(gold, pred, same_label=True):
        if g is not None and p is not None:
            tp[g[3]] += 1
        elif g is not None:
            fn[g[3]] += 1
        elif p is not None:
            fp[p[3]] += 1
    return _scores_from_counts(tp, fp, fn)


def confusion(gold: Iterable[Key], pred: Iterable[Key]) -> Counter:
    """``(gold label, predicted label)`` counts over overlapping pairs; a gold mention
    nothing overlaps is ``(label, MISSED)``, a prediction overlapping nothing
    ``(SPURIOUS, label)``."""
    out: Counter = Counter()
    for g, p in align(gold, pred, same_label=False):
        out[(g[3] if g else SPURIOUS, p[3] if p else MISSED)] += 1
    return out
