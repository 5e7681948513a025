"""banglaner as a spaCy pipeline component.

    nlp = spacy.blank("bn")
    nlp.add_pipe("banglaner")            # default model; or config={"model_dir": "..."}
    doc = nlp("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন …")
    [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    docs = list(nlp.pipe(texts, batch_size=64))  # texts share forward passes

The factory is registered through the ``spacy_factories`` entry point, so no
import is needed. A config field left null takes the library's setting
(models.settings: ``BANGLANER_*``, e.g. ``BANGLANER_RUNTIME``). Mentions
become ``doc.ents``; the canonical ID (when the linker provides one) is ``kb_id_``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from banglaner.models.entity import Entity
from banglaner.models.loading import load_pipeline
from banglaner.models.pipeline import Pipeline
from banglaner.models.settings import CoreSettings


def set_entities(doc: Doc, entities: Iterable[Entity]) -> Doc:
    """Mentions as ``doc.ents`` (widened to spaCy's tokens), canonical ID as ``kb_id_``."""
    spans: list[Span] = []
    for ent in entities:
        span = doc.char_span(
            ent.start, ent.end, label=ent.label, kb_id=ent.id or "", alignment_mode="expand"
        )
        if span is not None:
            spans.append(span)
    doc.ents = filter_spans(spans)
    return doc


class BanglanerComponent:
    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def __call__(self, doc: Doc) -> Doc:
        return set_entities(doc, self.pipeline.extract(doc.text))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """``nlp.pipe``: ``batch_size`` docs per ``extract_many`` call, so their sentences
        share the encoder's batches instead of one forward pass per text."""
        docs = iter(stream)
        while batch := list(islice(docs, batch_size)):
            found = self.pipeline.extract_many([d.text for d in batch])
            yield from (set_entities(d, ents) for d, ents in zip(batch, found, strict=True))


@Language.factory(
    "banglaner",
    default_config={"model_dir": None, "kb_path": None, "device": None, "runtime": None},
)
def make_banglaner(
    nlp: Language,
    name: str,
    model_dir: str | None,
    kb_path: str | None,
    device: str | None,
    runtime: str | None,
) -> BanglanerComponent:
    given = {"model_dir": model_dir, "kb_path": kb_path, "device": device, "runtime": runtime}
    update = {k: Path(v) if k.endswith(("_dir", "_path")) else v for k, v in given.items() if v}
    return BanglanerComponent(load_pipeline(CoreSettings().model_copy(update=update)))
