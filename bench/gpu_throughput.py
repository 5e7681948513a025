"""GPU figures for the README, in one short run (bench/gpu_check.sh calls it).

    python bench/gpu_throughput.py [--model NAME|DIR] [--repeat 10]

Rifat test repeated ``--repeat`` times: sentences/s of the encoder alone (length-sorted
batches, fp32 and bf16) and of the whole tagger (``Tagger.tag_many``), p50/p95 of one
2,000-character article through ``Pipeline.extract``, and Rifat test names F1 with
each precision (the bf16 figure must stay within 0.2 points of fp32). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.runner import score_extractor
from banglaner.models.loading import load_pipeline
from banglaner.models.settings import CoreSettings
from banglaner.training.corpora import load_corpus
from banglaner.training.gold_corpora import as_gold
from bench.service_load import p50_p95


def _sync() -> None:
    import torch

    torch.cuda.synchronize()


def encoder_alone(pipe, texts: list[str], batch_tokens: int) -> float:
    """Sentences/s of the encoder on pre-made length-sorted batches (no host work timed)."""
    tagger = pipe.tagger
    from banglaner.models.document import segment_document

    batch = tagger.windows(tagger.tokenise([segment_document(t) for t in texts]))
    arrays = [inputs for _, inputs in tagger.encoder_batches(batch, batch_tokens)]
    tagger.encoder(*arrays[0])
    _sync()
    t0 = time.perf_counter()
    for a in arrays:
        tagger.encoder(*a)
    _sync()
    return len(texts) / (time.perf_counter() - t0)


def whole_tagger(pipe, texts: list[str]) -> float:
    pipe.tagger.tag_many(texts[:256])
    _sync()
    t0 = time.perf_counter()
    for lo in range(0, len(texts), 4096):
        pipe.tagger.tag_many(texts[lo : lo + 4096])
    _sync()
    return len(texts) / (time.perf_counter() - t0)


def article_latency(pipe, article: str, n: int = 50) -> dict[str, float]:
    for _ in range(5):
        pipe.extract(article)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        pipe.extract(article)
        times.append((time.perf_counter() - t0) * 1000)
    return p50_p95(times, digits=2)


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        sys.exit("no CUDA device: this benchmark is for a GPU machine")
    settings = CoreSettings().with_model(args.model)
    sentences = load_corpus("rifat-test", settings.data_dir)
    texts = [s.text for s in sentences] * args.repeat
    article = " ".join(s.text for s in sentences[:40])[:2100]
    report: dict[str, object] = {"gpu": torch.cuda.get_device_name(0), "sentences": len(texts)}
    for runtime in ("torch", "torch-bf16"):
        pipe = load_pipeline(settings.model_copy(update={"device": "cuda", "runtime": runtime}))
        pipe.tagger.batch_tokens = 65536
        scores = score_extractor(pipe.extract_many, as_gold("rifat-test", sentences))
        report[runtime] = {
            "encoder_alone_sentences_per_s": {
                f"batch {n} tokens": round(encoder_alone(pipe, texts, n)) for n in (16384, 65536)
            },
            "tagger_sentences_per_s": round(whole_tagger(pipe, texts)),
            "article": article_latency(pipe, article),
            "rifat_test_names_f1": round(scores["micro_names"].f1, 4),
        }
        del pipe
        torch.cuda.empty_cache()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
