"""The Tagger: Bengali text of any length → PER/LOC/ORG/DATE mentions with exact offsets.

normalise (with offset map) → sentences → words → subword windows → encoder
→ word tag probabilities → valid BIO → spans on the text as received.
Any Hugging Face token-classification model dir with BIO labels works; weights
are read from safetensors only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import numpy as np

from banglaner.models.batching import ranges, split_flat, starts_of
from banglaner.models.decoding import BioDecoder, WordSpan
from banglaner.models.document import DocumentWords, entity_at, segment_documents
from banglaner.models.encoders import Encoder, RuntimeChoice, choose_runtime, load_encoder
from banglaner.models.encoding import (
    Window,
    make_windows,
    subword_features,
    window_distance,
    word_heads_many,
)
from banglaner.models.entity import Entity
from banglaner.models.errors import ModelLoadError
from banglaner.models.gazetteer import Gazetteer, GazetteerSpec
from banglaner.models.kb.store import KnowledgeBase
from banglaner.models.subwords import Subwords

if TYPE_CHECKING:
    from transformers.configuration_utils import PreTrainedConfig
    from transformers.tokenization_utils_base import PreTrainedTokenizerBase


@dataclass
class _Batch:
    """Every sentence of a batch of documents, one after the other in flat arrays, so that
    each step of the tagger works on all of them at once."""

    docs: Sequence[DocumentWords]
    sentence_doc: np.ndarray  # (sentences,) which document
    words: np.ndarray  # (words, 2) offsets in the document's normalised text
    n_words: np.ndarray  # (sentences,)
    ids: np.ndarray  # (subwords,) the sentences' subword ids
    n_tokens: np.ndarray  # (sentences,)
    heads: np.ndarray  # (words,) first subword in its sentence (-1: shared with the word before)
    features: np.ndarray | None = None  # (subwords,) gazetteer bits, for a model reading them
    # The encoder windows (Tagger.windows), sentence by sentence: the sentence, its first
    # subword (into ``ids``), how many subwords (without <s> </s>); and the windows of
    # sentences longer than one window, by sentence.
    window_sentence: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    window_start: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    window_size: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    cut: dict[int, list[Window]] = field(default_factory=dict)

    def first_token(self) -> np.ndarray:
        return starts_of(self.n_tokens)

    def first_word(self) -> np.ndarray:
        return starts_of(self.n_words)


class WindowProbs(NamedTuple):
    """The encoder's tag probabilities: window ``v`` (<s>, its subwords, </s>) is ``rows``
    from ``first_row[v]`` on."""

    rows: np.ndarray
    first_row: np.ndarray


# one encoder call's inputs: subword ids, attention mask, gazetteer features (or None)
EncoderInputs = tuple[np.ndarray, np.ndarray, np.ndarray | None]
WIDTH_STEP = 8  # encoder inputs are padded to a multiple of this (Tagger.encoder_batches)


class _WindowIds(Protocol):
    """What :meth:`Tagger._arrays` reads of a window (models.encoding.Window, a training
    window)."""

    @property
    def input_ids(self) -> Sequence[int]: ...
    @property
    def features(self) -> Sequence[int] | None: ...


def _padded(
    values: np.ndarray, lengths: np.ndarray, fill: int, width: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``lengths`` consecutive ``values`` each, padded with ``fill`` to ``width``
    (default: the longest), and the mask of filled cells."""
    filled = np.arange(width or lengths.max()) < lengths[:, None]
    out = np.full(filled.shape, fill, dtype=np.int64)
    out[filled] = values
    return out, filled


def require_model(model_dir: Path) -> Path:
    """``model_dir`` if a model is built there, else E002 saying how to build one."""
    if not (Path(model_dir) / "config.json").is_file():
        raise ModelLoadError.of("E002", path=model_dir)
    return Path(model_dir)


def resolve_device(device: str = "auto") -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def _bio_tags(config: PreTrainedConfig, model_dir: Path) -> list[str]:
    labels = config.id2label
    assert labels is not None  # a config without labels gets LABEL_0, LABEL_1 on loading
    id2label = {int(k): v for k, v in labels.items()}
    tags = [id2label[i] for i in range(len(id2label))]
    if tags[0] != "O" or any(t != "O" and t[:2] not in ("B-", "I-") for t in tags):
        raise ModelLoadError.of("E003", path=model_dir, tags=tags)
    return tags


def _gazetteer(model_dir: Path, kb: KnowledgeBase | None) -> Gazetteer | None:
    spec = GazetteerSpec.read(model_dir)
    if spec is None:
        return None
    return Gazetteer.for_model(model_dir, spec, kb)


def model_card(model_dir: Path) -> dict[str, Any]:
    """Name and version from banglaner.json, where ``banglaner train`` wrote one."""
    card = model_dir / "banglaner.json"
    return json.loads(card.read_text()) if card.is_file() else {}


def max_window(config: PreTrainedConfig, cap: int = 254) -> int:
    """Subwords per window the encoder's position table allows, less room for the
    two special tokens and XLM-R's padding offset."""
    return max(8, min(cap, getattr(config, "max_position_embeddings", cap + 4) - 4))


class Tagger:
    """A loaded token-classification model that tags whole documents."""

    def __init__(
        self,
        encoder: Encoder,
        tokenizer: PreTrainedTokenizerBase,
        tags: Sequence[str],
        device: str = "cpu",
        max_subwords: int = 254,
        batch_tokens: int | None = None,
        name: str = "banglaner",
        version: str = "0",
        gazetteer: Gazetteer | None = None,
        runtime: RuntimeChoice | None = None,
    ) -> None:
        self.encoder = encoder
        self.runtime = runtime or RuntimeChoice("given", "an encoder passed in")
        self.gazetteer = gazetteer  # a list of names as features, for a model trained with them
        self.tokenizer = tokenizer
        self._subwords = Subwords(tokenizer)
        self.tags = tuple(tags)
        self.device = device
        self.max_subwords = max_subwords
        # Small batches are fastest on a CPU (cache-resident activations: 512 tokens
        # tagged 600 sentences 1.7x faster than 8192); a GPU wants big ones.
        self.batch_tokens = batch_tokens or (16384 if device.startswith("cuda") else 512)
        self.name = name
        self.version = version
        self._decoder = BioDecoder(self.tags)
        self._outside = np.eye(len(self.tags), dtype=np.float32)[0]
        self._b_to_i = np.array(
            [
                self.tags.index("I-" + t[2:]) if t.startswith("B-") else i
                for i, t in enumerate(self.tags)
            ]
        )

    @classmethod
    def load(
        cls,
        model_dir: str | Path,
        device: str = "auto",
        runtime: str = "auto",
        kb: KnowledgeBase | None = None,
        **kwargs: Any,
    ) -> Tagger:
        """Load a model dir written by ``banglaner train`` (or any HF BIO token classifier).

        ``runtime`` (models.encoders.RUNTIMES): ``auto`` or a runtime's name.
        ``kb``: the knowledge base, for a model that reads gazetteer features.
        Loading only reads: the ONNX files are written when the model is built.
        """
        from transformers import AutoConfig, AutoTokenizer
        from transformers.utils import logging as hf_logging

        model_dir = require_model(Path(model_dir))
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        config = AutoConfig.from_pretrained(str(model_dir))
        tags = _bio_tags(config, model_dir)
        device = resolve_device(device)
        choice = choose_runtime(runtime, device, model_dir)
        encoder = load_encoder(model_dir, device, choice.runtime)
        card = model_card(model_dir)
        kwargs.setdefault("max_subwords", max_window(config))
        return cls(
            encoder,
            AutoTokenizer.from_pretrained(str(model_dir)),
            tags,
            device,
            name=card.get("name", model_dir.name),
            version=card.get("version", "0"),
            gazetteer=_gazetteer(model_dir, kb),
            runtime=choice,
            **kwargs,
        )

    # -- public API -------------------------------------------------------
    def tag(self, text: str) -> list[Entity]:
        return self.tag_many([text])[0]

    def tag_many(self, texts: Sequence[str]) -> list[list[Entity]]:
        """Tag several documents; their sentences share forward passes."""
        return self.tag_documents(segment_documents(texts))

    def tag_documents(self, docs: Sequence[DocumentWords]) -> list[list[Entity]]:
        """Tag already segmented documents (the pipeline segments once for all its steps):
        preprocess → forward → postprocess, each step over all sentences at once."""
        batch = self.windows(self.tokenise(docs))
        word_probs = self.merge_windows(batch, self.forward(batch))
        return self.spans(docs, batch, self._decoder.decode_flat(word_probs, batch.n_words))

    def prepare(self, texts: Sequence[str]) -> _Batch:
        """The texts segmented, tokenised and cut into encoder windows."""
        return self.windows(self.tokenise(segment_documents(texts)))

    def word_probabilities(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Each text's (words, tags) probabilities, as the decoder receives them."""
        batch = self.prepare(texts)
        probs = self.merge_windows(batch, self.forward(batch))
        words_per_doc = np.bincount(batch.sentence_doc, batch.n_words, minlength=len(texts))
        return split_flat(probs, words_per_doc.astype(np.int64))

    # -- the steps, each over every sentence of the batch ------------------------------
    def tokenise(self, docs: Sequence[DocumentWords]) -> _Batch:
        """Every sentence tokenised in one call; each word tied to its first subword."""
        n_words = np.concatenate([np.zeros(0, dtype=np.int64), *(d.sentence_words for d in docs)])
        spans = np.concatenate(
            [np.zeros((0, 2), dtype=np.int64), *(d.sentence_spans for d in docs)]
        )
        words = np.concatenate([np.zeros((0, 2), dtype=np.int64), *(d.words for d in docs)])
        sentence_doc = np.repeat(np.arange(len(docs)), [len(d.sentence_words) for d in docs])
        texts = [
            docs[d].norm.text[s:e]
            for d, (s, e) in zip(sentence_doc.tolist(), spans.tolist(), strict=True)
        ]
        ids, offsets, n_tokens = self._subwords(texts)
        offsets += np.repeat(spans[:, 0], n_tokens)[:, None]
        heads = word_heads_many(offsets, n_tokens, words, n_words)
        batch = _Batch(docs, sentence_doc, words, n_words, ids, n_tokens, heads)
        if self.gazetteer is not None:
            batch.features = self._features(batch)
        return batch

    def _features(self, batch: _Batch) -> np.ndarray:
        """Each subword's gazetteer bits (its word's), sentence by sentence."""
        out = [np.zeros(0, dtype=np.int64)]
        words = split_flat(batch.words, batch.n_words)
        heads = split_flat(batch.heads, batch.n_words)
        docs, n_tokens = batch.sentence_doc.tolist(), batch.n_tokens.tolist()
        gazetteer = self.gazetteer
        assert gazetteer is not None  # called only for a model that reads a list
        for d, w, h, n in zip(docs, words, heads, n_tokens, strict=True):
            bits = gazetteer.word_features(batch.docs[d].norm.text, w.tolist())
            out.append(np.array(subword_features(h.tolist(), n, bits), dtype=np.int64))
        return np.concatenate(out)

    def windows(self, batch: _Batch) -> _Batch:
        """The encoder windows: a sentence that fits is one window; a longer one is cut into
        overlapping windows of whole words (models.encoding.make_windows)."""
        first_token, first_word = batch.first_token(), batch.first_word()
        bos, eos = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        batch.cut = {
            s: make_windows(
                batch.ids[first_token[s] : first_token[s] + batch.n_tokens[s]].tolist(),
                batch.heads[first_word[s] : first_word[s] + batch.n_words[s]].tolist(),
                int(batch.n_words[s]),
                self.max_subwords,
                bos,
                eos,
            )
            for s in np.flatnonzero(batch.n_tokens > self.max_subwords).tolist()
        }
        count = np.ones(len(batch.n_words), dtype=np.int64)
        count[list(batch.cut)] = [len(w) for w in batch.cut.values()]
        batch.window_sentence = np.repeat(np.arange(len(count)), count)
        batch.window_start = first_token[batch.window_sentence]
        batch.window_size = batch.n_tokens[batch.window_sentence]
        for s, cut in batch.cut.items():
            at = np.flatnonzero(batch.window_sentence == s)
            batch.window_start[at] += [w.first_subword for w in cut]
            batch.window_size[at] = [len(w.input_ids) - 2 for w in cut]
        return batch

    def forward(self, batch: _Batch) -> WindowProbs:
        """Tag probabilities at every position of every window (the hot path: just the model
        calls). Each encoder batch's output is kept whole, padding and all."""
        outputs: list[np.ndarray] = [np.zeros((0, len(self.tags)), dtype=np.float32)]
        first_row = np.zeros(len(batch.window_size), dtype=np.int64)
        rows = 0
        for chosen, arrays in self.encoder_batches(batch):
            probs = self.encoder(*arrays)
            n, width = arrays[0].shape
            first_row[chosen] = rows + width * np.arange(n)
            outputs.append(probs.reshape(n * width, -1))
            rows += n * width
        return WindowProbs(np.concatenate(outputs), first_row)

    def encoder_batches(
        self, batch: _Batch, batch_tokens: int | None = None
    ) -> Iterator[tuple[list[int], EncoderInputs]]:
        """Windows in length-sorted runs of at most ``batch_tokens`` padded positions: each
        run's window indices and encoder inputs (ids, mask, gazetteer features).

        A window is padded to its own length rounded up to ``WIDTH_STEP``, and a run holds
        windows of one padded width only: the encoder then sees the same width for a text
        whatever it is batched with, so its output does not depend on its neighbours
        (padding changes the order of floating-point sums in some kernels)."""
        budget = batch_tokens or self.batch_tokens
        order = np.argsort(batch.window_size, kind="stable")
        lengths = batch.window_size[order] + 2
        ids, features = self._window_inputs(batch, order, lengths)
        ends = np.cumsum(lengths).tolist()
        widths = (-(-lengths // WIDTH_STEP) * WIDTH_STEP).tolist()
        i = 0
        while i < len(widths):
            j = i + 1
            while j < len(widths) and widths[j] == widths[i] and (j - i + 1) * widths[j] <= budget:
                j += 1
            lo, hi = ends[i] - int(lengths[i]), ends[j - 1]
            padded, filled = _padded(
                ids[lo:hi], lengths[i:j], self.tokenizer.pad_token_id, widths[i]
            )
            bits = (
                None
                if features is None
                else _padded(features[lo:hi], lengths[i:j], 0, widths[i])[0]
            )
            yield order[i:j].tolist(), (padded, filled.astype(np.int64), bits)
            i = j

    def _window_inputs(
        self, batch: _Batch, order: np.ndarray, lengths: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """The windows' ids (<s>, the window's subwords, </s>) and gazetteer features, in
        ``order``, one window after the other: gathered for all windows at once."""
        k = ranges(lengths)
        last = np.repeat(lengths - 1, lengths)
        n = len(batch.ids)  # the gather's source: the subwords, then <s> and </s>
        source = np.where(k == 0, n, np.where(k == last, n + 1, 0))
        inner = (k > 0) & (k < last)
        source[inner] = (np.repeat(batch.window_start[order] - 1, lengths) + k)[inner]
        bos, eos = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        ids = np.append(batch.ids, [bos, eos])[source]
        if batch.features is None:
            return ids, None
        return ids, np.append(batch.features, [0, 0])[source]

    def _arrays(self, windows: Sequence[_WindowIds]) -> EncoderInputs:
        """Padded ids and mask of explicit windows (each with ``input_ids`` and ``features``,
        such as training windows), and their gazetteer features."""
        lengths = np.array([len(w.input_ids) for w in windows])
        flat = np.fromiter(
            chain.from_iterable(w.input_ids for w in windows), np.int64, int(lengths.sum())
        )
        ids, filled = _padded(flat, lengths, self.tokenizer.pad_token_id)
        features = None
        if self.gazetteer is not None:
            bits = chain.from_iterable(w.features or [0] * len(w.input_ids) for w in windows)
            features = _padded(np.fromiter(bits, np.int64, int(lengths.sum())), lengths, 0)[0]
        return ids, filled.astype(np.int64), features

    def merge_windows(self, batch: _Batch, probs: WindowProbs) -> np.ndarray:
        """(words, tags) probabilities, all sentences' words one after the other. A sentence
        that fits one window takes each word's first subword's row, gathered for all such
        sentences at once; a word in two windows is read from the one where it sits furthest
        from an edge; a word sharing its first subword with the word before continues that
        word's tag."""
        fits = batch.n_tokens <= self.max_subwords
        first_window = np.searchsorted(batch.window_sentence, np.arange(len(fits)))
        first_row, first_word = probs.first_row, batch.first_word()
        in_fit = np.repeat(fits, batch.n_words)
        heads = batch.heads[in_fit]
        out = np.empty((len(batch.heads), len(self.tags)), dtype=np.float32)
        out[in_fit] = probs.rows[
            np.where(heads >= 0, heads + 1, 0)
            + np.repeat(first_row[first_window[fits]], batch.n_words[fits])
        ]
        starts_sentence = np.zeros(len(out), dtype=bool)
        starts_sentence[first_word[batch.n_words > 0]] = True
        for w in np.flatnonzero((batch.heads < 0) & in_fit).tolist():  # in order: chains
            self._continue_word(out, w, starts_sentence[w])
        for s, cut in batch.cut.items():
            windows = range(first_window[s], first_window[s] + len(cut))
            rows = [
                probs.rows[first_row[v] : first_row[v] + batch.window_size[v] + 2] for v in windows
            ]
            w0, n = first_word[s], int(batch.n_words[s])
            out[w0 : w0 + n] = self._merge_sentence(cut, n, rows)
        return out

    def _merge_sentence(self, windows: list[Window], n: int, probs: list[np.ndarray]) -> np.ndarray:
        """A sentence of ``n`` words cut into several windows: each word from the window where
        it sits furthest from an edge."""
        out = np.zeros((n, len(self.tags)), dtype=np.float32)
        best = np.full(n, -1)
        for win, p in zip(windows, probs, strict=True):
            for k, pos in enumerate(win.word_heads):
                w = win.first_word + k
                dist = window_distance(win, w)
                if pos >= 0 and dist > best[w]:
                    best[w] = dist
                    out[w] = p[pos]
        for w in np.flatnonzero(best < 0).tolist():
            self._continue_word(out, w, w == 0)
        return out

    def _continue_word(self, out: np.ndarray, w: int, first: bool) -> None:
        """Word ``w`` shares its first subword with the word before: it continues that
        word's tag (B-X becomes I-X; the first word of a sentence continues O)."""
        prev = self._outside if first else out[w - 1]
        out[w] = np.bincount(self._b_to_i, weights=prev, minlength=len(self.tags))

    def spans(
        self, docs: Sequence[DocumentWords], batch: _Batch, decoded: list[list[WordSpan]]
    ) -> list[list[Entity]]:
        """Mentions on the text as received, tidied per docs/annotation.md; the words they
        start and end at looked up for all mentions at once."""
        results: list[list[Entity]] = [[] for _ in docs]
        found = [(s, span) for s, spans in enumerate(decoded) for span in spans]
        if not found:
            return results
        sentence = np.array([s for s, _ in found], dtype=np.int64)
        first_word = batch.first_word()[sentence]
        starts = batch.words[first_word + [span.first for _, span in found], 0]
        ends = batch.words[first_word + [span.last - 1 for _, span in found], 1]
        for d, start, end, (_, span) in zip(
            batch.sentence_doc[sentence].tolist(),
            starts.tolist(),
            ends.tolist(),
            found,
            strict=True,
        ):
            ent = entity_at(docs[d].norm, start, end, span.label, span.score)
            if ent is not None:
                results[d].append(ent)
        return results
