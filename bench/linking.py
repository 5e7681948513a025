"""Knowledge-base and linker benchmark: KB size by source and label, build time, lookup latency.

    .venv/bin/python bench/linking.py

Builds the KB into a temp dir from BANGLANER_DATA_DIR, scores the variant table
(tests/data/entity_*.tsv) and times ``Linker.identify`` per mention over the
table's mentions: cold (first sight of each mention) and warm (cached keys).
Prints one JSON object.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from banglaner.eval.linking_table import read_table, score_table
from banglaner.models.kb.store import KnowledgeBase, build_kb
from banglaner.models.kb.variant_key import alias_form, key_words, surface_forms
from banglaner.models.linker import Linker
from banglaner.service.settings import get_settings

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.sqlite"
        stats = build_kb(get_settings().data_dir, path)
        started = time.perf_counter()
        linker = Linker(KnowledgeBase.open(path))
        load_s = time.perf_counter() - started
    report = score_table(linker, DATA / "entity_variants.tsv", DATA / "entity_lookalikes.tsv")
    rows = read_table(DATA / "entity_variants.tsv")
    timings: dict[str, list[float]] = {"cold": [], "warm": []}
    for phase in ("cold", "warm"):
        if phase == "cold":
            for cached in (key_words, surface_forms, alias_form):
                cached.cache_clear()
        for _, label, mention in rows:
            t = time.perf_counter()
            linker.identify(mention, label)
            timings[phase].append((time.perf_counter() - t) * 1e6)
    print(
        json.dumps(
            {
                "kb": stats,
                "kb_load_s": round(load_s, 2),
                "variant_table": report.summary(),
                "lookup_us_per_mention": {
                    phase: {
                        "p50": round(statistics.median(v)),
                        "p95": round(sorted(v)[int(0.95 * len(v))]),
                        "mean": round(statistics.fmean(v)),
                    }
                    for phase, v in timings.items()
                },
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
