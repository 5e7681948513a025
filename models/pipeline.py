"""The Pipeline: the one object every front door (HTTP, CLI, spaCy, batch) calls.

Today: normalise → tag (models.tagger). Canonical IDs and DATE values plug in
here as further steps without any front door changing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from models.entity import Entity
from models.tagger import Tagger


class Pipeline:
    def __init__(self, tagger: Tagger) -> None:
        self.tagger = tagger

    @classmethod
    def load(cls, model_dir: str | Path, device: str = "auto") -> Pipeline:
        return cls(Tagger.load(model_dir, device=device))

    @property
    def name(self) -> str:
        return self.tagger.name

    @property
    def version(self) -> str:
        return self.tagger.version

    def extract(self, text: str, doc_date: date | None = None) -> list[Entity]:
        return self.extract_many([text], [doc_date])[0]

    def extract_many(
        self, texts: Sequence[str], doc_dates: Sequence[date | None] | None = None
    ) -> list[list[Entity]]:
        """Entities per text, offsets into each text exactly as given."""
        del doc_dates  # used by the DATE value resolver once it lands
        return self.tagger.tag_many(texts)
