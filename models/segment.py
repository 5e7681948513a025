"""Sentences and words of (normalised) Bengali text, as character spans.

Words are the units the tagger labels, in training and at inference alike:
a maximal run of letters, combining marks and digits, or one punctuation
character. Hyphens are words of their own, so ``ঢাকা-চট্টগ্রাম`` can hold two
places while ``কিম জং-উন`` is still one span (the hyphen is tagged inside it).
"""

from __future__ import annotations

import regex

Span = tuple[int, int]

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")
# A sentence ends after ।, ॥, ?, ! (and any closing quotes/brackets glued to
# them) or at a line break.
_SENTENCE_END = regex.compile(r"[।॥?!]+[\"')\]’”]*|\n+")


def split_words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word spans of ``text[start:end]``, as offsets into ``text``."""
    return [m.span() for m in _WORD.finditer(text, start, len(text) if end is None else end)]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans, whitespace trimmed, empty sentences dropped."""
    spans: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    out: list[Span] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out
