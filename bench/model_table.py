"""Models side by side, in one run on this machine: the README's fast-model table.

    .venv/bin/python bench/model_table.py --model default --model fast [--model DIR ...]

For each model (the full pipeline, default CPU runtime): encoder layers; PER/LOC/ORG
strict micro-F1 on Rifat test (own labels and reconciled), the gold articles and the
world set's test split; p50/p95 of POST /extract for the bench article (the one of
bench/service_load.py) at concurrency 1 through a real server (one per model, all
started at once and taking turns request by request); and documents/s of
``banglaner annotate`` (default workers) on 300 news-length documents. Prints a
Markdown table. Compare rows of one run only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.runner import score_extractor
from banglaner.models.loading import ensure_kb, load_pipeline
from banglaner.models.settings import CoreSettings
from banglaner.training.gold_corpora import read_gold
from bench.annotate_vs_hf import build_documents
from bench.revision import ROOT, annotate
from bench.service_load import bench_article, interleaved_latency
from tests.server import running_server

GOLD = ROOT / "eval" / "gold"
SETS = (
    ("Rifat test, own labels", "rifat-test:own", None),
    ("Rifat test, reconciled", "rifat-test", None),
    ("articles", str(GOLD / "articles.jsonl"), None),
    ("world test split", str(GOLD / "world.jsonl"), "test"),
)


def names_f1(settings: CoreSettings) -> dict[str, float]:
    pipe = load_pipeline(settings)
    out = {}
    for name, source, split in SETS:
        docs = read_gold(source, settings.data_dir, split)[1]
        extract = lambda texts, docs=docs: pipe.extract_many(texts)  # noqa: E731
        out[name] = score_extractor(extract, docs)["micro_names"].f1
    return out


def docs_per_s(model_dir: Path, kb: Path, corpus: Path, out: Path, *extra: str) -> float:
    t0 = time.perf_counter()
    annotate(ROOT, kb, corpus, out, *extra, model_dir=model_dir)
    return sum(1 for _ in out.open(encoding="utf-8")) / (time.perf_counter() - t0)


def measure(settings: CoreSettings, kb: Path, corpus: Path) -> dict:
    model_dir = settings.resolved_model_dir
    config = json.loads((model_dir / "config.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        rate = docs_per_s(model_dir, kb, corpus, Path(tmp) / "out.jsonl")
    return {
        "layers": config["num_hidden_layers"],
        **names_f1(settings),
        "documents/s": rate,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", required=True, help="name or dir")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--docs", type=int, default=300)
    args = parser.parse_args()
    base = CoreSettings()
    kb = ensure_kb(base)
    text = bench_article(base.data_dir)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text(
            "".join(
                json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n"
                for d in build_documents(args.docs, base.data_dir)
            ),
            encoding="utf-8",
        )
        for model in args.model:
            rows[model] = measure(base.with_model(model), kb, corpus)
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(running_server(base.with_model(m).resolved_model_dir, kb))
            for m in args.model
        ]
        for model, lat in zip(
            args.model,
            interleaved_latency([s.url for s in servers], text, args.requests),
            strict=True,
        ):
            rows[model] |= lat
    names = [name for name, _, _ in SETS]
    print(f"article: {len(text)} characters; {args.docs} documents for the batch job\n")
    print("| model | layers | " + " | ".join(names) + " | p50 ms | p95 ms | documents/s |")
    print("|---" * (len(names) + 5) + "|")
    for model, r in rows.items():
        f1s = " | ".join(f"{r[n]:.3f}" for n in names)
        print(
            f"| {model} | {r['layers']} | {f1s} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | "
            f"{r['documents/s']:.2f} |"
        )


if __name__ == "__main__":
    main()
