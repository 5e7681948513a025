"""Load test of POST /extract on a real server, for each batching strategy.

    .venv/bin/python bench/service_load.py [--model DIR] [--requests 64]

Starts ``banglaner serve`` (uvicorn) once per strategy (micro-batching, thread
pool), sends a ~2,000-character Bengali news article at concurrency 1, 8 and
32, and prints p50/p95 latency, requests/s, errors and the server's resident
memory (current and peak) as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.loading import ensure_kb
from banglaner.service.settings import get_settings
from banglaner.training.corpora import load_corpus
from tests.server import running_server


def bench_article(data_dir: Path, chars: int = 2000) -> str:
    article = ""
    for s in load_corpus("rifat-test", data_dir):
        if len(article) >= chars:
            break
        article += s.text + " "
    return article.strip()


def p50_p95(ms: list[float], digits: int = 1) -> dict[str, float]:
    """The median and 95th percentile of latencies in ms (the benches' one definition)."""
    ordered = sorted(ms)
    return {
        "p50_ms": round(statistics.median(ordered), digits),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], digits),
    }


async def load_level(base: str, text: str, concurrency: int, total: int) -> dict:
    latencies: list[float] = []
    errors = 0
    queue = list(range(total))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while queue:
            queue.pop()
            t0 = time.perf_counter()
            r = await client.post(base + "/extract", json={"text": text, "date": "2024-03-12"})
            latencies.append((time.perf_counter() - t0) * 1000)
            errors += r.status_code != 200

    async with httpx.AsyncClient(timeout=120) as client:
        await client.post(base + "/extract", json={"text": text})  # warm-up
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return {
        "concurrency": concurrency,
        "requests": total,
        "errors": errors,
        **p50_p95(latencies),
        "requests_per_s": round(total / wall, 2),
    }


def interleaved_latency(urls: list[str], text: str, requests: int) -> list[dict[str, float]]:
    """p50/p95 ms of POST /extract per server at concurrency 1, the servers taking turns
    request by request (the first one rotating), so this machine's speed drifting during
    the run weighs on every model alike."""
    times: list[list[float]] = [[] for _ in urls]
    with httpx.Client(timeout=120) as client:
        for url in urls:  # warm-up
            client.post(url + "/extract", json={"text": text}).raise_for_status()
        for i in range(requests):
            for k in [*range(i % len(urls), len(urls)), *range(i % len(urls))]:
                time.sleep(0.05)  # the last server's runtime threads stop spinning first
                t0 = time.perf_counter()
                r = client.post(urls[k] + "/extract", json={"text": text, "date": "2024-03-12"})
                times[k].append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
    return [p50_p95(t) for t in times]


def _rss_mb(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024)
    return {"rss_mb": fields.get("VmRSS"), "peak_rss_mb": fields.get("VmHWM")}


def main() -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(settings.resolved_model_dir))
    parser.add_argument("--requests", type=int, default=64)
    args = parser.parse_args()
    text = bench_article(settings.data_dir)
    report = {"article_chars": len(text), "strategies": {}}
    for batching in ("micro", "threads"):
        with running_server(Path(args.model), ensure_kb(settings), batching=batching) as srv:
            runs = [
                asyncio.run(load_level(srv.url, text, c, max(args.requests, c * 2)))
                for c in (1, 8, 32)
            ]
            report["strategies"][batching] = {"runs": runs, **_rss_mb(srv.pid)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
