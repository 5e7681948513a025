"""Words → subword windows, identical in training and at inference.

A sentence is tokenised as the running text it is (so SentencePiece sees the
same strings in both), then every word is tied to its first subword, the one
that carries its label. A sentence longer than the encoder's window is cut
into overlapping windows of whole words; each word is later read from the
window where it sits furthest from an edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from banglaner.models.batching import starts_of
from banglaner.models.segment import Span
from banglaner.models.subwords import tokenise

if TYPE_CHECKING:
    from transformers.tokenization_utils_base import PreTrainedTokenizerBase


@dataclass(frozen=True, slots=True)
class Window:
    """Encoder input for words ``first_word .. first_word + len(word_heads)`` of a sentence.

    ``word_heads[k]`` is the position in ``input_ids`` of word ``first_word + k``'s first
    subword, or -1 when that word shares a subword with the word before it.
    """

    input_ids: list[int]
    first_word: int
    word_heads: list[int]
    features: list[int] | None = None  # gazetteer bits per position (models.gazetteer)
    first_subword: int = 0  # input_ids[1]'s place among the sentence's subwords


def word_heads(offsets: np.ndarray, words: Sequence[Span]) -> list[int]:
    """Each word's first subword, from the subwords' (start, end) offsets (-1: the word shares
    its first subword with the word before). One sentence of :func:`word_heads_many`."""
    spans = np.array(words, dtype=np.int64).reshape(-1, 2)
    offsets = offsets.reshape(-1, 2)
    heads: list[int] = word_heads_many(
        offsets, np.array([len(offsets)]), spans, np.array([len(spans)])
    ).tolist()
    return heads


def word_heads_many(
    offsets: np.ndarray, n_tokens: np.ndarray, words: np.ndarray, n_words: np.ndarray
) -> np.ndarray:
    """:func:`word_heads` of many sentences in a few numpy calls, one sentence after the
    other: ``offsets`` (subwords, 2), ``n_tokens`` per sentence, and ``words`` (words, 2),
    ``n_words`` per sentence, in the same coordinates. Each sentence is moved to its own
    stretch of one long axis, so one sorted search serves them all. A subword belongs to the
    first word ending after its start, if that word starts before the subword ends; a bare
    "▁" piece (start == end) belongs to none. Heads count from each sentence's first subword."""
    if not len(words):
        return np.zeros(0, dtype=np.int64)
    # sentence k's positions are shifted by k * stride: no word or subword crosses over
    stride = int(max(words.max(initial=0), offsets.max(initial=0))) + 1
    spans = words + np.repeat(np.arange(len(n_words)) * stride, n_words)[:, None]
    sentence_of_token = np.repeat(np.arange(len(n_words)), n_tokens)
    starts = offsets[:, 0] + sentence_of_token * stride
    ends = offsets[:, 1] + sentence_of_token * stride
    w = np.searchsorted(spans[:, 1], starts, side="right")
    last_word = np.cumsum(n_words)[sentence_of_token]  # one past the sentence's last word
    inside = (offsets[:, 0] < offsets[:, 1]) & (w < last_word)
    inside[inside] &= spans[w[inside], 0] < ends[inside]
    first_token = starts_of(n_tokens)
    heads = np.full(len(spans), -1, dtype=np.int64)
    firsts, at = np.unique(w[inside], return_index=True)
    token_index = np.flatnonzero(inside)[at]
    heads[firsts] = token_index - first_token[sentence_of_token[token_index]]
    return heads


def word_subwords(
    tokenizer: PreTrainedTokenizerBase, text: str, words: Sequence[Span]
) -> tuple[list[int], list[int]]:
    """Tokenise ``text``; return its subword ids and each word's first subword (-1: shared)."""
    ids, offsets, _ = tokenise(tokenizer, [text])
    return ids.tolist(), word_heads(offsets, words)


def subword_features(head: Sequence[int], n_subwords: int, word_bits: np.ndarray) -> list[int]:
    """Each subword gets its word's gazetteer bits (a subword before the first word, 0)."""
    out = np.zeros(n_subwords, dtype=np.int64)
    starts = [(h, w) for w, h in enumerate(head) if h >= 0]
    for (h, w), (nxt, _) in zip(starts, [*starts[1:], (n_subwords, -1)], strict=True):
        out[h:nxt] = word_bits[w]
    return out.tolist()


def make_windows(
    ids: Sequence[int],
    head: Sequence[int],
    n_words: int,
    max_subwords: int,
    bos: int,
    eos: int,
    features: Sequence[int] | None = None,
) -> list[Window]:
    """Cut a tokenised sentence into windows of whole words, each at most
    ``max_subwords`` long plus ``<s>``/``</s>``, overlapping by about a third.
    ``features`` (per subword, optional) are cut with the ids, 0 at ``<s>``/``</s>``."""
    if n_words == 0:
        return []
    if len(ids) <= max_subwords:  # the common case: the sentence fits one window
        heads = [h + 1 if h >= 0 else -1 for h in head]
        feats = None if features is None else [0, *features, 0]
        return [Window([bos, *ids, eos], 0, heads, feats)]
    # word w spans subwords [word_start[w], word_start[w + 1])
    word_start = [0] * (n_words + 1)
    for w in range(n_words):
        word_start[w] = head[w] if head[w] >= 0 else (word_start[w - 1] if w else 0)
    word_start[n_words] = len(ids)
    windows: list[Window] = []
    first = 0
    while True:
        last = first
        while last < n_words and word_start[last + 1] - word_start[first] <= max_subwords:
            last += 1
        last = max(last, first + 1)  # a single over-long word is truncated, never dropped
        lo, hi = word_start[first], min(word_start[last], word_start[first] + max_subwords)
        heads = [
            (head[w] - lo + 1) if head[w] >= 0 and head[w] < hi else -1 for w in range(first, last)
        ]
        feats = None if features is None else [0, *features[lo:hi], 0]
        windows.append(Window([bos, *ids[lo:hi], eos], first, heads, feats, lo))
        if last >= n_words:
            return windows
        step = max(1, (last - first) * 2 // 3)
        first = first + step


def window_distance(window: Window, word: int) -> int:
    """How far ``word`` sits from the nearer edge of ``window`` (bigger is better context)."""
    k = word - window.first_word
    return min(k, len(window.word_heads) - 1 - k)
