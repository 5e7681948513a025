"""A document as the taggers see it, and mentions mapped back onto the text as sent.

Shared by every tagger (the transformer, the CRF baseline) so that all of them
normalise, split and report offsets the same way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from models.entity import Entity
from models.normalize import NormalizedText, normalize
from models.segment import Span, split_sentences, split_words_many
from models.spans import tidy_span


@dataclass(frozen=True, slots=True)
class DocumentWords:
    norm: NormalizedText
    # each sentence's span and its words, as offsets into norm.text
    sentences: list[tuple[Span, list[Span]]]


def segment_document(text: str) -> DocumentWords:
    return segment_documents([text])[0]


def segment_documents(texts: Sequence[str]) -> list[DocumentWords]:
    """Each text normalised and cut into sentences and words."""
    return segment_normalized([normalize(t) for t in texts])


def segment_normalized(norms: Sequence[NormalizedText]) -> list[DocumentWords]:
    """Normalised texts cut into sentences and words; the words of all texts found at once
    (models.segment.split_words_many). No word crosses a sentence's edge (an edge follows a
    punctuation mark or a line break), so each sentence takes the words that start in it."""
    docs = []
    for norm, words in zip(norms, split_words_many([n.text for n in norms]), strict=True):
        starts = [s for s, _ in words]
        docs.append(
            DocumentWords(
                norm,
                [
                    ((s, e), words[bisect_left(starts, s) : bisect_left(starts, e)])
                    for s, e in split_sentences(norm.text)
                ],
            )
        )
    return docs


def entity_from_words(
    norm: NormalizedText, words: list[Span], first: int, last: int, label: str, score: float
) -> Entity | None:
    """The mention over ``words[first:last]``, on the text as sent, tidied per the guide."""
    start, end = norm.to_original(words[first][0], words[last - 1][1])
    start, end = tidy_span(norm.original, start, end)
    if start >= end:
        return None
    return Entity(start, end, norm.original[start:end], label, score)
