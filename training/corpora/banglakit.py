"""banglakit/bengali-ner-data (CC0): ``[text, [BILOU labels]]`` per line, no tokens.

The labels follow a spaCy-like tokenisation that :func:`tokenize` rebuilds
(3,513 of 3,545 rows align; the rest are skipped and counted). BILOU becomes
BIO. The annotation is partial: rows with the same text are merged by taking
the union of their mentions, and every O token is marked *uncertain* so that
training does not learn "not an entity" from a row that simply did not
annotate that type.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import regex

from banglaner.models.segment import Span
from banglaner.training.corpora.base import Mention, Sentence, sentence_from_tokens

LABEL_MAP: dict[str, str | None] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "DATE": "DATE",
    "LAW": None,
}
_CHUNK = regex.compile(r"\u00a0+|[^ \u00a0]+")
_PUNCT = regex.compile(r"[।,;:!?\"'‘’“”()\[\]{}<>….॥*/]")
_DASH_SPLIT = regex.compile(r"[-—–]|[^-—–]+")


def tokenize(text: str) -> list[Span]:
    """The corpus's own tokenisation: split on spaces, NBSP runs are tokens, punctuation
    at either end of a chunk is split off one character at a time (except the period
    of a short abbreviation such as ``মো.``), and dashes are tokens of their own."""
    out: list[Span] = []
    for m in _CHUNK.finditer(text):
        word, s = m.group(), m.start()
        if word[0] == "\u00a0":
            out.append(m.span())
            continue
        a, b = 0, len(word)
        prefix: list[Span] = []
        suffix: list[Span] = []
        while a < b and _PUNCT.match(word[a]):
            prefix.append((s + a, s + a + 1))
            a += 1
        while b > a and _PUNCT.match(word[b - 1]):
            stem = word[a : b - 1]
            if word[b - 1] == "." and 0 < len(stem) <= 3 and not _PUNCT.search(stem):
                break
            suffix.insert(0, (s + b - 1, s + b))
            b -= 1
        out.extend(prefix)
        out.extend((s + a + d.start(), s + a + d.end()) for d in _DASH_SPLIT.finditer(word[a:b]))
        out.extend(suffix)
    return out


def _bilou_to_bio(tag: str) -> str:
    prefix, _, lab = tag.partition("-")
    return {"U": "B", "L": "I"}.get(prefix, prefix) + ("-" + lab if lab else "")


def load(path: Path, source: str = "banglakit") -> tuple[list[Sentence], int]:
    """Merged sentences, and the number of rows skipped because they do not align."""
    rows: dict[str, list[list[str]]] = defaultdict(list)
    skipped = 0
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip():
            continue
        text, labels = json.loads(line)
        if len(tokenize(text)) != len(labels):
            skipped += 1
            continue
        rows[text].append([_bilou_to_bio(t) for t in labels])
    out = []
    for text, label_sets in rows.items():
        spans = tokenize(text)
        tokens = [text[s:e] for s, e in spans]
        variants = [
            sentence_from_tokens(tokens, tags, source, LABEL_MAP, True) for tags in label_sets
        ]
        sentences = [v for v in variants if v is not None]
        if sentences:
            out.append(_union(sentences))
    return out, skipped


def _union(variants: list[Sentence]) -> Sentence:
    """One sentence holding every mention of its duplicate rows; mentions that
    overlap with a different label contradict each other and are dropped."""
    mentions = sorted({m for v in variants for m in v.mentions}, key=lambda m: (m.start, m.end))
    kept: list[Mention] = []
    for m in mentions:
        clash = [k for k in mentions if k is not m and k.start < m.end and m.start < k.end]
        if not clash:
            kept.append(m)
    first = variants[0]
    return Sentence(first.text, kept, first.source, first.uncertain)
