"""Every entity the pipeline finds in Rifat test and every gold set, as JSON: one side of
bench/outputs_vs_revision.py. Run with the code to test first on ``PYTHONPATH`` (it adds
no path of its own, so a revision's worktree runs its own modules).

    PYTHONPATH=CODE python bench/dump_outputs.py OUT.json
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path


def _layer(module: str):
    """``module`` of the code on PYTHONPATH: inside ``banglaner`` since one import name,
    top-level in revisions before it."""
    code = Path(os.environ.get("PYTHONPATH", ".").split(os.pathsep)[0])
    return importlib.import_module(("banglaner." if (code / "banglaner").is_dir() else "") + module)


load_pipeline = _layer("models.loading").load_pipeline
CoreSettings = _layer("models.settings").CoreSettings
load_corpus = _layer("training.corpora").load_corpus

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
BATCH = 64


def texts(settings) -> list[str]:
    found = [s.text for s in load_corpus("rifat-test", settings.data_dir)]
    for name in ("articles.jsonl", "world.jsonl", "real.jsonl", "dates_real.jsonl"):
        lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
        found += [json.loads(line)["text"] for line in lines if line.strip()]
    return found


def main() -> None:
    settings = CoreSettings()
    pipeline = load_pipeline(settings)
    every = texts(settings)
    found = []
    for lo in range(0, len(every), BATCH):
        batch = every[lo : lo + BATCH]
        found += pipeline.extract_many(batch, [date(2024, 1, 15)] * len(batch))
    rows = [[asdict(e) for e in entities] for entities in found]
    Path(sys.argv[1]).write_text(json.dumps(rows, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
