"""Reconcile the tagger's DATE mentions with the date grammar's.

* a grammar match overlapping a model DATE replaces it (the grammar extends or
  corrects the span, and brings the value);
* a confident model DATE that the grammar does not know stays, value null;
* a grammar match the model missed is added, unless it overlaps a name that reaches
  outside it (`মে` in a name stays a name); a "name" made only of the match's words
  (`আজ` tagged PER) is a date.
"""

from __future__ import annotations

from datetime import date

from banglaner.models.dates.context import resolve_all
from banglaner.models.dates.grammar import find_dates
from banglaner.models.entity import Entity
from banglaner.models.normalize import NormalizedText

GRAMMAR_SCORE = 0.9  # confidence given to a date only the grammar found
MODEL_ONLY_MIN_SCORE = 0.6  # a model DATE with no grammar match needs at least this


def _overlaps(a_start: int, a_end: int, b: Entity) -> bool:
    return a_start < b.end and b.start < a_end


def merge_dates(entities: list[Entity], norm: NormalizedText, doc_date: date) -> list[Entity]:
    """``entities`` (offsets on ``norm.original``) with DATE mentions reconciled and valued."""
    text = norm.original
    grammar: list[Entity] = []
    matches = find_dates(norm.text)
    for m, resolved in zip(matches, resolve_all(norm.text, matches, doc_date), strict=True):
        start, end = norm.to_original(m.start, m.end)
        grammar.append(
            Entity(
                start,
                end,
                text[start:end],
                "DATE",
                GRAMMAR_SCORE,
                value=resolved.value,
                mod=resolved.mod,
                note=resolved.note,
            )
        )
    names = [
        e
        for e in entities
        if e.label != "DATE" and not any(g.start <= e.start and e.end <= g.end for g in grammar)
    ]
    out = list(names)
    claimed: set[int] = set()
    for model_date in (e for e in entities if e.label == "DATE"):
        hits = [i for i, g in enumerate(grammar) if _overlaps(g.start, g.end, model_date)]
        for i in hits:
            if i not in claimed:
                claimed.add(i)
                grammar[i].score = max(model_date.score, GRAMMAR_SCORE)
                out.append(grammar[i])
        if not hits and model_date.score >= MODEL_ONLY_MIN_SCORE:
            out.append(model_date)
    for i, g in enumerate(grammar):
        if i not in claimed and not any(_overlaps(g.start, g.end, n) for n in names):
            out.append(g)
    return sorted(out, key=lambda e: (e.start, e.end))
