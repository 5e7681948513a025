"""The label set of docs/annotation.md and its BIO tag inventory."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG", "DATE")
NAME_LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")


def bio_tags(labels: tuple[str, ...] = LABELS) -> tuple[str, ...]:
    """The BIO tag list for ``labels``, ``O`` first (index 0 is always outside)."""
    return ("O", *(f"{p}-{lab}" for lab in labels for p in ("B", "I")))
