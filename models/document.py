"""A document as the taggers see it, and mentions mapped back onto the text as sent.

Shared by every tagger (the transformer, the CRF baseline) so that all of them
normalise, split and report offsets the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.entity import Entity
from models.normalize import NormalizedText, normalize
from models.segment import Span, split_sentences, split_words
from models.spans import tidy_span


@dataclass(frozen=True, slots=True)
class DocumentWords:
    norm: NormalizedText
    # each sentence's span and its words, as offsets into norm.text
    sentences: list[tuple[Span, list[Span]]]


def segment_document(text: str) -> DocumentWords:
    norm = normalize(text)
    return DocumentWords(
        norm, [((s, e), split_words(norm.text, s, e)) for s, e in split_sentences(norm.text)]
    )


def entity_from_words(
    norm: NormalizedText, words: list[Span], first: int, last: int, label: str, score: float
) -> Entity | None:
    """The mention over ``words[first:last]``, on the text as sent, tidied per the guide."""
    start, end = norm.to_original(words[first][0], words[last - 1][1])
    start, end = tidy_span(norm.original, start, end)
    if start >= end:
        return None
    return Entity(start, end, norm.original[start:end], label, score)
