"""The Pipeline: the one object every front door (HTTP, CLI, spaCy, batch) calls.

normalise and segment once → tag (models.tagger) → the named steps of models.steps:
DATE spans reconciled with the date grammar and given ISO values (models.dates), spans
repaired, and canonical IDs given by the linker (models.linker, over models.kb).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import islice, repeat
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from banglaner.models.document import DocumentWords, segment_documents
from banglaner.models.encoders import RuntimeChoice
from banglaner.models.entity import Entity
from banglaner.models.kb.store import KnowledgeBase
from banglaner.models.linker import Linker
from banglaner.models.settings import NEWS_TIMEZONE
from banglaner.models.steps import STEPS, Document, Step, run_steps, without
from banglaner.models.tagger import Tagger


class DocumentTagger(Protocol):
    """What the pipeline needs of a tagger: models.tagger.Tagger, or a baseline's."""

    name: str
    version: str

    def tag_documents(self, docs: Sequence[DocumentWords]) -> list[list[Entity]]: ...


class Pipeline:
    def __init__(
        self,
        tagger: DocumentTagger,
        linker: Linker | None = None,
        timezone: str = NEWS_TIMEZONE,
        steps: Sequence[Step] = STEPS,
    ) -> None:
        self.tagger = tagger
        self.linker = linker  # None: mentions come back without canonical IDs
        self.timezone = ZoneInfo(timezone)
        self.steps = tuple(steps)

    def without(self, *names: str) -> Pipeline:
        """This pipeline less the post-tagger steps named (models.steps), for ablation:
        the tagger and KB are shared, not copied."""
        return Pipeline(self.tagger, self.linker, self.timezone.key, without(self.steps, names))

    @property
    def step_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.steps)

    @classmethod
    def load(
        cls,
        model_dir: str | Path,
        device: str = "auto",
        timezone: str = NEWS_TIMEZONE,
        kb_path: str | Path | None = None,
        runtime: str = "auto",
    ) -> Pipeline:
        kb = KnowledgeBase.open(Path(kb_path)) if kb_path is not None else None
        tagger = Tagger.load(model_dir, device=device, runtime=runtime, kb=kb)
        return cls(tagger, Linker(kb) if kb is not None else None, timezone)

    @property
    def name(self) -> str:
        return self.tagger.name

    @property
    def version(self) -> str:
        return self.tagger.version

    @property
    def runtime(self) -> RuntimeChoice | None:
        """The encoder runtime and why it was chosen (a baseline tagger has none)."""
        return getattr(self.tagger, "runtime", None)

    def document_date(self, doc_date: date | None) -> date:
        """The date relative dates resolve against: the given one, else today where the news is."""
        return doc_date or datetime.now(self.timezone).date()

    def __call__(self, text: str, date: date | None = None) -> list[Entity]:
        """``nlp(text, date=...)``: the entities of one text (``date`` resolves relative dates)."""
        return self.extract(text, date)

    def pipe(
        self,
        texts: Iterable[str],
        batch_size: int = 64,
        dates: Iterable[date | None] | None = None,
    ) -> Iterator[list[Entity]]:
        """Entities per text, lazily, ``batch_size`` texts per call so their sentences share
        the encoder's batches; a text's entities do not depend on its batch."""
        pairs = zip(texts, repeat(None)) if dates is None else zip(texts, dates, strict=True)
        while batch := list(islice(pairs, batch_size)):
            yield from self.extract_many([t for t, _ in batch], [d for _, d in batch])

    def extract(self, text: str, doc_date: date | None = None) -> list[Entity]:
        return self.extract_many([text], [doc_date])[0]

    def extract_many(
        self, texts: Sequence[str], doc_dates: Sequence[date | None] | None = None
    ) -> list[list[Entity]]:
        """Entities per text, offsets into each text exactly as given."""
        dates = list(doc_dates) if doc_dates is not None else [None] * len(texts)
        linker = self.linker  # one KB for the whole call, even if a reload swaps it meanwhile
        docs = segment_documents(texts)
        tagged = self.tagger.tag_documents(docs)
        return [
            run_steps(self.steps, Document(doc.norm, self.document_date(d)), ents, linker)
            for doc, ents, d in zip(docs, tagged, dates, strict=True)
        ]
