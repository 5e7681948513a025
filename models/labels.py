"""The label set of docs/annotation.md and its BIO tag inventory."""

from __future__ import annotations

from typing import Literal, get_args

Label = Literal["PER", "LOC", "ORG", "DATE"]  # the response schema's type
LABELS: tuple[str, ...] = get_args(Label)
NAME_LABELS: tuple[str, ...] = LABELS[:3]
# Labels one entity may carry across mentions: a country standing for its government is
# tagged ORG and is still the country; a place and a body may share a name, a person not.
COMPATIBLE_LABELS: dict[str, tuple[str, ...]] = {
    "PER": ("PER",),
    "LOC": ("LOC", "ORG"),
    "ORG": ("ORG", "LOC"),
}


def bio_tags(labels: tuple[str, ...] = LABELS) -> tuple[str, ...]:
    """The BIO tag list for ``labels``, ``O`` first (index 0 is always outside)."""
    return ("O", *(f"{p}-{lab}" for lab in labels for p in ("B", "I")))
