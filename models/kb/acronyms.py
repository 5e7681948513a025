"""Acronyms as Bengali news writes them: Latin letters spelled with Bengali letter names.

কেসিএনএ is K-C-N-A, জাতিসংঘের acronym ইউএন is U-N. Spelling an English
label's initials this way gives the KB acronym aliases nobody had to type, and
reading a Bengali token back to Latin letters tells the linker a mention is an
acronym at all.
"""

from __future__ import annotations

import unicodedata

import regex

LETTER_NAMES: dict[str, str] = {
    "A": "এ",
    "B": "বি",
    "C": "সি",
    "D": "ডি",
    "E": "ই",
    "F": "এফ",
    "G": "জি",
    "H": "এইচ",
    "I": "আই",
    "J": "জে",
    "K": "কে",
    "L": "এল",
    "M": "এম",
    "N": "এন",
    "O": "ও",
    "P": "পি",
    "Q": "কিউ",
    "R": "আর",
    "S": "এস",
    "T": "টি",
    "U": "ইউ",
    "V": "ভি",
    "W": "ডব্লিউ",
    "X": "এক্স",
    "Y": "ওয়াই",
    "Z": "জেড",
}
LETTER_NAMES = {k: unicodedata.normalize("NFC", v) for k, v in LETTER_NAMES.items()}
_BY_SPELLING = sorted(
    [(v, k) for k, v in LETTER_NAMES.items()]
    + [(unicodedata.normalize("NFC", v), k) for v, k in (("ডাব্লিউ", "W"), ("এইচ", "H"))],
    key=lambda p: len(p[0]),
    reverse=True,
)
_MINOR_WORDS = {"of", "the", "and", "for", "on", "in", "to", "de", "&"}
_LATIN_ACRONYM = regex.compile(r"^[A-Z]{2,8}$")


def initials(english: str) -> str:
    """United Nations Children's Fund → UNCF (minor words skipped)."""
    words = regex.findall(r"[A-Za-z]+", english)
    return "".join(w[0].upper() for w in words if w.lower() not in _MINOR_WORDS)


def spell_bengali(latin: str) -> str:
    """UN → ইউএন."""
    return "".join(LETTER_NAMES[c] for c in latin.upper() if c in LETTER_NAMES)


def read_acronym(token: str) -> str | None:
    """The Latin letters a token spells (কেসিএনএ → KCNA, NATO → NATO), or None if it is a word."""
    token = unicodedata.normalize("NFC", token.strip())
    if _LATIN_ACRONYM.match(token):
        return token
    letters, i = [], 0
    while i < len(token):
        for spelling, letter in _BY_SPELLING:
            if token.startswith(spelling, i):
                letters.append(letter)
                i += len(spelling)
                break
        else:
            return None
    return "".join(letters) if len(letters) >= 2 else None
