"""Host cost: the Python around the encoder, per sentence and stage, with a null encoder.

    .venv/bin/python bench/host_cost.py [--model NAME|DIR] [--sentences 20000] [--batch 512]
                                        [--base REV] [--rounds 1]

Runs the whole tagging path on Rifat test sentences repeated to ``--sentences``,
each sentence one document, ``--batch`` documents per call (as the batch job
does), with an encoder that returns fixed probabilities instantly, and prints
µs per sentence for each stage. Repeated sentences find the per-word caches (subwords,
normaliser, linker) warm, as a long-running service would; ``first_batch_us_per_sentence``
is the first batch, every word new to them. Runs on any machine; no GPU, no model weights
are executed. Compare stages within one run only: ``--base REV`` times the same
stages on that revision's code (in a git worktree: bench/host_cost_62c0f50.py for
62c0f50, the revision's own bench/host_cost.py for later ones) and prints both;
``--rounds N`` times each side N times, taking turns, and keeps each side's fastest
round (this machine's speed drifts by tens of percent within minutes).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.dates.merge import merge_dates
from banglaner.models.document import segment_normalized
from banglaner.models.loading import load_pipeline
from banglaner.models.normalize import normalize
from banglaner.models.settings import CoreSettings
from banglaner.training.corpora import load_corpus
from bench.null_encoder import NullEncoder
from bench.revision import code_env, worktree


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
    docs = segment_normalized(norms)
    t0 = lap("segment", t0)
    tagger = pipe.tagger
    batch = tagger.tokenise(docs)
    t0 = lap("tokenise", t0)
    tagger.windows(batch)
    t0 = lap("window", t0)
    window_probs = tagger.forward(batch)
    t0 = lap("encoder (null) + batching", t0)
    word_probs = tagger.merge_windows(batch, window_probs)
    t0 = lap("merge windows", t0)
    decoded = tagger._decoder.decode_flat(word_probs, batch.n_words)
    t0 = lap("decode (Viterbi)", t0)
    found = tagger.spans(docs, batch, decoded)
    t0 = lap("spans", t0)
    dated = [merge_dates(ents, d.norm, doc_date) for d, ents in zip(docs, found, strict=True)]
    t0 = lap("dates", t0)
    if pipe.linker is not None:
        for d, ents in zip(docs, dated, strict=True):
            pipe.linker.link(ents, d.norm.original)
        lap("link", t0)
    return t


def revision_cost(revision: str, sentences: int, batch: int) -> dict:
    """The same stages timed on ``revision``'s code: by bench/host_cost_<revision>.py where
    that revision's API needs a script of its own (62c0f50), else by its own host_cost.py."""
    bench = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp, worktree(revision, Path(tmp) / "code") as code:
        env = code_env(code, Path(tmp) / "kb.sqlite") | {"PYTHONPATH": f"{code}:{bench}"}
        script = bench / f"host_cost_{revision}.py"
        if not script.is_file():
            script = code / "bench" / "host_cost.py"
        proc = subprocess.run(
            [sys.executable, str(script), "--sentences",
             str(sentences), "--batch", str(batch)],
            cwd=code, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
    return {"revision": revision, **json.loads(proc.stdout)}


_TAGGING = (
    "normalise",
    "segment",
    "tokenise",
    "window",
    "encoder (null) + batching",
    "merge windows",
    "decode (Viterbi)",
)


def checkout_cost(pipe, texts: list[str], batch: int) -> dict:
    """µs per sentence per stage of this checkout, over ``texts`` in calls of ``batch``."""
    totals: dict[str, float] = defaultdict(float)
    for lo in range(0, len(texts), batch):
        for name, seconds in _stages(pipe, texts[lo : lo + batch], date(2024, 1, 1)).items():
            totals[name] += seconds
    per = {name: round(s / len(texts) * 1e6, 1) for name, s in totals.items()}
    return {
        "sentences": len(texts),
        "batch_documents": batch,
        "us_per_sentence": per,
        "normalise_to_decode_us": round(sum(per[k] for k in _TAGGING), 1),
        "all_host_us": round(sum(per.values()), 1),
    }


def fastest(rounds: list[dict]) -> dict:
    """The round least slowed by the machine (smallest total), with every round's total."""
    best = min(rounds, key=lambda r: r["all_host_us"])
    return best | {"all_host_us_per_round": [r["all_host_us"] for r in rounds]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--base", help="also time this git revision (62c0f50, 351a843...)")
    parser.add_argument("--rounds", type=int, default=1, help="runs per side, order alternating")
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    pipe = load_pipeline(settings)
    pipe.tagger.encoder = NullEncoder(pipe.tagger.tags)
    base = [s.text for s in load_corpus("rifat-test", settings.data_dir)]
    texts = (base * (args.sentences // len(base) + 1))[: args.sentences]
    # warm caches, as a service would be; the first batch shows the cost of words never seen
    first = _stages(pipe, texts[: args.batch], date(2024, 1, 1))
    before: list[dict] = []
    after: list[dict] = []
    for r in range(args.rounds):
        if args.base and r % 2 == 0:
            before.append(revision_cost(args.base, args.sentences, args.batch))
        after.append(checkout_cost(pipe, texts, args.batch))
        if args.base and r % 2 == 1:
            before.append(revision_cost(args.base, args.sentences, args.batch))
    report = fastest(after) | {
        # the first batch: every word new to the caches (subwords, normaliser, linker)
        "first_batch_us_per_sentence": {
            name: round(sec / args.batch * 1e6, 1) for name, sec in first.items()
        },
    }
    if before:
        report = {"before": fastest(before), "after": report}
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
