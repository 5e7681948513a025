"""This checkout against an earlier git revision, in one run on this machine: the batch job's
documents/s and POST /extract latency for a news article, same model, same corpus.

    .venv/bin/python bench/compare_revisions.py --base 62c0f50 [--docs 300] [--requests 40]
                                                [--rounds 2]

The revision is checked out into a temporary git worktree and run with this venv
(``PYTHONPATH`` pointing at it); each side first builds its own knowledge base from its
own sources (timed apart: a one-time step, as a user's second run finds the KB built).
The batch job then runs ``--rounds`` times per side, the order alternating (base first,
then this checkout first), and the mean is reported, so a machine slowing down during
the run does not favour one side; for the same reason the two servers run at once and
take turns request by request (bench/service_load.interleaved_latency). Machines differ
~3x in speed, so only the ratio between the two columns means anything.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.settings import CoreSettings
from bench.annotate_vs_hf import build_documents
from bench.revision import ROOT, annotate, build_kb, cli, code_env, worktree
from bench.service_load import interleaved_latency
from tests.server import free_port


def annotate_docs_per_s(code: Path, kb: Path, corpus: Path, out: Path) -> float:
    """Wall-clock documents/s of ``banglaner annotate`` (default workers), model load included."""
    t0 = time.perf_counter()
    annotate(code, kb, corpus, out)
    return sum(1 for _ in out.open(encoding="utf-8")) / (time.perf_counter() - t0)


@contextlib.contextmanager
def revision_server(code: Path, kb: Path) -> Iterator[str]:
    """``banglaner serve`` as ``code`` has it, with its own KB: the base URL, once ready."""
    port = free_port()
    proc = subprocess.Popen(
        [*cli(code), "serve", "--port", str(port)],
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
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision to compare against")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2, help="batch-job runs per side")
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
            sides = {args.base: base, "this checkout": ROOT}
            kbs = {name: work / f"kb-{k}.sqlite" for k, name in enumerate(sides)}
            for name, code in sides.items():
                report[name] = {"kb_build_s": round(build_kb(code, kbs[name]), 1)}
            rates: dict[str, list[float]] = {name: [] for name in sides}
            for r in range(args.rounds):
                for name in list(sides)[:: 1 if r % 2 == 0 else -1]:
                    out = work / f"out-{len(rates[name])}-{kbs[name].stem}.jsonl"  # a fresh job
                    rates[name].append(annotate_docs_per_s(sides[name], kbs[name], corpus, out))
            with contextlib.ExitStack() as stack:
                urls = [
                    stack.enter_context(revision_server(code, kbs[name]))
                    for name, code in sides.items()
                ]
                latency = interleaved_latency(urls, article, args.requests)
            for name, lat in zip(sides, latency, strict=True):
                report[name] |= {
                    "annotate_docs_per_s": round(statistics.mean(rates[name]), 2),
                    "annotate_rounds": [round(x, 2) for x in rates[name]],
                    **lat,
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
