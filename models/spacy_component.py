"""banglaner as a spaCy pipeline component.

    nlp = spacy.blank("bn")
    nlp.add_pipe("banglaner")            # default model; or config={"model_dir": "..."}
    doc = nlp("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন …")
    [(e.text, e.label_, e.kb_id_) for e in doc.ents]

The factory is registered through the ``spacy_factories`` entry point, so no
import is needed. Mentions become ``doc.ents``; the canonical ID (when the
linker provides one) is ``kb_id_``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from models.entity import Entity
from models.pipeline import Pipeline


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


@Language.factory("banglaner", default_config={"model_dir": None, "device": "auto"})
def make_banglaner(
    nlp: Language, name: str, model_dir: str | None, device: str
) -> BanglanerComponent:
    from service.loading import load_pipeline
    from service.settings import get_settings

    settings = get_settings().model_copy(update={"device": device})
    return BanglanerComponent(load_pipeline(settings, Path(model_dir) if model_dir else None))
