"""Word tag probabilities → a valid BIO sequence → mentions with a confidence.

Greedy argmax can produce ``O I-LOC`` or ``B-PER I-ORG``. Instead we take the
most probable sequence that is valid BIO (Viterbi with the forbidden
transitions removed), so every repair is the one the model itself prefers.
Sentences are decoded together, in numpy, not in a Python loop per sentence:
most words' best tags are already the best valid sequence, so only the pieces of
sentences around a repair go through Viterbi, one numpy step per word position.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

from banglaner.models.batching import ranges, starts_of

_MAX_BATCH_CELLS = 1 << 16  # sentences × words × tags per pass: little padding, cache-sized
_MIN_PROB = 1e-9  # probabilities are clipped here before the log


class WordSpan(NamedTuple):  # a tuple: one is made per mention, cheaply
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


class Plan(NamedTuple):
    """How BioDecoder.decode_flat decodes a batch of words (BioDecoder.plan)."""

    logp: np.ndarray  # (words, tags) clipped log-probabilities
    best: np.ndarray  # each word's most probable tag
    starts: np.ndarray  # each piece's first word
    lengths: np.ndarray  # each piece's words
    viterbi: np.ndarray  # which pieces go through Viterbi


class BioDecoder:
    def __init__(self, tags: Sequence[str]) -> None:
        self.tags = tuple(tags)
        start, trans = _allowed(self.tags)
        self._start = np.where(start, 0.0, -np.inf)
        self._can_start, self._can_follow = start, trans
        # Any tag may come before O or B-X (the "open" tags); only B-X or I-X before I-X.
        # So a Viterbi step needs the best tag overall and, per I-X, the better of two.
        self._open = np.flatnonzero(start)
        self._inside = np.flatnonzero(~start)
        self._inside_from = np.array(  # (I- tags, 2): B-X, I-X in index order (ties: first)
            [np.flatnonzero(trans[:, j]).tolist() * 2 for j in self._inside], dtype=np.int64
        ).reshape(len(self._inside), -1)[:, :2]
        self._is_b = np.array([t.startswith("B-") for t in self.tags])
        self._labels = np.array([t[2:] for t in self.tags], dtype=object)  # B-PER → PER
        self._pair_of = np.full(len(self.tags), -1)  # each I- tag's row of _inside_from
        self._pair_of[self._inside] = np.arange(len(self._inside))
        self._inside_of = np.array(  # the I- tag index that continues each B-/I- tag
            [self.tags.index("I-" + t[2:]) if t != "O" else -1 for t in self.tags]
        )
        self._outside_tag = self.tags.index("O") if "O" in self.tags else -1
        b_of_i = [self.tags.index(f"B-{self.tags[i][2:]}") for i in self._inside
                  if f"B-{self.tags[i][2:]}" in self.tags]  # fmt: skip
        # each I- tag's B- tag (None where one lacks it: no word is then known to be O)
        self._b_of_i = np.array(b_of_i) if len(b_of_i) == len(self._inside) else None

    def decode(self, probs: np.ndarray) -> list[WordSpan]:
        """``probs``: (words, tags) probabilities. Returns mentions over word indices."""
        return self.decode_flat(probs, np.array([len(probs)]))[0]

    def decode_flat(self, probs: np.ndarray, lengths: np.ndarray) -> list[list[WordSpan]]:
        """The mentions of sentences of ``lengths`` words, their (words, tags) probabilities
        one after the other: Viterbi only for the pieces :meth:`plan` says need it."""
        if not lengths.sum():
            return [[] for _ in lengths]
        flat = probs.astype(np.float32, copy=False)
        plan = self.plan(flat, lengths)
        paths = self._viterbi_pieces(
            plan.logp, plan.best, plan.starts[plan.viterbi], plan.lengths[plan.viterbi]
        )
        chosen = flat[np.arange(len(flat)), paths]
        return self._spans(paths, chosen, lengths, starts_of(lengths))

    def plan(self, probs: np.ndarray, lengths: np.ndarray) -> Plan:
        """How :meth:`decode_flat` decodes: sentences cut into pieces after each word every
        best path tags O (:meth:`_pieces`); a piece whose most probable tags are valid BIO by
        a clear margin is Viterbi's path as it is (:meth:`_clear`), the others go through
        Viterbi."""
        logp = np.log(np.clip(probs, _MIN_PROB, 1.0))
        first = starts_of(lengths)
        best = logp.argmax(axis=1)
        top = np.partition(logp, -2, axis=1)[:, -2:]
        margin, slack = top[:, 1] - top[:, 0], _rounding_slack(top[:, 1], lengths)
        starts = self._pieces(logp, best, margin - slack, first, lengths)
        piece_len = np.diff(np.append(starts, len(logp)))
        viterbi = ~self._clear(best, margin > slack, starts, piece_len)
        return Plan(logp, best, starts, piece_len, viterbi)

    def _viterbi_pieces(
        self, logp: np.ndarray, paths: np.ndarray, starts: np.ndarray, lengths: np.ndarray
    ) -> np.ndarray:
        """``paths`` with the pieces at ``starts`` (``lengths`` words each) decoded by Viterbi,
        in length-sorted padded batches."""
        order = np.argsort(lengths, kind="stable")
        starts, lengths = starts[order], lengths[order]
        for batch in _length_batches(lengths.tolist(), logp.shape[1]):
            n = lengths[batch]
            inside = np.arange(n[-1]) < n[:, None]
            rows = np.repeat(starts[batch], n) + ranges(n)
            padded = np.zeros((len(n), n[-1], logp.shape[1]), dtype=logp.dtype)
            padded[inside] = logp[rows]
            paths[rows] = self._viterbi(padded, n)[inside]
        return paths

    def _pieces(
        self, logp: np.ndarray, best: np.ndarray, lead: np.ndarray, first: np.ndarray,
        lengths: np.ndarray,
    ) -> np.ndarray:  # fmt: skip
        """Where each piece starts: at each sentence's start, and after each word whose best
        tag is O ahead of its second best (``lead``) by more than an I- tag of the next word
        beats its B- tag. Any path with another tag there scores less than the same path
        with O there (and B-X for an I-X just after): every best path has O there, and the
        words after it are decoded as a sentence of their own."""
        starts = np.zeros(len(logp) + 1, dtype=bool)
        starts[first[lengths > 0]] = True
        if self._outside_tag >= 0 and self._b_of_i is not None:
            last = np.zeros(len(logp), dtype=bool)
            last[(first + lengths - 1)[lengths > 0]] = True
            # an O-best word, not a sentence's last, and the next word's rows
            at = np.flatnonzero((best == self._outside_tag) & (lead > 0) & ~last)
            after = logp[at + 1]
            gain = (after[:, self._inside] - after[:, self._b_of_i]).max(axis=1, initial=0.0)
            starts[at[lead[at] > gain] + 1] = True
        return np.flatnonzero(starts[:-1])

    def _clear(
        self, best: np.ndarray, ahead: np.ndarray, pieces: np.ndarray, piece_len: np.ndarray
    ) -> np.ndarray:
        """Which pieces' most probable tags are Viterbi's path as they are: valid BIO, and
        each word's best tag ``ahead`` of its second by more than rounding could blur, so
        Viterbi finds this path, ties and all."""
        is_first = np.zeros(len(best), dtype=bool)
        is_first[pieces] = True
        valid = np.where(is_first, self._can_start[best], self._can_follow[np.roll(best, 1), best])
        piece_of = np.repeat(np.arange(len(pieces)), piece_len)
        unclear = np.bincount(piece_of, weights=~(valid & ahead), minlength=len(pieces))
        clear: np.ndarray = unclear == 0
        return clear

    def _viterbi(self, logp: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best valid paths, (batch, width), of pieces sorted by length (_viterbi_pieces'
        batches). Scores are kept tag-major (a tag's scores for the batch in one row). At
        each position only the sentences still going on (a suffix of the batch) step on;
        past its end a sentence keeps its score and its tag."""
        batch, width, _ = logp.shape
        by_tag = np.ascontiguousarray(logp.transpose(1, 2, 0))  # (width, tags, batch)
        score = self._start[:, None] + by_tag[0]
        first_live = np.searchsorted(lengths, np.arange(width), side="right")
        one, two = self._inside_from[:, 0], self._inside_from[:, 1]
        best = np.zeros((width, batch), dtype=np.int64)  # the best tag before each position
        took_two = np.zeros((width, len(one), batch), dtype=bool)  # an I- tag's 2nd source
        for i in range(1, width):
            live = score[:, first_live[i] :]
            from_one, from_two = live[one], live[two]
            best[i, first_live[i] :] = live.argmax(axis=0)
            took_two[i, :, first_live[i] :] = from_two > from_one  # a tie goes to the first
            live[self._open] = live.max(axis=0)
            live[self._inside] = np.maximum(from_one, from_two)
            live += by_tag[i, :, first_live[i] :]
        return self._backtrack(score.argmax(axis=0), best, took_two, first_live)

    def _backtrack(
        self, last: np.ndarray, best: np.ndarray, took_two: np.ndarray, first_live: np.ndarray
    ) -> np.ndarray:
        """Paths from each sentence's best last tag back: an open tag came from the best tag
        before it, an I- tag from the one of its two sources (B-X, I-X in index order) that
        ``took_two`` says."""
        width, batch = best.shape
        paths = np.zeros((batch, width), dtype=np.int64)
        paths[:, -1] = tag = last
        for i in range(width - 1, 0, -1):
            k = first_live[i]
            live, rows = tag[k:], np.arange(k, batch)
            pair = self._pair_of[live]  # the I- tag's place in self._inside, or -1
            second = took_two[i, pair, rows]
            before = np.where(pair < 0, best[i, k:], self._inside_from[pair, second.astype(int)])
            tag = np.concatenate((tag[:k], before))
            paths[:, i - 1] = tag
        return paths

    def _spans(
        self, paths: np.ndarray, chosen: np.ndarray, lengths: np.ndarray, first: np.ndarray
    ) -> list[list[WordSpan]]:
        """Mentions of valid paths (all sentences' words one after the other): a B- tag and
        the I- tags of its label after it; the score is the mean probability of the chosen
        tags (np.mean's float32 arithmetic: each mention's tags summed as one contiguous
        row, so in the same order)."""
        inside_prev = np.full_like(paths, -2)
        inside_prev[1:] = self._inside_of[paths[:-1]]
        inside_prev[first[lengths > 0]] = -2  # a mention never goes on into the next sentence
        # positions where a mention cannot go on: a tag that does not continue the one before
        stops = np.append(np.flatnonzero(paths != inside_prev), len(paths))
        starts = np.flatnonzero(self._is_b[paths])
        ends = stops[np.searchsorted(stops, starts, side="right")]  # sentence ends are stops
        sizes = ends - starts
        scores = np.empty(len(starts), dtype=np.float32)
        for size in np.unique(sizes).tolist():
            of_size = sizes == size
            cells = starts[of_size][:, None] + np.arange(size)
            scores[of_size] = np.add.reduce(chosen[cells], axis=1) / size
        labels = self._labels[paths[starts]]
        rows = np.searchsorted(first, starts, side="right") - 1
        out: list[list[WordSpan]] = [[] for _ in lengths]
        for b, i, j, label, score in zip(
            rows.tolist(),
            (starts - first[rows]).tolist(),
            (ends - first[rows]).tolist(),
            labels.tolist(),
            scores.tolist(),
            strict=True,
        ):
            out[b].append(WordSpan(i, j, label, score))
        return out


def _rounding_slack(top: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Per word, a lead no rounding in its sentence's Viterbi can undo: Viterbi adds each
    word's log-probability to running sums (float64) no bigger than the sentence's ``bound``;
    sums differing by more than 2 ** -52 of it stay apart when rounded, and we ask for
    2 ** -21 of it."""
    sentence_of = np.repeat(np.arange(len(lengths)), lengths)
    bound = np.bincount(sentence_of, weights=-top, minlength=len(lengths)) - np.log(_MIN_PROB)
    slack: np.ndarray = (bound * 2.0**-21)[sentence_of]
    return slack


def _length_batches(lengths: list[int], n_tags: int) -> Iterator[slice]:
    """Sorted ``lengths`` cut into runs of at most _MAX_BATCH_CELLS padded cells each."""
    lo = 0
    while lo < len(lengths):
        hi = lo + 1
        while hi < len(lengths) and (hi - lo + 1) * lengths[hi] * n_tags <= _MAX_BATCH_CELLS:
            hi += 1
        yield slice(lo, hi)
        lo = hi
