"""Word tag probabilities → a valid BIO sequence → mentions with a confidence.

Greedy argmax can produce ``O I-LOC`` or ``B-PER I-ORG``. Instead we take the
most probable sequence that is valid BIO (Viterbi with the forbidden
transitions removed), so every repair is the one the model itself prefers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class WordSpan:
    first: int  # first word index
    last: int  # one past the last word
    label: str
    score: float


def _allowed(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Start and transition masks: I-X only at the start of nothing, only after B-X/I-X."""
    n = len(tags)
    start = np.array([not t.startswith("I-") for t in tags])
    trans = np.ones((n, n), dtype=bool)
    for j, t in enumerate(tags):
        if t.startswith("I-"):
            lab = t[2:]
            for i, prev in enumerate(tags):
                trans[i, j] = prev in (f"B-{lab}", f"I-{lab}")
    return start, trans


class BioDecoder:
    def __init__(self, tags: Sequence[str]) -> None:
        self.tags = tuple(tags)
        start, trans = _allowed(self.tags)
        self._start = np.where(start, 0.0, -np.inf)
        self._trans = np.where(trans, 0.0, -np.inf)

    def decode(self, probs: np.ndarray) -> list[WordSpan]:
        """``probs``: (words, tags) probabilities. Returns mentions over word indices."""
        n = probs.shape[0]
        if n == 0:
            return []
        logp = np.log(np.clip(probs, 1e-9, 1.0))
        score = self._start + logp[0]
        back = np.zeros((n, len(self.tags)), dtype=np.int64)
        for i in range(1, n):
            cand = score[:, None] + self._trans  # (prev, cur)
            back[i] = cand.argmax(axis=0)
            score = cand.max(axis=0) + logp[i]
        path = [int(score.argmax())]
        for i in range(n - 1, 0, -1):
            path.append(int(back[i, path[-1]]))
        path.reverse()
        return self._spans(path, probs)

    def _spans(self, path: list[int], probs: np.ndarray) -> list[WordSpan]:
        spans: list[WordSpan] = []
        i = 0
        while i < len(path):
            tag = self.tags[path[i]]
            if tag == "O":
                i += 1
                continue
            label = tag[2:]
            j = i + 1
            while j < len(path) and self.tags[path[j]] == f"I-{label}":
                j += 1
            score = float(np.mean([probs[k, path[k]] for k in range(i, j)]))
            spans.append(WordSpan(i, j, label, score))
            i = j
        return spans
