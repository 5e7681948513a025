"""Karim et al. 2019 Bangla NER (MIT): ``{"tokens", "tags"}`` per line, BIOES tags.

Its convention is not ours (its SOURCE.md): PER also tags pronouns and role nouns,
LOC demonyms and generic places, OBJ artefacts and works (not an entity for us), and
some names are left untagged. The loader only reads the corpus faithfully (BIOES → BIO,
OBJ dropped); what its labels mean is left to the training convention they are
learnt under (training.conventions). Rows of the hand-annotated gold sets drawn from
this corpus (eval/gold/) are never loaded for training.
"""

from __future__ import annotations

import json
from pathlib import Path

from banglaner.training.corpora.base import Sentence, sentence_from_tokens

LABEL_MAP: dict[str, str | None] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OBJ": None}
_BIO = {"S": "B", "B": "B", "I": "I", "E": "I"}


def to_bio(tag: str) -> str:
    """BIOES → BIO (``S-X`` begins, ``E-X`` continues)."""
    if tag == "O":
        return tag
    prefix, _, label = tag.partition("-")
    return f"{_BIO[prefix]}-{label}"


def load(
    path: Path, source: str = "karim", held_out: frozenset[str] = frozenset()
) -> list[Sentence]:
    """Every sentence of a split but those whose raw text (tokens joined by spaces) is
    in ``held_out``."""
    out: list[Sentence] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if " ".join(row["tokens"]) in held_out:
                continue
            sentence = sentence_from_tokens(
                row["tokens"], [to_bio(t) for t in row["tags"]], source, LABEL_MAP
            )
            if sentence is not None:
                out.append(sentence)
    return out
