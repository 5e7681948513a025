"""Subword ids and offsets of many texts at once, each distinct chunk tokenised once.

The Rust tokenizer is fast, but handing its results back to Python (an ``Encoding`` per
text, its offsets as tuples) costs about as much again as the tokenising itself.
For a tokenizer that normalises nothing and splits on whitespace before anything else
(SentencePiece models such as e5 and XLM-R: ``WhitespaceSplit`` then ``Metaspace``), a
text's subwords are exactly its whitespace-separated chunks' subwords, one chunk after the
other, their offsets shifted by the chunk's start. News repeats its words, so a cache keyed
by chunk serves most of them; only new chunks go to the tokenizer, in one batch call.
Any other tokenizer, and any text holding an added token such as ``<mask>``, takes the
plain path: one batch call over the whole texts.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from itertools import accumulate, chain, compress, repeat
from typing import TYPE_CHECKING

import numpy as np

from banglaner.models.batching import in_texts, join_texts, ranges, starts_of

if TYPE_CHECKING:
    from transformers.tokenization_utils_base import PreTrainedTokenizerBase

# Rust's char::is_whitespace (Unicode White_Space), where WhitespaceSplit cuts; Python's
# str.split() also cuts at U+001C-U+001F, so it cannot stand in; str.split(" ") can, where
# the space is the only one of them (normalised text).
_NOT_SPACE = "\t\n\v\f\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES = re.compile(f"([ {_NOT_SPACE}]+)")
_OTHER_SPACE = re.compile(f"[{_NOT_SPACE}]")
Encoded = tuple[np.ndarray, np.ndarray, np.ndarray]  # ids, (start, end) offsets, count per text


def tokenise(tokenizer: PreTrainedTokenizerBase, texts: Sequence[str]) -> Encoded:
    """Every subword's id and (start, end) offsets, one text after the other, and the count
    per text; one call to the Rust tokenizer where the tokenizer has one (transformers' fast
    tokenizers), else one call per text."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:
        encodings = backend.encode_batch(list(texts), add_special_tokens=False)
        ids = [e.ids for e in encodings]
        offsets = [e.offsets for e in encodings]
    else:
        encoded = [
            tokenizer(t, add_special_tokens=False, return_offsets_mapping=True) for t in texts
        ]
        ids = [e["input_ids"] for e in encoded]
        offsets = [e["offset_mapping"] for e in encoded]
    counts = np.array([len(i) for i in ids], dtype=np.int64)
    flat = np.array([o for each in offsets for o in each], dtype=np.int64).reshape(-1, 2)
    return np.fromiter(chain.from_iterable(ids), np.int64, int(counts.sum())), flat, counts


def splits_on_whitespace_first(tokenizer: PreTrainedTokenizerBase) -> bool:
    """Whether the tokenizer's subwords of a text are those of its whitespace chunks."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        return False
    spec = json.loads(backend.to_str())
    pre = spec.get("pre_tokenizer") or {}
    steps = pre.get("pretokenizers", [pre]) if pre.get("type") == "Sequence" else [pre]
    return spec.get("normalizer") is None and steps[0].get("type") == "WhitespaceSplit"


def _added_tokens(tokenizer: PreTrainedTokenizerBase) -> re.Pattern[str] | None:
    """A pattern finding the tokenizer's added tokens (``<s>``, ``<mask>``...) in a text: the
    tokenizer cuts those out before splitting on whitespace."""
    decoder = tokenizer.backend_tokenizer.get_added_tokens_decoder()
    added = sorted((t.content for t in decoder.values()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, added))) if added else None


def _chunks(joined: str, text_starts: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The whitespace-separated chunks of texts joined by models.batching.join_texts: the
    chunks, each one's start in its text, and which text that is."""
    if _OTHER_SPACE.search(joined) is None:  # split at C speed
        parts = joined.split(" ")  # "" between two spaces
        lengths = np.fromiter(map(len, parts), np.int64, len(parts))
        starts = np.cumsum(lengths + 1) - lengths - 1
    else:
        parts = _SPACES.split(joined)  # chunk, spaces, chunk, ..., chunk ("" at a blank edge)
        ends = np.fromiter(accumulate(map(len, parts)), np.int64, len(parts))
        starts = np.concatenate(([0], ends[1::2]))  # a chunk starts where the spaces end
        parts = parts[0::2]
        lengths = ends[0::2] - starts
    keep = lengths > 0
    text_of, starts = in_texts(starts[keep], text_starts)
    return list(compress(parts, keep.tolist())), starts, text_of


def _fit(array: np.ndarray, size: int) -> np.ndarray:
    """``array``, or a copy grown to twice ``size`` where it is shorter (amortised appends)."""
    if len(array) >= size:
        return array
    grown = np.zeros((2 * size, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown


class _ChunkStore:
    """Distinct chunks' subwords in flat arrays: chunk ``k``'s ids are
    ``ids[first[k] : first[k] + count[k]]``, so a batch is gathered in a few numpy calls."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.ids = np.zeros(0, dtype=np.int64)
        self.offsets = np.zeros((0, 2), dtype=np.int64)  # within the chunk
        self.first = np.zeros(0, dtype=np.int64)
        self.count = np.zeros(0, dtype=np.int64)
        self.n_tokens = 0
        self.chars = 0

    def add(self, chunks: list[str], encoded: Encoded) -> None:
        ids, offsets, counts = encoded
        k0, t0 = len(self.index), self.n_tokens
        k1, t1 = k0 + len(chunks), t0 + len(offsets)
        self.first, self.count = _fit(self.first, k1), _fit(self.count, k1)
        self.ids, self.offsets = _fit(self.ids, t1), _fit(self.offsets, t1)
        self.ids[t0:t1] = ids
        self.offsets[t0:t1] = offsets
        self.count[k0:k1] = counts
        self.first[k0:k1] = t0 + starts_of(counts)
        self.index.update(zip(chunks, range(k0, k1), strict=True))
        self.n_tokens = t1
        self.chars += sum(map(len, chunks))


class Subwords:
    """:func:`tokenise` with a per-chunk cache where the tokenizer splits on whitespace first
    (:func:`splits_on_whitespace_first`), else :func:`tokenise` itself; the output is the
    same either way (tests/unit/test_subwords.py)."""

    def __init__(
        self,
        tokenizer: PreTrainedTokenizerBase,
        max_chunks: int = 200_000,
        max_chars: int = 2_000_000,
    ) -> None:
        self.tokenizer = tokenizer
        self.chunked = splits_on_whitespace_first(tokenizer)
        # the cache starts afresh past this many chunks or characters (tens of MB at most)
        self.max_chunks, self.max_chars = max_chunks, max_chars
        self._store = _ChunkStore()
        self._lock = threading.Lock()  # one caller at a time grows or reads the store
        self._added = _added_tokens(tokenizer) if self.chunked else None

    def __call__(self, texts: Sequence[str]) -> Encoded:
        joined, text_starts = join_texts(texts, " ")
        if not self.chunked or (self._added and self._added.search(joined)):
            return tokenise(self.tokenizer, texts)
        chunks, starts, text_of = _chunks(joined, text_starts)
        with self._lock:
            codes = self._codes(chunks)
            store = self._store
            count = store.count[codes]
            token = np.repeat(store.first[codes], count) + ranges(count)
            ids, offsets = store.ids[token], store.offsets[token]
        offsets += np.repeat(starts, count)[:, None]
        n_tokens = np.bincount(text_of, weights=count, minlength=len(texts)).astype(np.int64)
        return ids, offsets, n_tokens

    def _codes(self, chunks: list[str]) -> np.ndarray:
        """Each chunk's place in the store; the chunks not yet there are tokenised first, in
        one batch call (all of them, when the store would outgrow its limits and starts
        afresh)."""
        lookup = self._store.index.get
        codes = np.fromiter(map(lookup, chunks, repeat(-1)), np.int64, len(chunks))
        missing: Sequence[int] = np.flatnonzero(codes < 0).tolist()
        if not missing:
            return codes
        new = list(dict.fromkeys(chunks[i] for i in missing))
        if (
            len(self._store.index) + len(new) > self.max_chunks
            or self._store.chars + sum(map(len, new)) > self.max_chars
        ):
            self._store = _ChunkStore()
            new, missing = list(dict.fromkeys(chunks)), range(len(chunks))
        self._store.add(new, tokenise(self.tokenizer, new))
        codes[missing] = [self._store.index[chunks[i]] for i in missing]
        return codes
