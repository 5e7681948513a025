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

from models.segment import Span


@dataclass(frozen=True, slots=True)
class Window:
    """Encoder input for words ``first_word .. first_word + len(word_heads)`` of a sentence.

    ``word_heads[k]`` is the position in ``input_ids`` of word ``first_word + k``'s first
    subword, or -1 when that word shares a subword with the word before it.
    """

    input_ids: list[int]
    first_word: int
    word_heads: list[int]


def word_subwords(tokenizer, text: str, words: Sequence[Span]) -> tuple[list[int], list[int]]:
    """Tokenise ``text``; return its subword ids and each word's first subword (-1: shared)."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids: list[int] = enc["input_ids"]
    head = [-1] * len(words)
    w = 0
    for i, (a, b) in enumerate(enc["offset_mapping"]):
        if a == b:
            continue  # a bare "▁" piece: belongs to no word
        while w < len(words) and words[w][1] <= a:
            w += 1
        if w == len(words):
            break
        if words[w][0] < b and head[w] < 0:
            head[w] = i
    return ids, head


def make_windows(
    ids: Sequence[int],
    head: Sequence[int],
    n_words: int,
    max_subwords: int,
    bos: int,
    eos: int,
) -> list[Window]:
    """Cut a tokenised sentence into windows of whole words, each at most
    ``max_subwords`` long plus ``<s>``/``</s>``, overlapping by about a third."""
    if n_words == 0:
        return []
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
        windows.append(Window([bos, *ids[lo:hi], eos], first, heads))
        if last >= n_words:
            return windows
        step = max(1, (last - first) * 2 // 3)
        first = first + step


def window_distance(window: Window, word: int) -> int:
    """How far ``word`` sits from the nearer edge of ``window`` (bigger is better context)."""
    k = word - window.first_word
    return min(k, len(window.word_heads) - 1 - k)
