"""The Entity: the one contract between the tagger, the service, the batch job and eval."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class Entity:
    """A mention in the text exactly as received: ``text[start:end] == entity.text``.

    ``id``/``name``/``name_en`` are the canonical identity (filled by the linker), ``value``
    the ISO 8601 value of a DATE and its TimeML ``mod`` (filled by the date grammar).
    """

    start: int
    end: int
    text: str
    label: str
    score: float
    id: str | None = None
    name: str | None = None
    name_en: str | None = None
    value: str | None = None
    mod: str | None = None  # where in the period, or approximate: START/MID/END/APPROX
    note: str | None = None  # e.g. a weekday that disagrees with its date

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["score"] = round(self.score, 4)
        return d
