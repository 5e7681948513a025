"""Your own annotated documents as a training corpus: the gold JSONL of docs/annotation.md
(``{"text", "entities": [{"start", "end", "label"}, ...]}`` per line, as ``eval/gold``
reads it). ``banglaner train --corpus my-data.jsonl`` trains on it.

Text is normalised piecewise, cut at every mention boundary, so each mention's
offsets map exactly onto the normalised text the tagger trains on.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from banglaner.models.labels import LABELS
from banglaner.models.normalize import normalize
from banglaner.training.corpora.base import Mention, Sentence


def _document(raw: dict, source: str) -> Sentence:
    text: str = raw["text"]
    spans = sorted(
        (int(e["start"]), int(e["end"]), e["label"])
        for e in raw.get("entities", [])
        if e["label"] in LABELS
    )
    cuts = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e))})
    norm_at: dict[int, int] = {0: 0}
    pieces: list[str] = []
    for a, b in itertools.pairwise(cuts):
        pieces.append(normalize(text[a:b]).text)
        norm_at[b] = norm_at[a] + len(pieces[-1])
    mentions = [Mention(norm_at[s], norm_at[e], label) for s, e, label in spans]
    return Sentence("".join(pieces), [m for m in mentions if m.start < m.end], source)


def load(path: Path) -> list[Sentence]:
    with open(path, encoding="utf-8") as fh:
        return [_document(json.loads(line), path.stem) for line in fh if line.strip()]
