"""A Wikidata import at scale: a synthetic dump in the official format, imported and merged
into the KB, then looked up, and POST /extract with the big KB beside the small one.

    .venv/bin/python bench/wikidata_scale.py --entities 100000 [--entities 2000000] [--requests 60]
        [--gold]

For each size: write a synthetic ``latest-all.json.gz``-format dump (humans, places and
organisations with Bengali and English labels, Bengali aliases, sitelinks, and a small
P279 class tree), run ``banglaner kb import-wikidata`` on it in a subprocess of its own
(wall time and peak RSS), report the KB file's size, and time 2,000 look-ups of random
imported names through ``KnowledgeBase.by_alias`` as the linker makes them (p50/p95, each
name new to the cache). With ``--requests``: p50/p95 of POST /extract for the bench article
on the default model, one server on the small KB and one on the big one, taking turns; and
linking on the gold sets (the real-text and world test splits) with each KB: strict names
F1, canonical IDs pairwise F1 and QID accuracy, all gold mentions counted.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.evaluate import evaluate
from banglaner.eval.gold import read_gold_jsonl
from banglaner.models.kb.store import KnowledgeBase
from banglaner.models.loading import ensure_kb, load_pipeline
from banglaner.models.settings import CoreSettings
from bench.service_load import bench_article, interleaved_latency, p50_p95
from tests.server import running_server

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
_CONSONANTS = "কখগঘচছজঝটঠডঢতথদধনপফবভমযরলশসহ"
_VOWELS = ("া", "ি", "ু", "ে", "ো", "")
_CLASSES = {"PER": "Q5", "LOC": "Q486972", "ORG": "Q43229"}


def _name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(1, 3))
    )


def _claim(prop: str, qid: str) -> dict:
    value = {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}
    return {"mainsnak": {"snaktype": "value", "property": prop,
                         "datavalue": {"value": value, "type": "wikibase-entityid"}},
            "type": "statement", "rank": "normal"}  # fmt: skip


def write_dump(path: Path, n: int, seed: int = 7) -> list[str]:
    """``n`` items in the dump format (gzip); returns 2,000 of their Bengali names."""
    rng = random.Random(seed)
    sample: list[str] = []
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("[\n")
        town = {
            "type": "item",
            "id": "Q990",
            "labels": {},
            "claims": {"P279": [_claim("P279", "Q515")]},
        }
        fh.write(json.dumps(town) + ",\n")
        for i in range(n):
            label = rng.choice(("PER", "PER", "LOC", "ORG"))
            bn = _name(rng)
            item = {
                "type": "item",
                "id": f"Q{10_000_000 + i}",
                "labels": {"bn": {"language": "bn", "value": bn},
                           "en": {"language": "en", "value": f"Synthetic {i}"}},
                "aliases": {"bn": [{"language": "bn", "value": _name(rng)}]},
                "claims": {"P31": [_claim("P31", _CLASSES[label])]},
                "sitelinks": {f"w{k}": {"site": f"w{k}"} for k in range(rng.randint(0, 5))},
            }  # fmt: skip
            fh.write(json.dumps(item, ensure_ascii=False) + (",\n" if i < n - 1 else "\n"))
            if len(sample) < 2000 and rng.random() < 2000 / n:
                sample.append(bn)
        fh.write("]\n")
    return sample


# `banglaner kb import-wikidata DUMP` in a process of its own that reports its own peak RSS:
# VmHWM, the high-water mark of its own memory (getrusage's ru_maxrss keeps the parent's
# across fork and exec, and RUSAGE_CHILDREN would count the servers of an earlier size)
_IMPORT = """
import runpy, sys
sys.argv = ["banglaner", "kb", "import-wikidata", sys.argv[1]]
try:
    runpy.run_module("banglaner", run_name="__main__")
except SystemExit as exit:
    assert not exit.code, exit.code
status = open("/proc/self/status").read()
print("peak_rss_kb", status.split("VmHWM:")[1].split()[0])
"""


def import_in_subprocess(dump: Path, home: Path) -> dict:
    """The import and KB build as a user runs them: wall seconds and peak RSS (MB)."""
    env = {**os.environ, "BANGLANER_HOME": str(home)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(dump)], env=env, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    peak_kb = int(done.stdout.rsplit("peak_rss_kb", 1)[1])
    return {"import_and_build_seconds": round(seconds, 1), "peak_rss_mb": round(peak_kb / 1024)}


def linking(settings: CoreSettings) -> dict[str, float]:
    """Names F1, ID pairwise F1 and QID accuracy (all gold mentions) with this KB."""
    pipe = load_pipeline(settings)
    out = {}
    for name, split in (("real", "test"), ("world", "test")):
        docs = read_gold_jsonl(GOLD / f"{name}.jsonl", split)
        ev = evaluate(pipe, settings.resolved_model_dir, docs)
        right, total = ev.qid_all
        out |= {
            f"{name}_names_f1": round(ev.strict["micro_names"].f1, 4),
            f"{name}_ids_f1": round(ev.ids_all.f1, 4) if ev.ids_all else None,
            f"{name}_qid_acc": round(right / total, 4) if total else None,
        }
    return out


def lookup_ms(kb_path: Path, names: list[str]) -> dict[str, float]:
    kb = KnowledgeBase.open(kb_path)
    times = []
    for name in names:
        t0 = time.perf_counter()
        kb.by_alias(name)
        times.append((time.perf_counter() - t0) * 1000)
    return p50_p95(times, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, action="append", required=True)
    parser.add_argument("--requests", type=int, default=0)
    parser.add_argument("--gold", action="store_true", help="linking on the gold sets, both KBs")
    args = parser.parse_args()
    base = CoreSettings()
    small = {f"small_kb_{k}": v for k, v in linking(base).items()} if args.gold else {}
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.entities:
            home = Path(tmp) / f"home-{n}"
            dump = Path(tmp) / f"dump-{n}.json.gz"
            names = write_dump(dump, n)
            row = {"dump_mb": round(dump.stat().st_size / 1e6, 1)}
            row |= import_in_subprocess(dump, home)
            kb_path = home / "kb" / "banglaner-kb.sqlite"
            row["kb_mb"] = round(kb_path.stat().st_size / 1e6, 1)
            row |= {f"lookup_{k}": v for k, v in lookup_ms(kb_path, names).items()}
            rows[n] = row
            print(json.dumps({n: row}), flush=True)
            if args.requests:
                rows[n] |= _latency(base, home, kb_path, args.requests)
                print(json.dumps({n: rows[n]}), flush=True)
            if args.gold:
                model = base.resolved_model_dir  # the big KB's home has no models
                big = base.model_copy(update={"home": home, "kb_path": kb_path, "model_dir": model})
                rows[n] |= small | {f"big_kb_{k}": v for k, v in linking(big).items()}
                print(json.dumps({n: rows[n]}), flush=True)


def _latency(base: CoreSettings, big_home: Path, big_kb: Path, requests: int) -> dict:
    """The big KB's server has its home (so the KB it finds is current, not rebuilt)."""
    small_kb = ensure_kb(base)
    text = bench_article(base.data_dir)
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(running_server(base.resolved_model_dir, small_kb)),
            stack.enter_context(
                running_server(base.resolved_model_dir, big_kb, home=str(big_home))
            ),
        ]
        small, big = interleaved_latency([s.url for s in servers], text, requests)
    return {"extract_small_kb": small, "extract_big_kb": big}


if __name__ == "__main__":
    main()
