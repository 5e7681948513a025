"""Sentences and words of (normalised) Bengali text, as character spans.

Words are the units the tagger labels, in training and at inference alike:
a maximal run of letters, combining marks and digits, or one punctuation
character. Hyphens are words of their own, so ``ঢাকা-চট্টগ্রাম`` can hold two
places while ``কিম জং-উন`` is still one span (the hyphen is tagged inside it).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import regex

Span = tuple[int, int]
_SPACE, _LETTER, _OTHER = 0, 1, 2  # character classes of _WORD: never, runs of, one each

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")
_A_LETTER, _A_SPACE = regex.compile(r"[\p{L}\p{M}\p{N}]"), regex.compile(r"\s")
# A sentence ends after ।, ॥, ?, ! (and any closing quotes/brackets glued to
# them) or at a line break.
_SENTENCE_END = regex.compile(r"[।॥?!]+[\"')\]’”]*|\n+")


def split_words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word spans of ``text[start:end]``, as offsets into ``text``."""
    return [m.span() for m in _WORD.finditer(text, start, len(text) if end is None else end)]


def _class_of(char: str) -> int:
    if _A_LETTER.match(char):
        return _LETTER
    return _SPACE if _A_SPACE.match(char) else _OTHER


@cache
def _bmp_classes() -> np.ndarray:
    """Each Basic Multilingual Plane character's class, as the regex module itself classifies
    it (its Unicode version, not Python's): built once, in ~50 ms."""
    return np.array([_class_of(chr(c)) for c in range(0x10000)], dtype=np.uint8)


def _classes(text: str) -> np.ndarray:
    """Each character's class; characters beyond the BMP (emoji) are classified one by one."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _bmp_classes()[np.minimum(points, 0xFFFF)]
    astral = points > 0xFFFF
    if astral.any():
        for point in np.unique(points[astral]).tolist():
            classes[points == point] = _class_of(chr(point))
    return classes


def word_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of :func:`split_words`'s words of ``text``, in a few numpy operations:
    a word starts at a letter after a non-letter and ends before one, and every other
    character that is not a space is a word of its own."""
    classes = _classes(text)
    letter = classes == _LETTER
    other = classes == _OTHER
    after_letter = np.concatenate(([False], letter[:-1]))
    before_letter = np.concatenate((letter[1:], [False]))
    starts = np.flatnonzero(other | (letter & ~after_letter))
    return starts, np.flatnonzero(other | (letter & ~before_letter)) + 1


def sentence_cuts(text: str) -> list[int]:
    """Where sentences may end: after each run of sentence-final marks (and the closing
    quotes glued to them) and after each run of line breaks."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]
