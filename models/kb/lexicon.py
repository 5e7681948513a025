"""The common-word lexicon the linker consults (built by training.lexicon, shipped as
``models/kb/common_words.tsv``), plus the guide's (docs/annotation.md) lists of words
that are never names on their own: titles, nationality adjectives and generic nouns."""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

from banglaner.models.kb.variant_key import key_words
from banglaner.models.lang.bn.words import DEMONYMS, GENERIC_NOUNS, TITLES


@lru_cache(maxsize=1)
def _common_keys() -> frozenset[str]:
    text = (
        importlib.resources.files("banglaner.models.kb")
        .joinpath("common_words.tsv")
        .read_text("utf-8")
    )
    keys = {line.split("\t", 1)[0] for line in text.splitlines() if line and line[0] != "#"}
    listed = {k for words in (TITLES, DEMONYMS, GENERIC_NOUNS) for w in words for k in key_words(w)}
    return frozenset(keys | listed)


def is_common(word: str) -> bool:
    """A word news uses mostly outside names (by its variant key, so inflected forms count),
    or one docs/annotation.md lists as never a name on its own."""
    keys = key_words(word)
    return len(keys) == 1 and keys[0] in _common_keys()
