"""The CPU runtimes side by side, in one run on this machine: the README's runtime table.

    .venv/bin/python bench/runtime_table.py [--model default] [--requests 100] [--docs 120]
    .venv/bin/python bench/runtime_table.py --latency-only --runtime onnx-int8-static \
        --runtime onnx-int8 --requests 150     # p50/p95 of the named runtimes' servers only

For each CPU runtime of the model (the full pipeline): batch-independent by design, and
texts whose entities differ between extracting each alone and extracting them in batches
of 16 with shuffled neighbours (two shuffles; 320 real texts: 200 karim2019/neon sentences
of eval/gold/real.jsonl and 120 news documents of Rifat); strict PER/LOC/ORG micro-F1 on
Rifat test and the gold sets (bench/model_table.SETS); p50/p95 of POST /extract for the
bench article at concurrency 1 (a real server per runtime, all taking turns request by
request); documents/s of ``banglaner annotate`` on ``--docs`` news documents. Prints a
Markdown table. Compare rows of one run only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.encoders import RUNTIME_INFO, onnx_path
from banglaner.models.loading import ensure_kb, load_pipeline
from banglaner.models.settings import CoreSettings
from bench.annotate_vs_hf import build_documents
from bench.model_table import GOLD, SETS, docs_per_s, names_f1
from bench.service_load import bench_article, interleaved_latency
from tests.server import running_server

BATCH = 16


def real_texts(data_dir: Path) -> list[str]:
    gold = [json.loads(line)["text"] for line in (GOLD / "real.jsonl").open(encoding="utf-8")]
    return gold[:200] + [d["text"] for d in build_documents(120, data_dir)]


def differing(settings: CoreSettings, texts: list[str], shuffles: int = 2) -> list[int]:
    """Per shuffle: how many texts get other entities in batches than alone."""
    pipe = load_pipeline(settings)
    alone = [[e.to_dict() for e in pipe.extract(t)] for t in texts]
    counts = []
    for seed in range(shuffles):
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        batched: dict[int, list] = {}
        for k in range(0, len(order), BATCH):
            chunk = order[k : k + BATCH]
            for i, ents in zip(chunk, pipe.extract_many([texts[i] for i in chunk]), strict=True):
                batched[i] = [e.to_dict() for e in ents]
        counts.append(sum(batched[i] != alone[i] for i in range(len(texts))))
    return counts


def _latencies(base: CoreSettings, kb: Path, runtimes: list[str], requests: int) -> list[dict]:
    """p50/p95 of POST /extract per runtime: a server each, taking turns request by request."""
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(running_server(base.resolved_model_dir, kb, runtime=r))
            for r in runtimes
        ]
        return interleaved_latency([s.url for s in servers], bench_article(base.data_dir), requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default", help="name or dir")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--runtime", action="append", help="only these runtimes (repeatable)")
    parser.add_argument("--latency-only", action="store_true", help="servers' p50/p95 only")
    args = parser.parse_args()
    base = CoreSettings().with_model(args.model)
    model_dir, kb = base.resolved_model_dir, ensure_kb(base)
    runtimes = [
        r
        for r, info in RUNTIME_INFO.items()
        if info.cpu and (info.onnx_file is None or onnx_path(model_dir, r).is_file())
        if not args.runtime or r in args.runtime
    ]
    if args.latency_only:
        latencies = _latencies(base, kb, runtimes, args.requests)
        for runtime, lat in zip(runtimes, latencies, strict=True):
            print(f"{runtime}: p50 {lat['p50_ms']:.0f} ms, p95 {lat['p95_ms']:.0f} ms")
        return
    texts = real_texts(base.data_dir)
    rows: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs = build_documents(args.docs, base.data_dir)
        corpus.write_text(
            "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs), "utf-8"
        )
        for runtime in runtimes:
            settings = base.model_copy(update={"runtime": runtime})
            rows[runtime] = {
                "differing": differing(settings, texts),
                **names_f1(settings),
                "documents/s": docs_per_s(
                    model_dir, kb, corpus, Path(tmp) / f"{runtime}.jsonl", "--runtime", runtime
                ),
            }
    for runtime, lat in zip(runtimes, _latencies(base, kb, runtimes, args.requests), strict=True):
        rows[runtime] |= lat
    names = [name for name, _, _ in SETS]
    article = len(bench_article(base.data_dir))
    print(f"model {model_dir.name}; {len(texts)} texts alone vs batched; article {article} chars")
    print("| runtime | batch-independent | texts differing | " + " | ".join(names), end="")
    print(" | p50 ms | p95 ms | documents/s |")
    print("|---" * (len(names) + 6) + "|")
    for runtime, r in rows.items():
        design = "yes" if RUNTIME_INFO[runtime].batch_independent else "no"
        f1s = " | ".join(f"{r[n]:.3f}" for n in names)
        print(
            f"| {runtime} | {design} | {' / '.join(map(str, r['differing']))} | {f1s} | "
            f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['documents/s']:.2f} |"
        )


if __name__ == "__main__":
    main()
