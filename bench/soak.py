"""A loopback soak at saturation: ``banglaner serve`` under 64 concurrent clients.

    .venv/bin/python bench/soak.py [--minutes 10] [--clients 64] [--model NAME|DIR]

Each client sends, back to back, a mix of requests: news articles of 300–3,000
characters (70%), batches of 2–5 articles (10%), oversized texts (5%, expect 413),
malformed JSON (5%, 422), wrong types (5%, 422) and odd Unicode (5%). Prints requests
served, status counts, p50/p95 latency of the 200s, and the server's RSS at the start,
middle and end (growth should stay within 10%), as JSON. Any 5xx other than the
documented 503 (overloaded) and 504 (past the time limit) is a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.loading import ensure_kb
from banglaner.models.settings import CoreSettings
from banglaner.training.corpora import load_corpus
from tests.server import running_server

ODD = ["😀👍🏽🇧🇩 ঢাকা", "ঢাকা\x00\x07 কথা", "\u202eরাশিয়া\u202c", "中文 العربية ঢাকা", "\n\t\r"]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _articles(data_dir: Path) -> list[str]:
    sentences = [s.text for s in load_corpus("rifat-test", data_dir)]
    rng = random.Random(7)
    out = []
    for _ in range(200):
        start, text = rng.randrange(len(sentences)), ""
        target = rng.randint(300, 3000)
        while len(text) < target:
            text += sentences[start % len(sentences)] + " "
            start += 1
        out.append(text.strip())
    return out


def _request(rng: random.Random, articles: list[str]) -> tuple[str, dict]:
    """(path, httpx keyword arguments) of one request of the mix."""
    roll = rng.random()
    if roll < 0.70:
        return "/extract", {"json": {"text": rng.choice(articles), "date": "2024-03-01"}}
    if roll < 0.80:
        docs = [{"text": rng.choice(articles)} for _ in range(rng.randint(2, 5))]
        return "/extract/batch", {"json": {"documents": docs}}
    if roll < 0.85:
        return "/extract", {"json": {"text": "ক" * 100_001}}
    if roll < 0.90:
        return "/extract", {
            "content": b'{"text": "\xe0\xa6',
            "headers": {"content-type": "application/json"},
        }
    if roll < 0.95:
        return "/extract", {"json": {"text": 42, "date": "2024-13-40"}}
    return "/extract", {"json": {"text": rng.choice(ODD)}}


async def _client(base: str, articles: list[str], until: float, seed: int, log: list) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while time.monotonic() < until:
            path, kwargs = _request(rng, articles)
            t0 = time.perf_counter()
            try:
                status = (await client.post(path, **kwargs)).status_code
            except httpx.HTTPError as exc:
                status = f"client error: {type(exc).__name__}"
            log.append((status, time.perf_counter() - t0))


async def _soak(base: str, pid: int, articles: list[str], minutes: float, clients: int) -> dict:
    log: list = []
    until = time.monotonic() + minutes * 60
    rss = {"start": round(_rss_mb(pid))}
    tasks = [asyncio.create_task(_client(base, articles, until, i, log)) for i in range(clients)]
    await asyncio.sleep(minutes * 30)
    rss["middle"] = round(_rss_mb(pid))
    await asyncio.gather(*tasks)
    rss["end"] = round(_rss_mb(pid))
    ok = sorted(t for s, t in log if s == 200)
    statuses = Counter(str(s) for s, _ in log)
    bad = {s: n for s, n in statuses.items() if s.startswith("5") and s not in ("503", "504")}
    return {
        "minutes": minutes,
        "clients": clients,
        "requests": len(log),
        "requests_per_s": round(len(log) / (minutes * 60), 2),
        "status_counts": dict(sorted(statuses.items())),
        "p50_ms_200": round(statistics.median(ok) * 1000) if ok else None,
        "p95_ms_200": round(ok[int(0.95 * (len(ok) - 1))] * 1000) if ok else None,
        "server_rss_mb": rss,
        "rss_growth_start_to_end": round(rss["end"] / rss["start"] - 1, 3),
        "undocumented_5xx": bad,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    articles = _articles(settings.data_dir)
    with running_server(settings.resolved_model_dir, ensure_kb(settings)) as srv:
        report = asyncio.run(_soak(srv.url, srv.pid, articles, args.minutes, args.clients))
    print(json.dumps(report, indent=2))
    sys.exit(1 if report["undocumented_5xx"] else 0)


if __name__ == "__main__":
    main()
