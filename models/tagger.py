"""The Tagger: Bengali text of any length → PER/LOC/ORG/DATE mentions with exact offsets.

normalise (with offset map) → sentences → words → subword windows → encoder
→ word tag probabilities → valid BIO → spans on the text as received.
Any Hugging Face token-classification model dir with BIO labels works; weights
are read from safetensors only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import numpy as np

from models.batching import split_flat
from models.decoding import BioDecoder
from models.document import DocumentWords, entity_from_words, segment_documents
from models.encoders import Encoder, load_encoder
from models.encoding import (
    Window,
    make_windows,
    subword_features,
    window_distance,
    word_heads_many,
)
from models.entity import Entity
from models.errors import ModelLoadError
from models.gazetteer import Gazetteer, GazetteerSpec
from models.kb.store import KnowledgeBase
from models.segment import Span
from models.subwords import Subwords


@dataclass
class _Sentence:
    """One sentence of one document: its words, subwords and encoder windows."""

    doc: int
    words: list[Span]  # offsets in the normalised text
    ids: list[int]  # subword ids of the sentence
    heads: list[int]  # each word's first subword (-1: shared with the word before)
    features: list[int] | None = None  # gazetteer bits per subword, for a model that reads them
    windows: list[Window] = field(default_factory=list)


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


def _bio_tags(config, model_dir: Path) -> list[str]:
    id2label = {int(k): v for k, v in config.id2label.items()}
    tags = [id2label[i] for i in range(len(id2label))]
    if tags[0] != "O" or any(t != "O" and t[:2] not in ("B-", "I-") for t in tags):
        raise ModelLoadError.of("E003", path=model_dir, tags=tags)
    return tags


def _gazetteer(model_dir: Path, kb: KnowledgeBase | None) -> Gazetteer | None:
    spec = GazetteerSpec.read(model_dir)
    if spec is None:
        return None
    if kb is None:
        raise ModelLoadError.of("E010", path=model_dir)
    return Gazetteer(kb, spec)


def model_card(model_dir: Path) -> dict:
    """Name and version from banglaner.json, where ``banglaner train`` wrote one."""
    card = model_dir / "banglaner.json"
    return json.loads(card.read_text()) if card.is_file() else {}


def max_window(config, cap: int = 254) -> int:
    """Subwords per window the encoder's position table allows, less room for the
    two special tokens and XLM-R's padding offset."""
    return max(8, min(cap, getattr(config, "max_position_embeddings", cap + 4) - 4))


class Tagger:
    """A loaded token-classification model that tags whole documents."""

    def __init__(
        self,
        encoder: Encoder,
        tokenizer,
        tags: Sequence[str],
        device: str = "cpu",
        max_subwords: int = 254,
        batch_tokens: int | None = None,
        name: str = "banglaner",
        version: str = "0",
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.encoder = encoder
        self.gazetteer = gazetteer  # the KB's names as features, for a model trained with them
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
        **kwargs,
    ) -> Tagger:
        """Load a model dir written by ``banglaner train`` (or any HF BIO token classifier).

        ``runtime`` (models.encoders): ``auto``, ``torch``, ``onnx`` or ``onnx-int8``.
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
        encoder = load_encoder(model_dir, device, runtime)
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
        sentences = self.windows(self.tokenise(docs))
        window_probs = self.forward(sentences)
        word_probs = self.merge_windows(sentences, window_probs)
        return self.spans(docs, sentences, self._decoder.decode_many(word_probs))

    # -- the steps, each over every sentence of the batch ------------------------------
    def tokenise(self, docs: Sequence[DocumentWords]) -> list[_Sentence]:
        """Every sentence tokenised in one call; each word tied to its first subword."""
        located = [
            (d, s, e, words) for d, doc in enumerate(docs) for (s, e), words in doc.sentences
        ]
        texts = [docs[d].norm.text[s:e] for d, s, e, _ in located]
        ids, offsets, n_tokens = self._subwords(texts)
        starts = np.repeat(np.array([s for _, s, _, _ in located], dtype=np.int64), n_tokens)
        heads = word_heads_many(
            offsets + starts[:, None], n_tokens, [words for *_, words in located]
        )
        sentences = [
            _Sentence(d, words, sub, head)
            for (d, _, _, words), sub, head in zip(located, ids, heads, strict=True)
        ]
        if self.gazetteer is not None:
            for sent in sentences:
                bits = self.gazetteer.word_features(docs[sent.doc].norm.text, sent.words)
                sent.features = subword_features(sent.heads, len(sent.ids), bits)
        return sentences

    def windows(self, sentences: list[_Sentence]) -> list[_Sentence]:
        """Cut sentences longer than the encoder's window into overlapping windows."""
        bos, eos = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        for sent in sentences:
            sent.windows = make_windows(
                sent.ids, sent.heads, len(sent.words), self.max_subwords, bos, eos, sent.features
            )
        return sentences

    def forward(self, sentences: list[_Sentence]) -> list[list[np.ndarray]]:
        """Tag probabilities per window, the encoder run on length-sorted batches of at most
        ``batch_tokens`` padded positions (the hot path: just the model calls)."""
        jobs = [(si, wi) for si, s in enumerate(sentences) for wi in range(len(s.windows))]
        widths = [len(sentences[si].windows[wi].input_ids) for si, wi in jobs]
        order = sorted(range(len(jobs)), key=widths.__getitem__)
        out: list[list[np.ndarray]] = [[None] * len(s.windows) for s in sentences]  # type: ignore[list-item]
        i = 0
        while i < len(order):
            j = i + 1
            while j < len(order) and (j - i + 1) * widths[order[j]] <= self.batch_tokens:
                j += 1
            batch = [jobs[k] for k in order[i:j]]
            probs = self.encoder(*self._arrays([sentences[si].windows[wi] for si, wi in batch]))
            for k, (si, wi) in enumerate(batch):
                out[si][wi] = probs[k]
            i = j
        return out

    def _arrays(self, batch: list[Window]) -> list[np.ndarray | None]:
        """Padded ids and mask of a batch of windows, and their gazetteer
        features: each filled row by row from all windows' values at once."""
        lengths = np.array([len(w.input_ids) for w in batch])
        filled = np.arange(lengths.max()) < lengths[:, None]
        ids = np.full(filled.shape, self.tokenizer.pad_token_id, dtype=np.int64)
        ids[filled] = np.fromiter(
            chain.from_iterable(w.input_ids for w in batch), np.int64, int(lengths.sum())
        )
        features = None
        if self.gazetteer is not None:
            features = np.zeros(filled.shape, dtype=np.int64)
            features[filled] = np.fromiter(
                chain.from_iterable(w.features or [0] * len(w.input_ids) for w in batch),
                np.int64,
                int(lengths.sum()),
            )
        return [ids, filled.astype(np.int64), features]

    def merge_windows(
        self, sentences: list[_Sentence], window_probs: list[list[np.ndarray]]
    ) -> list[np.ndarray]:
        """(words, tags) probabilities per sentence; a word in two windows is read from the
        one where it sits furthest from an edge, a word sharing its first subword with the
        word before continues that word's tag."""
        one = [i for i, sent in enumerate(sentences) if len(sent.windows) == 1]
        merged = dict(
            zip(
                one,
                self._merge_one_window(
                    [sentences[i].windows[0].word_heads for i in one],
                    [window_probs[i][0] for i in one],
                ),
                strict=True,
            )
        )
        return [
            merged[i] if i in merged else self._merge_sentence(sent, window_probs[i])
            for i, sent in enumerate(sentences)
        ]

    def _merge_one_window(
        self, heads: list[list[int]], probs: list[np.ndarray]
    ) -> list[np.ndarray]:
        """Sentences that fit one window (the common case), all at once: every window's rows
        stacked and each word's first subword's row gathered in one step."""
        if not heads:
            return []
        n_words = np.array([len(h) for h in heads], dtype=np.int64)
        flat_heads = np.fromiter(chain.from_iterable(heads), np.int64, int(n_words.sum()))
        window_start = np.cumsum([0, *(len(p) for p in probs[:-1])])
        rows = np.maximum(flat_heads, 0) + np.repeat(window_start, n_words)
        out = np.concatenate(probs)[rows].astype(np.float32, copy=False)  # a copy
        first_word = np.zeros(len(out), dtype=bool)
        first_word[(np.cumsum(n_words) - n_words)[n_words > 0]] = True
        for w in np.flatnonzero(flat_heads < 0).tolist():  # in order: chains carry on
            self._continue_word(out, w, first_word[w])
        return split_flat(out, n_words)

    def _merge_sentence(self, sent: _Sentence, probs: list[np.ndarray]) -> np.ndarray:
        """A sentence cut into several windows: each word from the window where it sits
        furthest from an edge."""
        n = len(sent.words)
        out = np.zeros((n, len(self.tags)), dtype=np.float32)
        best = np.full(n, -1)
        for win, p in zip(sent.windows, probs, strict=True):
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
        self, docs: Sequence[DocumentWords], sentences: list[_Sentence], decoded
    ) -> list[list[Entity]]:
        """Mentions on the text as received, tidied per docs/annotation.md."""
        results: list[list[Entity]] = [[] for _ in docs]
        for sent, found in zip(sentences, decoded, strict=True):
            norm = docs[sent.doc].norm
            for span in found:
                ent = entity_from_words(
                    norm, sent.words, span.first, span.last, span.label, span.score
                )
                if ent is not None:
                    results[sent.doc].append(ent)
        return results
