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

from models.normalize import normalize
from training.corpora.base import Sentence, read_token_lines, sentence_from_tokens

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


# Headlines the world gold set (eval/gold/world.jsonl) annotates by hand: never trained on.
HELD_OUT = Path(__file__).resolve().parents[2] / "eval" / "gold" / "world-neon-headlines.txt"


def held_out_headlines() -> set[str]:
    """The world set's headlines, normalised as the loader normalises tokens."""
    if not HELD_OUT.is_file():
        return set()
    lines = HELD_OUT.read_text(encoding="utf-8").splitlines()
    return {" ".join(normalize(t).text for t in line.split()) for line in lines if line.strip()}


def load(path: Path, source: str = "neon") -> list[Sentence]:
    """Every headline but the world gold set's."""
    held_out = held_out_headlines()
    sentences = (
        sentence_from_tokens(tokens, tags, source, LABEL_MAP)
        for tokens, tags in read_token_lines(path, _parse)
    )
    return [s for s in sentences if s is not None and s.text not in held_out]
