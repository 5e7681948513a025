"""neon-p Bangla news headlines (CC BY 4.0): ``token TAG``, a non-standard scheme.

``0`` means outside, ``B-X`` begins, ``I-X`` and ``O-X`` continue. Ten lines
are malformed (tag glued on with an NBSP, or a trailing field); they are read
by splitting on any whitespace and taking the last tag-shaped field. TIME
holds mostly durations and UNIT quantities: neither is an entity under
docs/annotation.md (DATE comes from the date grammar instead).
"""

from __future__ import annotations

from pathlib import Path

import regex

from banglaner.training.corpora.base import Sentence, read_token_lines, sentence_from_tokens

LABEL_MAP: dict[str, str | None] = {
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "TIME": None,
    "UNIT": None,
}
_TAG = regex.compile(r"^(?:0|[BIO]-(?:PER|LOC|ORG|TIME|UNIT))$")


def _to_bio(tag: str) -> str:
    if tag == "0":
        return "O"
    prefix, _, lab = tag.partition("-")
    return ("I" if prefix == "O" else prefix) + "-" + lab


def _parse(line: str) -> tuple[str, str]:
    fields = line.split()
    tags = [f for f in fields[1:] if _TAG.match(f)]
    return fields[0], _to_bio(tags[0]) if tags else "O"


def load(
    path: Path, source: str = "neon", held_out: frozenset[str] = frozenset()
) -> list[Sentence]:
    """Every headline but those in ``held_out`` (texts as the loader normalises them)."""
    sentences = (
        sentence_from_tokens(tokens, tags, source, LABEL_MAP)
        for tokens, tags in read_token_lines(path, _parse)
    )
    return [s for s in sentences if s is not None and s.text not in held_out]
