"""Bengali case endings, plural markers and particles: each morpheme written once.

Who strips what, and why it differs:

* the variant key strips :data:`STEM_ENDINGS` off a name, each only after the letters it
  can follow, so that a name's own last letters stay (নগর keeps its র, ঢাকার loses it);
  plural markers are not stripped there, as names often end so (এরশাদের, আঙ্কারা);
* word lists (:func:`models.lang.bn.words.is_listed`) try :data:`LIST_ENDINGS` off a word
  (সরকারের → সরকার, দেশটি → দেশ);
* span edges widen over :data:`JOINED_ENDINGS` written after a hyphen or apostrophe
  (``২০২৪-এর``, ``ট্রাম্প'র``);
* span repair reads :data:`OBJECT_ENDINGS` as the end of a name (রহিমকে করিম: two people);
* the date grammar lets a date word carry :data:`DATE_ENDINGS` (সেপ্টেম্বরে, ২০২৪-এর).

Strings are written in their usual (composed) form; a user normalises them as it needs.
"""

from __future__ import annotations

from banglaner.models.lang.bn.script import VOWELS

GENITIVE = ("ের", "এর", "র")
GLIDED_GENITIVE = ("য়ের",)  # after a vowel or ং, through a glide: জিনপিংয়ের
LOCATIVE = ("ে", "এ", "য়ে", "য়", "তে")  # also the instrumental
OBJECTIVE = ("কে",)
PLURAL = ("রা", "েরা", "দের", "দেরকে", "েরকে")
PARTICLES = ("ই", "ও")  # emphatic and inclusive: ঢাকাতেই, ভারতকেও
CLASSIFIERS = ("টি",)  # দেশটি
WITH = ("সহ",)  # লিমনসহ, ঢাকাসহ


def with_particles(*endings: str) -> tuple[str, ...]:
    """The endings, and each followed by a particle (কে, কেই, কেও)."""
    return endings + tuple(e + p for e in endings for p in PARTICLES)


ALL_ENDINGS = frozenset(
    with_particles(*GENITIVE, *GLIDED_GENITIVE, *LOCATIVE, *OBJECTIVE, *PLURAL, *CLASSIFIERS, *WITH)
    + PARTICLES
)

# য়ে-endings follow a vowel or ং (জিনপিংয়ের, পিয়ংইয়ংয়ে), never a consonant:
# মন্ত্রণালয়ের is মন্ত্রণালয় + ের, not মন্ত্রণাল + য়ের.
_AFTER_VOWEL_OR_ANUSVARA = VOWELS | {"ং"}
# Each ending a name's stem is found under, with the letters it may follow (None: any; ে
# only after a consonant and no stem ending in hasanta: checked where they are stripped).
STEM_ENDINGS: tuple[tuple[str, frozenset[str] | None], ...] = (
    *((e, None) for e in (*with_particles("ের"), "েরকে", "েরা", *with_particles("কে"))),
    *((e, None) for e in ("এর", "ে", *PARTICLES, *WITH)),
    *((e, _AFTER_VOWEL_OR_ANUSVARA) for e in (*GLIDED_GENITIVE, "য়েরও", *with_particles("য়ে"))),
    *((e, VOWELS) for e in (*with_particles("তে"), "র")),
    ("য়", frozenset("\u09be\u09cb\u09c7\u09c1\u09c2")),  # after া ো ে ু ূ: ঢাকায়, not কোরিয়
)
LIST_ENDINGS = (*PLURAL, *GENITIVE, *OBJECTIVE, *LOCATIVE, *PARTICLES, *CLASSIFIERS)
JOINED_ENDINGS = (*GENITIVE, *LOCATIVE, *OBJECTIVE, *PLURAL, *WITH)  # each maybe with a particle
OBJECT_ENDINGS = (*with_particles(*OBJECTIVE), *(e for e in PLURAL if e.endswith("কে")))
DATE_ENDINGS = (*GENITIVE, *GLIDED_GENITIVE, *LOCATIVE, *OBJECTIVE)  # each maybe with a particle
