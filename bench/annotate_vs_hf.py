"""Batch job benchmark: ``banglaner annotate`` vs a plain loop over Hugging Face's pipeline.

    .venv/bin/python bench/annotate_vs_hf.py [--docs 1000] [--model DIR] [--configs ...]

Documents are news-length (≥ 2,000 characters) runs of consecutive corpus
sentences (Rifat first, then banglakit, MultiCoNER and neon to reach 1,000), with
their gold mentions reconciled to docs/annotation.md. Some are training sentences,
so the F1 figures only compare the systems with each other; eval/ measures quality. The naive
baseline is what a user writes first: ``pipeline("token-classification",
aggregation_strategy="first")`` over each document's sentences, one
document after another, same model, same machine. Each of our configurations
runs as ``banglaner annotate`` in its own process (wall time includes loading
the model). "Equal entities" is checked two ways: strict F1 of every system
against the gold mentions, and the overlap of our name mentions with the
baseline's. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from banglaner.eval.scorer import strict_scores
from banglaner.service.settings import get_settings
from banglaner.training.corpora import load_corpus
from banglaner.training.reconcile import ReconcileStats, reconcile

CONFIGS = {
    "torch": ["--runtime", "torch"],
    "onnx": ["--runtime", "onnx"],
    "onnx, 2 workers": ["--runtime", "onnx", "--workers", "2"],
    "onnx-int8": ["--runtime", "onnx-int8"],
    "onnx-int8, 2 workers": ["--runtime", "onnx-int8", "--workers", "2"],
}
CORPORA = ("rifat-test", "rifat-train", "banglakit", "multiconer-train", "multiconer-dev", "neon")
NAMES = ("PER", "LOC", "ORG")


def build_documents(n: int, data_dir: Path, min_chars: int = 2000) -> list[dict]:
    """``n`` documents of whole sentences, with sentence offsets and gold mentions."""
    sentences = [
        reconcile(s, ReconcileStats()) for corpus in CORPORA for s in load_corpus(corpus, data_dir)
    ]
    docs, current, text = [], [], ""
    for s in sentences:
        if len(docs) == n:
            break
        offset = len(text) + (1 if text else 0)
        text = f"{text} {s.text}" if text else s.text
        current.append((offset, s))
        if len(text) >= min_chars:
            docs.append(
                {
                    "id": f"bench-{len(docs)}",
                    "text": text,
                    "date": "2024-01-15",
                    "sentences": [(o, s.text) for o, s in current],
                    "gold": [
                        (o + m.start, o + m.end, m.label) for o, s in current for m in s.mentions
                    ],
                }
            )
            current, text = [], ""
    if len(docs) < n:
        raise SystemExit(f"only {len(docs)} documents can be built from the corpora")
    return docs


def naive_loop(docs: list[dict], model_dir: str) -> tuple[float, dict[str, list]]:
    from transformers import pipeline

    pipe = pipeline(
        "token-classification", model=model_dir, aggregation_strategy="first", device="cpu"
    )
    found: dict[str, list] = {}
    t0 = time.perf_counter()
    for doc in docs:
        sents = doc["sentences"]
        preds = pipe([t for _, t in sents])
        found[doc["id"]] = [
            (o + p["start"], o + p["end"], p["entity_group"])
            for (o, _), ps in zip(sents, preds, strict=True)
            for p in ps
        ]
    return time.perf_counter() - t0, found


def prepare_exports(model_dir: str) -> None:
    """Export the ONNX files before timing (a first run would otherwise pay for it)."""
    for runtime in ("onnx", "onnx-int8"):
        code = f"from models.tagger import Tagger; Tagger.load({model_dir!r}, runtime={runtime!r})"
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def run_ours(corpus: Path, out: Path, args: list[str], model_dir: str) -> dict:
    cmd = [sys.executable, "-m", "banglaner", "annotate", str(corpus), "-o", str(out)]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*cmd, "--model", model_dir, "--no-progress", *args], capture_output=True, text=True
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    rss = re.search(r"peak RSS per worker \(MB\): (.*)", proc.stderr).group(1)
    found = {}
    with open(out, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            found[d["id"]] = [(e["start"], e["end"], e["label"]) for e in d["entities"]]
    return {"wall_s": wall, "peak_rss_mb_per_worker": rss, "found": found}


def scores(docs: list[dict], found: dict[str, list]) -> dict[str, float]:
    gold = [(d["id"], *m) for d in docs for m in d["gold"]]
    pred = [(d["id"], *m) for d in docs for m in found[d["id"]]]
    s = strict_scores(gold, pred)
    return {"names_f1": round(s["micro_names"].f1, 4), "date_f1": round(s["DATE"].f1, 4)}


def name_overlap(a: dict[str, list], b: dict[str, list]) -> float:
    x = {(k, *m) for k, ms in a.items() for m in ms if m[2] in NAMES}
    y = {(k, *m) for k, ms in b.items() for m in ms if m[2] in NAMES}
    return round(len(x & y) / max(1, len(x | y)), 4)


def main() -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--model", default=str(settings.resolved_model_dir))
    parser.add_argument("--configs", nargs="*", default=list(CONFIGS), choices=list(CONFIGS))
    args = parser.parse_args()

    docs = build_documents(args.docs, settings.data_dir)
    chars = sum(len(d["text"]) for d in docs)
    report: dict = {
        "documents": len(docs),
        "mean_chars": round(chars / len(docs)),
        "sentences": sum(len(d["sentences"]) for d in docs),
    }
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({k: d[k] for k in ("id", "text", "date")}, ensure_ascii=False))
                fh.write("\n")
        prepare_exports(args.model)
        ours = {
            name: run_ours(corpus, Path(tmp) / f"out{i}.jsonl", CONFIGS[name], args.model)
            for i, name in enumerate(args.configs)
        }
    naive_s, naive_found = naive_loop(docs, args.model)
    naive_dps = len(docs) / naive_s
    report["hf_pipeline_loop"] = {
        "docs_per_s": round(naive_dps, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        **scores(docs, naive_found),
    }
    for name, r in ours.items():
        dps = len(docs) / r["wall_s"]
        report[f"banglaner annotate ({name})"] = {
            "docs_per_s": round(dps, 2),
            "speedup_vs_hf_loop": round(dps / naive_dps, 2),
            "peak_rss_mb_per_worker": r["peak_rss_mb_per_worker"],
            **scores(docs, r["found"]),
            "name_mentions_shared_with_hf_loop": name_overlap(r["found"], naive_found),
        }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
