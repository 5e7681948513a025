"""The steps after the tagger: an ordered list of named steps over one document.

spaCy runs a pipeline of named components, and a transformers pipeline keeps its
postprocess apart from the model; here the tagger's mentions go through :data:`STEPS` in
order. Each step reads the document and the mentions so far and returns new mentions,
never changing those it was given, so any step can be switched off by name
(``Pipeline.without("split")``, ``banglaner eval --without split``) and the eval report
can show what each adds (docs/ablation.md). Dates first (models.dates), then span repair
against the KB (models.linking.spans), the joint decision on label and ID (models.linker),
and document consistency (models.linking.context).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from banglaner.models.dates.merge import merge_dates
from banglaner.models.entity import Entity
from banglaner.models.errors import ConfigError
from banglaner.models.labels import NAME_LABELS
from banglaner.models.linking.spans import SpanRepair
from banglaner.models.normalize import NormalizedText

if TYPE_CHECKING:
    from banglaner.models.linker import Linker
    from banglaner.models.linking.context import Decision


@dataclass(frozen=True, slots=True)
class Document:
    """What the steps read besides the mentions: the text (``norm.original``, which
    offsets index) and the date relative dates resolve against (the dates step's)."""

    norm: NormalizedText
    date: date | None = None

    @property
    def text(self) -> str:
        return self.norm.original


@dataclass(frozen=True, slots=True)
class Mentions:
    """What passes from step to step: the mentions, and how each name's ID was decided
    (from the ``link`` step on)."""

    entities: tuple[Entity, ...]
    decisions: tuple[Decision, ...] = ()


StepRun = Callable[[Document, Mentions, "Linker | None"], Mentions]


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    what: str  # one line for `banglaner eval --help` and docs/ablation.md
    run: StepRun
    needs_kb: bool = True  # run only where the pipeline has a knowledge base


def _dates(doc: Document, m: Mentions, linker: Linker | None) -> Mentions:
    if doc.date is None:
        raise ValueError("the dates step needs the document's date")
    return Mentions(tuple(merge_dates(list(m.entities), doc.norm, doc.date)), m.decisions)


def _kb(linker: Linker | None) -> Linker:
    if linker is None:
        raise ValueError("a knowledge-base step needs the linker")
    return linker


def _repair(rule: Callable[[SpanRepair, list[Entity], str], list[Entity]]) -> StepRun:
    """A span repair rule of models.linking.spans.SpanRepair as a step."""

    def run(doc: Document, m: Mentions, linker: Linker | None) -> Mentions:
        return Mentions(tuple(rule(_kb(linker).spans, list(m.entities), doc.text)))

    return run


def _link(doc: Document, m: Mentions, linker: Linker | None) -> Mentions:
    decisions = _kb(linker).decide(m.entities, doc.text)
    others = [e for e in m.entities if e.label not in NAME_LABELS]
    return Mentions(_in_order(others, [d.ent for d in decisions]), tuple(decisions))


def _context(doc: Document, m: Mentions, linker: Linker | None) -> Mentions:
    if not m.decisions:  # nothing decided (the link step is off): nothing to lend
        return m
    return Mentions(tuple(_kb(linker).in_context(m.decisions, m.entities, doc.text)))


def _in_order(*groups: Iterable[Entity]) -> tuple[Entity, ...]:
    return tuple(sorted((e for g in groups for e in g), key=lambda e: e.start))


DATES = Step(
    "dates", "DATE spans reconciled with the date grammar, ISO values given", _dates, False
)
LINKER_STEPS: tuple[Step, ...] = (
    Step(
        "drop",
        "words never a name alone, or unsure common words, dropped",
        _repair(SpanRepair.drop),
    ),
    Step("split", "two names written together split (ভারত-পাকিস্তান)", _repair(SpanRepair.split)),
    Step(
        "trim", "a KB name less common words around it; a place less জেলা", _repair(SpanRepair.trim)
    ),
    Step("titles", "titles and honorifics opening a person left out", _repair(SpanRepair.untitle)),
    Step(
        "join", "parts of one KB name joined; a place takes its type word", _repair(SpanRepair.join)
    ),
    Step("add", "trusted KB names the tagger missed added", _repair(SpanRepair.add)),
    Step("link", "the joint decision: the KB's label where it knows better, then the ID", _link),
    Step("context", "one ID per entity in a document: short names, acronyms, repeats", _context),
)
STEPS: tuple[Step, ...] = (DATES, *LINKER_STEPS)
STEP_NAMES = tuple(s.name for s in STEPS)


def without(steps: Sequence[Step], names: Iterable[str]) -> tuple[Step, ...]:
    """``steps`` less those named; an unknown name is an error that lists the known ones."""
    off = set(names)
    if unknown := off - set(STEP_NAMES):
        raise ConfigError.of("E120", names=", ".join(sorted(unknown)), known=", ".join(STEP_NAMES))
    return tuple(s for s in steps if s.name not in off)


def run_steps(
    steps: Sequence[Step], doc: Document, entities: Sequence[Entity], linker: Linker | None
) -> list[Entity]:
    """The tagger's mentions through ``steps`` in order (the KB's steps only with a linker),
    in text order."""
    m = Mentions(tuple(entities))
    for step in steps:
        if linker is not None or not step.needs_kb:
            m = step.run(doc, m, linker)
    return sorted(m.entities, key=lambda e: (e.start, e.end))
