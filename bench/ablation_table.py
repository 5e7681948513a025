"""What each post-tagger step adds: the ablation table of docs/ablation.md, in one run.

    .venv/bin/python bench/ablation_table.py [--model default]

Each row is what ``banglaner eval --gold GOLD --split test --without STEP`` reports, on
the real-text gold's test split (eval/gold/real.jsonl), the articles and the world set's
test split (composed text): the same ``evaluate`` on ``Pipeline.without(STEP)``. The
tagger runs once per text and every row reuses its mentions, which the steps never change
(tests/unit/test_steps.py) and which do not depend on their batch (docs/runtimes.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.evaluate import ModelEval, evaluate
from banglaner.models.document import DocumentWords
from banglaner.models.entity import Entity
from banglaner.models.loading import load_pipeline
from banglaner.models.pipeline import DocumentTagger, Pipeline
from banglaner.models.settings import CoreSettings
from banglaner.models.steps import STEPS
from banglaner.training.gold_corpora import read_gold

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
SETS = (
    ("real test", GOLD / "real.jsonl", "test"),
    ("articles", GOLD / "articles.jsonl", None),
    ("world test (composed)", GOLD / "world.jsonl", "test"),
)


class TaggedOnce:
    """A tagger that tags each text once and hands every later call the same mentions."""

    def __init__(self, tagger: DocumentTagger) -> None:
        self.tagger, self.name, self.version = tagger, tagger.name, tagger.version
        self.seen: dict[str, list[Entity]] = {}

    def tag_documents(self, docs: Sequence[DocumentWords]) -> list[list[Entity]]:
        new = [d for d in docs if d.norm.original not in self.seen]
        for doc, ents in zip(new, self.tagger.tag_documents(new) if new else [], strict=True):
            self.seen[doc.norm.original] = ents
        return [self.seen[d.norm.original] for d in docs]


def _figures(ev: ModelEval) -> list[float]:
    """Names strict F1, DATE strict F1 and all-gold ID pairwise F1."""
    return [ev.strict["micro_names"].f1, ev.strict["DATE"].f1, ev.ids_all.f1 if ev.ids_all else 0]


def _cells(ev: ModelEval, base: ModelEval | None) -> list[str]:
    """The figures, each with the change a step's absence makes beside it."""
    if base is None:
        return [f"{v:.3f}" for v in _figures(ev)]
    pairs = zip(_figures(ev), _figures(base), strict=True)
    return [f"{v:.3f} ({v - b:+.3f})" for v, b in pairs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    full = load_pipeline(settings)
    once = Pipeline(TaggedOnce(full.tagger), full.linker, full.timezone.key, full.steps)
    header = ["switched off"]
    header += [f"{name}: {what}" for name, *_ in SETS for what in ("names", "DATE", "IDs")]
    rows = []
    bases: dict[str, ModelEval] = {}
    for off in (None, *(s.name for s in STEPS)):
        pipe = once.without(off) if off else once
        row = [off or "(nothing: all steps)"]
        for name, path, split in SETS:
            _, docs = read_gold(str(path), settings.data_dir, split)
            ev = evaluate(pipe, settings.resolved_model_dir, docs)
            row += _cells(ev, bases.get(name))
            bases.setdefault(name, ev)
        rows.append(row)
        print(" | ".join(row), file=sys.stderr)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
