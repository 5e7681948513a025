"""A document as the taggers see it, and mentions mapped back onto the text as sent.

Shared by every tagger (the transformer, the CRF baseline) so that all of them
normalise, split and report offsets the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from banglaner.models.batching import in_texts, join_texts, split_flat
from banglaner.models.entity import Entity
from banglaner.models.normalize import NormalizedText, normalize
from banglaner.models.segment import Span, sentence_cuts, word_bounds
from banglaner.models.spans import tidy_span


@dataclass(slots=True)  # not frozen: that costs 1 µs more per object, one per text
class DocumentWords:
    """A normalised text cut into sentences and words, as arrays of offsets into
    ``norm.text`` (the tagger reads a batch's words without a Python object per word)."""

    norm: NormalizedText
    words: np.ndarray  # (words, 2) start and end of each word, one sentence after the other
    sentence_spans: np.ndarray  # (sentences, 2)
    sentence_words: np.ndarray  # (sentences,) how many of the words each sentence holds

    @property
    def sentences(self) -> list[tuple[Span, list[Span]]]:
        """Each sentence's span and its words' spans, as tuples."""
        words = split_flat(list(map(tuple, self.words.tolist())), self.sentence_words)
        return list(zip(map(tuple, self.sentence_spans.tolist()), words, strict=True))


def segment_document(text: str) -> DocumentWords:
    return segment_documents([text])[0]


def segment_documents(texts: Sequence[str]) -> list[DocumentWords]:
    """Each text normalised and cut into sentences and words."""
    return segment_normalized([normalize(t) for t in texts])


def segment_normalized(norms: Sequence[NormalizedText]) -> list[DocumentWords]:
    """Normalised texts cut into sentences and words, all texts at once in their joined text.
    A sentence is the words between two cuts (models.segment.sentence_cuts, and where each
    text starts), from its first word's start to its last word's end: what is left of the
    stretch between the cuts once the spaces at its edges are trimmed, as every character
    but a space is in a word (and normalised text has no spaces but " " and "\\n"). No
    word crosses a cut: a cut follows a punctuation mark or a line break."""
    if not norms:
        return []
    joined, text_starts = join_texts([n.text for n in norms])
    starts, ends = word_bounds(joined)
    cuts = np.union1d(np.array(sentence_cuts(joined), dtype=np.int64), text_starts)
    between = np.searchsorted(cuts, starts, side="right")  # the same for a sentence's words
    first = np.flatnonzero(np.diff(between, prepend=-1))  # each sentence's first word
    n_words = np.diff(np.append(first, len(starts)))
    text_of, _ = in_texts(starts[first], text_starts)
    shift = np.repeat(text_starts[text_of], n_words)
    words = np.stack((starts - shift, ends - shift), axis=1)
    spans = np.stack((words[first, 0], words[first + n_words - 1, 1]), axis=1)
    per_text = np.bincount(text_of, minlength=len(norms))
    words_per_text = np.bincount(text_of, weights=n_words, minlength=len(norms)).astype(np.int64)
    return [
        DocumentWords(norm, w, s, n)
        for norm, w, s, n in zip(
            norms,
            split_flat(words, words_per_text),
            split_flat(spans, per_text),
            split_flat(n_words, per_text),
            strict=True,
        )
    ]


def entity_from_words(
    norm: NormalizedText, words: list[Span], first: int, last: int, label: str, score: float
) -> Entity | None:
    """The mention over ``words[first:last]``, on the text as sent, tidied per the guide."""
    return entity_at(norm, words[first][0], words[last - 1][1], label, score)


def entity_at(
    norm: NormalizedText, start: int, end: int, label: str, score: float
) -> Entity | None:
    """The mention over ``norm.text[start:end]``, on the text as sent, tidied per the guide."""
    start, end = norm.to_original(start, end)
    start, end = tidy_span(norm.original, start, end)
    if start >= end:
        return None
    return Entity(start, end, norm.original[start:end], label, score)
