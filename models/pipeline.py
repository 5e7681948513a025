"""The Pipeline: the one object every front door (HTTP, CLI, spaCy, batch) calls.

normalise and segment once → tag (models.tagger) → DATE spans reconciled with
the date grammar and given ISO values (models.dates). Canonical IDs plug in
here as a further step without any front door changing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from models.dates.merge import merge_dates
from models.document import segment_document
from models.entity import Entity
from models.tagger import Tagger


class Pipeline:
    def __init__(self, tagger: Tagger, timezone: str = "Asia/Dhaka") -> None:
        self.tagger = tagger
        self.timezone = ZoneInfo(timezone)

    @classmethod
    def load(
        cls, model_dir: str | Path, device: str = "auto", timezone: str = "Asia/Dhaka"
    ) -> Pipeline:
        return cls(Tagger.load(model_dir, device=device), timezone)

    @property
    def name(self) -> str:
        return self.tagger.name

    @property
    def version(self) -> str:
        return self.tagger.version

    def document_date(self, doc_date: date | None) -> date:
        """The date relative dates resolve against: the given one, else today where the news is."""
        return doc_date or datetime.now(self.timezone).date()

    def extract(self, text: str, doc_date: date | None = None) -> list[Entity]:
        return self.extract_many([text], [doc_date])[0]

    def extract_many(
        self, texts: Sequence[str], doc_dates: Sequence[date | None] | None = None
    ) -> list[list[Entity]]:
        """Entities per text, offsets into each text exactly as given."""
        dates = list(doc_dates) if doc_dates is not None else [None] * len(texts)
        docs = [segment_document(t) for t in texts]
        tagged = self.tagger.tag_documents(docs)
        return [
            merge_dates(ents, doc.norm, self.document_date(d))
            for doc, ents, d in zip(docs, tagged, dates, strict=True)
        ]
