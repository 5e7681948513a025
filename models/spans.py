"""Mention boundaries on the original text, per docs/annotation.md.

A span is a run of whole words: quotes, brackets and clause punctuation at
its edges go outside, and a case ending joined by a hyphen or apostrophe
(``২০২৪-এর``, ``ট্রাম্প'র``) stays inside. Works on the text as received, so
it also tidies spans that came through the normaliser's offset map.
"""

from __future__ import annotations

import regex

_EDGE = regex.compile(r"[\s\p{Ps}\p{Pe}\p{Pi}\p{Pf}\"',;:।॥!?\u200b-\u200d\u2060\ufeff]")
_JOINED_ENDING = regex.compile(
    r"[-‐'’](?:এর|এ|র|তে|কে|য়|য়|ও|ই|রা|দের|সহ)(?:ই|ও)?(?![\p{L}\p{M}\p{N}])"
)


def tidy_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim edge punctuation and widen over a hyphen-joined case ending."""
    while start < end and _EDGE.match(text, start):
        start += 1
    while end > start and _EDGE.match(text, end - 1):
        end -= 1
    joined = _JOINED_ENDING.match(text, end)
    if joined and start < end:
        end = joined.end()
    return start, end
