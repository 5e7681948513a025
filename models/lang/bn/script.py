"""Bengali letters the rules need to tell apart."""

from __future__ import annotations

NUKTA = "\u09bc"
HASANTA = "\u09cd"
VOWEL_SIGNS = frozenset("\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c7\u09c8\u09cb\u09cc")
INDEPENDENT_VOWELS = frozenset("অআইঈউঊঋএঐওঔ")
VOWELS = VOWEL_SIGNS | INDEPENDENT_VOWELS
