"""Word tag probabilities → a valid BIO sequence → mentions with a confidence.

Greedy argmax can produce ``O I-LOC`` or ``B-PER I-ORG``. Instead we take the
most probable sequence that is valid BIO (Viterbi with the forbidden
transitions removed), so every repair is the one the model itself prefers.
Sentences are decoded together: one numpy step per word position for the
whole batch, not a Python loop per sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_MAX_BATCH_CELLS = 1 << 16  # sentences × words × tags per pass: little padding, cache-sized


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
        # Any tag may come before O or B-X (the "open" tags); only B-X or I-X before I-X.
        # So a Viterbi step needs the best tag overall and, per I-X, the better of two.
        self._open = np.flatnonzero(start)
        self._inside = np.flatnonzero(~start)
        self._inside_from = np.array(  # (I- tags, 2): B-X, I-X in index order (ties: first)
            [np.flatnonzero(trans[:, j]).tolist() * 2 for j in self._inside], dtype=np.int64
        ).reshape(len(self._inside), -1)[:, :2]
        self._is_b = np.array([t.startswith("B-") for t in self.tags])
        self._labels = np.array([t[2:] for t in self.tags], dtype=object)  # B-PER → PER
        self._inside_of = np.array(  # the I- tag index that continues each B-/I- tag
            [self.tags.index("I-" + t[2:]) if t != "O" else -1 for t in self.tags]
        )

    def decode(self, probs: np.ndarray) -> list[WordSpan]:
        """``probs``: (words, tags) probabilities. Returns mentions over word indices."""
        return self.decode_many([probs])[0]

    def decode_many(self, probs: Sequence[np.ndarray]) -> list[list[WordSpan]]:
        """The mentions of several sentences, decoded in length-sorted padded batches."""
        out: list[list[WordSpan]] = [[] for _ in probs]
        order = sorted((i for i in range(len(probs)) if len(probs[i])), key=lambda i: len(probs[i]))
        lo = 0
        while lo < len(order):
            width = len(probs[order[lo]])
            hi = lo + 1
            while (
                hi < len(order)
                and (hi - lo + 1) * len(probs[order[hi]]) * len(self.tags) <= _MAX_BATCH_CELLS
            ):
                width = len(probs[order[hi]])
                hi += 1
            batch = order[lo:hi]
            for i, spans in zip(
                batch, self._decode_padded([probs[i] for i in batch], width), strict=True
            ):
                out[i] = spans
            lo = hi
        return out

    def _decode_padded(self, probs: list[np.ndarray], width: int) -> list[list[WordSpan]]:
        n_tags = len(self.tags)
        lengths = np.array([len(p) for p in probs])
        padded = np.zeros((len(probs), width, n_tags), dtype=np.float32)  # logs as before
        padded[np.arange(width) < lengths[:, None]] = np.concatenate(probs)  # row by row
        paths = self._viterbi(np.log(np.clip(padded, 1e-9, 1.0)), lengths)
        chosen = np.take_along_axis(padded, paths[..., None], axis=2)[..., 0]
        return self._spans(paths, chosen, lengths)

    def _viterbi(self, logp: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best valid paths, (batch, width), of sentences sorted by length (decode_many's
        batches): at each position only the sentences still going on (a suffix of the batch)
        step on; past its end a sentence keeps its score and points back to itself, so
        backtracking starts at the last column for all."""
        batch, width, n_tags = logp.shape
        score = self._start + logp[:, 0]
        back = np.empty((batch, width, n_tags), dtype=np.int64)
        back[:] = np.arange(n_tags)
        first_live = np.searchsorted(lengths, np.arange(width), side="right")
        pairs = np.arange(len(self._inside))
        for i in range(1, width):
            k = first_live[i]
            live = score[k:]
            best = live.argmax(axis=1)
            pair = live[:, self._inside_from]  # (live sentences, I- tags, 2)
            pick = pair.argmax(axis=2)
            back[k:, i, self._open] = best[:, None]
            back[k:, i, self._inside] = self._inside_from[pairs, pick]
            step = np.empty_like(live)
            step[:, self._open] = live[np.arange(len(live)), best][:, None]
            step[:, self._inside] = pair.max(axis=2)
            score[k:] = step + logp[k:, i]
        paths = np.zeros((batch, width), dtype=np.int64)
        paths[:, -1] = score.argmax(axis=1)
        rows = np.arange(batch)
        for i in range(width - 1, 0, -1):
            paths[:, i - 1] = back[rows, i, paths[:, i]]
        return paths

    def _spans(
        self, paths: np.ndarray, chosen: np.ndarray, lengths: np.ndarray
    ) -> list[list[WordSpan]]:
        """Mentions of valid paths: a B- tag and the I- tags of its label after it; the score
        is the mean probability of the chosen tags (np.mean's float32 arithmetic: each
        mention's tags summed as one contiguous row, so in the same order)."""
        batch, width = paths.shape
        inside_prev = np.full_like(paths, -2)
        inside_prev[:, 1:] = self._inside_of[paths[:, :-1]]
        in_sentence = np.arange(width)[None, :] < lengths[:, None]
        # flat positions where a mention cannot go on: every row's first position, every
        # position past a sentence's end, and every tag that does not continue the one before
        stops = np.flatnonzero(~((paths == inside_prev) & in_sentence))
        stops = np.append(stops, paths.size)
        starts = np.flatnonzero(self._is_b[paths] & in_sentence)
        rows = starts // width
        ends = stops[np.searchsorted(stops, starts, side="right")]  # row ends are stops too
        sizes = ends - starts
        scores = np.empty(len(starts), dtype=np.float32)
        flat = chosen.reshape(-1)
        for size in np.unique(sizes).tolist():
            of_size = sizes == size
            cells = starts[of_size][:, None] + np.arange(size)
            scores[of_size] = np.add.reduce(flat[cells], axis=1) / size
        labels = self._labels[paths.reshape(-1)[starts]]
        out: list[list[WordSpan]] = [[] for _ in range(batch)]
        for b, i, j, label, score in zip(
            rows.tolist(),
            (starts - rows * width).tolist(),
            (ends - rows * width).tolist(),
            labels.tolist(),
            scores.tolist(),
            strict=True,
        ):
            out[b].append(WordSpan(i, j, label, score))
        return out
