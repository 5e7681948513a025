"""Texts of the hand-annotated gold sets that also occur in training corpora: never trained
on. The world set's neon headlines (eval/gold/world-neon-headlines.txt) and every text of
the real-text gold sets (eval/gold/real.jsonl, dates_real.jsonl), which are drawn from
karim2019 and the neon headlines.

Texts are compared as the corpus loaders write them: each whitespace token normalised,
joined by single spaces.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from banglaner.models.normalize import normalize

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"
WORLD_HEADLINES = GOLD_DIR / "world-neon-headlines.txt"
REAL_GOLD = (GOLD_DIR / "real.jsonl", GOLD_DIR / "dates_real.jsonl")


def loader_form(text: str) -> str:
    """``text`` as a token-corpus loader writes it."""
    return " ".join(t for t in (normalize(w).text.strip() for w in text.split()) if t)


def _gold_texts() -> list[str]:
    texts: list[str] = []
    if WORLD_HEADLINES.is_file():
        texts += [ln for ln in WORLD_HEADLINES.read_text("utf-8").splitlines() if ln.strip()]
    for path in REAL_GOLD:
        if path.is_file():
            lines = path.read_text("utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


@lru_cache(maxsize=1)
def held_out_texts() -> frozenset[str]:
    """Every gold text, in the loaders' form."""
    return frozenset(loader_form(t) for t in _gold_texts())


@lru_cache(maxsize=1)
def held_out_raw() -> frozenset[str]:
    """Every gold text as written (a raw token corpus joined by spaces matches it)."""
    return frozenset(_gold_texts())
