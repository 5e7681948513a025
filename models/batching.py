"""Batch results, computed flat for many items at once, cut back into one piece per item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar, overload

import numpy as np
import numpy.typing as npt

T = TypeVar("T")


@overload
def split_flat(flat: np.ndarray, counts: np.ndarray | Sequence[int]) -> list[np.ndarray]: ...
@overload
def split_flat(flat: list[T], counts: np.ndarray | Sequence[int]) -> list[list[T]]: ...
@overload
def split_flat(flat: Sequence[T], counts: np.ndarray | Sequence[int]) -> list[Sequence[T]]: ...
def split_flat(flat: Sequence[Any] | np.ndarray, counts: np.ndarray | Sequence[int]) -> list[Any]:
    """``flat`` (a list or an array) cut into consecutive pieces of ``counts`` items each."""
    ends = np.cumsum(counts).tolist()
    return [flat[lo:hi] for lo, hi in zip([0, *ends][: len(ends)], ends, strict=True)]


def starts_of(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.signedinteger[Any]]:
    """Where each of consecutive pieces of ``counts`` items starts."""
    return np.cumsum(counts) - counts


def ranges(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.signedinteger[Any]]:
    """0, 1, ..., n - 1 for each n of ``counts``, one after the other: each item's place in
    its piece."""
    return np.arange(int(np.sum(counts))) - np.repeat(starts_of(counts), counts)


def join_texts(texts: Sequence[str], separator: str = "\n") -> tuple[str, np.ndarray]:
    """The texts joined by ``separator`` (one character, a space to every splitter here, so
    nothing found in the joined text spans two texts), and where each text starts in it."""
    return separator.join(texts), np.cumsum([0, *(len(t) + 1 for t in texts[:-1])], dtype=np.int64)


def in_texts(positions: np.ndarray, text_starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted positions in the joined text as (which text, position in that text)."""
    text_of = np.searchsorted(text_starts, positions, side="right") - 1
    return text_of, positions - text_starts[text_of]
