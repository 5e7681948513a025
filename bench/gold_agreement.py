"""How far two annotations of the same text agree: strict F1 of one against the other.

    .venv/bin/python bench/gold_agreement.py multiconer-dev eval/gold/multiconer.jsonl
    git show e7d05d9:eval/gold/articles.jsonl > /tmp/articles-before.jsonl
    .venv/bin/python bench/gold_agreement.py /tmp/articles-before.jsonl eval/gold/articles.jsonl

Each side is a gold file or a corpus name (``multiconer-dev``: MultiCoNER II's own labels
mapped to ours). Only texts both sides hold, character for character, are compared; the
second side plays the gold (F1 is symmetric, precision and recall swap).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.scorer import strict_scores
from banglaner.models.settings import CoreSettings
from banglaner.training.gold_corpora import read_gold


def keyed(source: str, data_dir: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Every text of ``source`` with its mentions (start, end, label)."""
    docs = read_gold(source, data_dir, None)[1]
    return {d.text: [(m.start, m.end, m.label) for m in d.mentions] for d in docs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", help="a gold file or corpus name")
    parser.add_argument("second", help="a gold file or corpus name (taken as the gold)")
    args = parser.parse_args()
    data_dir = CoreSettings().data_dir
    first, second = keyed(args.first, data_dir), keyed(args.second, data_dir)
    shared = sorted(set(first) & set(second))
    if not shared:
        print("no text is in both", file=sys.stderr)
        return 1
    scores = strict_scores(
        ((i, *m) for i, t in enumerate(shared) for m in second[t]),
        ((i, *m) for i, t in enumerate(shared) for m in first[t]),
    )
    print(f"{len(shared)} texts in both ({len(first)} / {len(second)})")
    for label in ("micro_names", "PER", "LOC", "ORG", "DATE"):
        s = scores[label]
        print(f"{label:12} F1 {s.f1:.3f}  shared {s.tp}  first {s.tp + s.fp}  second {s.tp + s.fn}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
