"""Host cost: the Python around the encoder, per sentence and stage, with a null encoder.

    .venv/bin/python bench/host_cost.py [--model NAME|DIR] [--sentences 20000] [--batch 512]

Runs the whole tagging path on Rifat test sentences repeated to ``--sentences``,
each sentence one document, ``--batch`` documents per call (as the batch job
does), with an encoder that returns fixed probabilities instantly, and prints
µs per sentence for each stage. Runs on any machine; no GPU, no model weights
are executed. Compare stages within one run only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.dates.merge import merge_dates
from models.document import DocumentWords
from models.loading import load_pipeline
from models.normalize import normalize
from models.segment import split_sentences, split_words
from models.settings import CoreSettings
from training.corpora import load_corpus


class NullEncoder:
    """Fixed probabilities, returned at once: the cost of everything but the encoder. Shaped
    like a real model's: mostly O, a mention every dozen positions or so."""

    def __init__(self, tags: tuple[str, ...]) -> None:
        rng = np.random.default_rng(0)
        table = rng.random((1024, len(tags))).astype(np.float32) * 0.05
        table[:, tags.index("O")] = 1.0
        for row in range(3, 1020, 12):
            table[row, tags.index("B-PER")] = 2.0
            table[row + 1, tags.index("I-PER")] = 2.0
        for row in range(8, 1024, 17):
            table[row, tags.index("B-LOC")] = 2.0
        self.table = table / table.sum(axis=1, keepdims=True)

    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, gazetteer: np.ndarray | None = None
    ) -> np.ndarray:
        batch, width = input_ids.shape
        return np.broadcast_to(self.table[:width], (batch, width, self.table.shape[1]))


def _stages(pipe, texts: list[str], doc_date: date) -> dict[str, float]:
    """Seconds per stage for one batch of documents."""
    t: dict[str, float] = {}

    def lap(name: str, start: float) -> float:
        now = time.perf_counter()
        t[name] = now - start
        return now

    t0 = time.perf_counter()
    norms = [normalize(text) for text in texts]
    t0 = lap("normalise", t0)
    docs = [
        DocumentWords(n, [((s, e), split_words(n.text, s, e)) for s, e in split_sentences(n.text)])
        for n in norms
    ]
    t0 = lap("segment", t0)
    tagger = pipe.tagger
    sentences = tagger.tokenise(docs)
    t0 = lap("tokenise", t0)
    tagger.windows(sentences)
    t0 = lap("window", t0)
    window_probs = tagger.forward(sentences)
    t0 = lap("encoder (null) + batching", t0)
    word_probs = tagger.merge_windows(sentences, window_probs)
    t0 = lap("merge windows", t0)
    decoded = tagger._decoder.decode_many(word_probs)
    t0 = lap("decode (Viterbi)", t0)
    found = tagger.spans(docs, sentences, decoded)
    t0 = lap("spans", t0)
    dated = [merge_dates(ents, d.norm, doc_date) for d, ents in zip(docs, found, strict=True)]
    t0 = lap("dates", t0)
    if pipe.linker is not None:
        for d, ents in zip(docs, dated, strict=True):
            pipe.linker.link(ents, d.norm.original)
        lap("link", t0)
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=512)
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    pipe = load_pipeline(settings)
    pipe.tagger.encoder = NullEncoder(pipe.tagger.tags)
    base = [s.text for s in load_corpus("rifat-test", settings.data_dir)]
    texts = (base * (args.sentences // len(base) + 1))[: args.sentences]
    totals: dict[str, float] = defaultdict(float)
    _stages(pipe, texts[: args.batch], date(2024, 1, 1))  # warm caches, as a service would be
    for lo in range(0, len(texts), args.batch):
        for name, seconds in _stages(pipe, texts[lo : lo + args.batch], date(2024, 1, 1)).items():
            totals[name] += seconds
    per = {name: round(s / len(texts) * 1e6, 1) for name, s in totals.items()}
    tagging = (
        "normalise",
        "segment",
        "tokenise",
        "window",
        "encoder (null) + batching",
        "merge windows",
        "decode (Viterbi)",
    )
    report = {
        "sentences": len(texts),
        "batch_documents": args.batch,
        "us_per_sentence": per,
        "normalise_to_decode_us": round(sum(per[k] for k in tagging), 1),
        "all_host_us": round(sum(per.values()), 1),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
