"""Tagger benchmark: load time, resident memory, sentences/s, and latency of one article.

    .venv/bin/python bench/tagger_throughput.py [--model DIR] [--sentences N] [--runtime R]

Sentences come from Rifat test (deduplicated); the article is 2,000 characters
of them joined. Prints one JSON object; ``encoder_share`` is the part of the batch
tagging time spent inside the encoder (the rest is the host work of bench/host_cost.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.encoders import RUNTIMES
from banglaner.models.tagger import Tagger
from banglaner.service.settings import get_settings
from banglaner.training.corpora import load_corpus
from bench.service_load import p50_p95


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TimedEncoder:
    """The tagger's encoder, with the seconds spent in it added up."""

    def __init__(self, encoder) -> None:
        self.encoder = encoder
        self.seconds = 0.0

    def __call__(self, *inputs):
        t0 = time.perf_counter()
        try:
            return self.encoder(*inputs)
        finally:
            self.seconds += time.perf_counter() - t0


def _article(sentences: list[str], chars: int = 2000) -> str:
    """Sentences joined until the text is longer than ``chars``: a news article."""
    article = ""
    for s in sentences:
        if len(article) > chars:
            break
        article += s + " "
    return article


def _tagging_seconds(tagger: Tagger, sentences: list[str]) -> tuple[float, float]:
    """Seconds to tag ``sentences`` in calls of 256, and the encoder's part of them."""
    encoder = TimedEncoder(tagger.encoder)
    tagger.encoder = encoder
    t0 = time.perf_counter()
    try:
        for lo in range(0, len(sentences), 256):
            tagger.tag_many(sentences[lo : lo + 256])
    finally:
        tagger.encoder = encoder.encoder
    return time.perf_counter() - t0, encoder.seconds


def _latencies_ms(tagger: Tagger, article: str, runs: int = 20) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        tagger.tag(article)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(settings.resolved_model_dir))
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--runtime", default=settings.runtime, choices=RUNTIMES)
    args = parser.parse_args()

    sentences = [s.text for s in load_corpus("rifat-test", settings.data_dir)][: args.sentences]
    article = _article(sentences)
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    tagger = Tagger.load(args.model, settings.device, args.runtime)
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    tagger.tag(article)  # warm-up
    batch_s, encoder_s = _tagging_seconds(tagger, sentences)
    latency = p50_p95(_latencies_ms(tagger, article))
    model_dir = Path(args.model)
    size_mb = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file()) / 1e6
    print(
        json.dumps(
            {
                "model": str(model_dir),
                "runtime": tagger.runtime.runtime,
                "model_dir_mb": round(size_mb, 1),
                "load_seconds": round(load_s, 2),
                "rss_mb_before_load": round(rss0),
                "rss_mb_loaded": round(rss_loaded),
                "rss_mb_after_tagging": round(_rss_mb()),
                "sentences": len(sentences),
                "sentences_per_s": round(len(sentences) / batch_s, 1),
                "encoder_share": round(encoder_s / batch_s, 3),
                "article_chars": len(article),
                "article_latency_ms_p50": latency["p50_ms"],
                "article_latency_ms_p95": latency["p95_ms"],
                "threads": __import__("torch").get_num_threads(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
