"""This checkout against an earlier git revision, in one run on this machine: the batch job's
documents/s and POST /extract latency for a news article, same model, same corpus.

    .venv/bin/python bench/compare_revisions.py --base 62c0f50 [--docs 300] [--requests 40]

The revision is checked out into a temporary git worktree and run with this venv
(``PYTHONPATH`` pointing at it); it builds its own knowledge base from its own sources.
Machines differ ~3x in speed, so only the ratio between the two columns means anything.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.annotate_vs_hf import build_documents
from bench.revision import ROOT, annotate, code_env, worktree
from models.settings import CoreSettings
from tests.server import free_port


def annotate_docs_per_s(code: Path, kb: Path, corpus: Path, out: Path) -> float:
    """Wall-clock documents/s of ``banglaner annotate`` (default workers), model load included."""
    t0 = time.perf_counter()
    annotate(code, kb, corpus, out)
    return sum(1 for _ in out.open(encoding="utf-8")) / (time.perf_counter() - t0)


def extract_latency(code: Path, kb: Path, text: str, requests: int) -> dict[str, float]:
    """p50/p95 ms of POST /extract at concurrency 1 against ``banglaner serve``."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        cwd=code, env=code_env(code, kb), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        times = []
        for i in range(requests + 3):
            t0 = time.perf_counter()
            httpx.post(base + "/extract", json={"text": text}, timeout=60).raise_for_status()
            if i >= 3:  # warm-up
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        return {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision to compare against")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    settings = CoreSettings()
    docs = build_documents(args.docs, settings.data_dir)
    article = next(d["text"] for d in docs if len(d["text"]) >= 2000)[:2100]
    report: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        corpus.write_text(
            "".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n"
                    for d in docs),
            encoding="utf-8",
        )  # fmt: skip
        with worktree(args.base, work / "base") as base:
            for name, code in ((args.base, base), ("this checkout", ROOT)):
                kb = work / f"kb-{len(report)}.sqlite"
                report[name] = {
                    "annotate_docs_per_s": round(
                        annotate_docs_per_s(code, kb, corpus, work / f"out-{len(report)}.jsonl"), 2
                    ),
                    **extract_latency(code, kb, article, args.requests),
                }
    first, second = report.values()
    report["ratio (this / base)"] = {
        "annotate_docs_per_s": round(
            second["annotate_docs_per_s"] / first["annotate_docs_per_s"], 2
        ),
        "p95_ms": round(second["p95_ms"] / first["p95_ms"], 2),
    }
    print(json.dumps({"documents": len(docs), "article_chars": len(article), **report}, indent=2))


if __name__ == "__main__":
    main()
