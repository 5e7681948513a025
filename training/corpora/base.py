"""The common shape every corpus loader produces, and the tag-scheme repairs they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from banglaner.models.normalize import normalize
from banglaner.models.segment import Span


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    label: str


@dataclass(slots=True)
class Sentence:
    """One annotated sentence in normalised text, mentions as character spans.

    ``uncertain`` lists character spans whose *outside* label is not to be
    trusted (partially annotated corpora): training ignores O there.
    """

    text: str
    mentions: list[Mention]
    source: str
    uncertain: list[Span] = field(default_factory=list)


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(first, last+1, label)`` from BIO tags, repairing invalid sequences.

    An ``I-X`` that follows ``O`` or a different type starts a new mention
    (the conlleval convention).
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        continues = prefix == "I" and lab == label and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and not continues:
            start, label = i, lab
    return spans


def sentence_from_tokens(
    tokens: Sequence[str],
    tags: Sequence[str],
    source: str,
    label_map: dict[str, str | None],
    uncertain_o: bool = False,
) -> Sentence | None:
    """Join normalised tokens with spaces and turn BIO tags into character mentions.

    ``label_map`` maps each corpus type to one of ours, or to None (dropped).
    Tokens that normalise to nothing are skipped; returns None for an empty
    sentence. Raises KeyError on a type the map does not know, so a new tag
    in a corpus cannot be silently lost.
    """
    pieces: list[str] = []
    offsets: list[Span] = []
    pos = 0
    kept_tags: list[str] = []
    for token, tag in zip(tokens, tags, strict=True):
        norm = normalize(token).text.strip()
        if not norm:
            continue
        if pieces:
            pos += 1
        pieces.append(norm)
        offsets.append((pos, pos + len(norm)))
        pos += len(norm)
        kept_tags.append(tag)
    if not pieces:
        return None
    mentions = []
    for first, last, lab in bio_spans(kept_tags):
        ours = label_map[lab]
        if ours is not None:
            mentions.append(Mention(offsets[first][0], offsets[last - 1][1], ours))
    text = " ".join(pieces)
    uncertain = list(_outside_spans(offsets, kept_tags)) if uncertain_o else []
    return Sentence(text, mentions, source, uncertain)


def _outside_spans(offsets: Sequence[Span], tags: Sequence[str]) -> Iterable[Span]:
    for (s, e), tag in zip(offsets, tags, strict=True):
        if tag == "O":
            yield (s, e)


def read_token_lines(
    path: Path,
    parse: Callable[[str], tuple[str, str]],
    encoding: str = "utf-8",
    comment: str | None = None,
) -> Iterator[tuple[list[str], list[str]]]:
    """(tokens, tags) per blank-line-separated block of a one-token-per-line file;
    ``parse`` turns a line into (token, tag); lines starting with ``comment`` are skipped."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding=encoding).splitlines(), ""]:
        if comment and line.startswith(comment):
            continue
        if not line.strip():
            if tokens:
                yield tokens, tags
            tokens, tags = [], []
            continue
        token, tag = parse(line)
        tokens.append(token)
        tags.append(tag)
