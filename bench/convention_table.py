"""Models side by side on every gold set, in one run: the README's training comparison.

    .venv/bin/python bench/convention_table.py --model DIR_OR_NAME [--model ...]

For each model, the full pipeline (date grammar and knowledge base, the runtime ``auto``
picks for it) on: the real-text gold's test split (eval/gold/real.jsonl: karim2019
validation sentences and neon headlines, annotated by hand), Rifat test (own labels and
reconciled), MultiCoNER II dev (reconciled), the world set's test split (composed text)
and the articles. Strict F1: PER/LOC/ORG micro, each label, and DATE where the gold
annotates dates by docs/annotation.md. Build time is the card's ``train_seconds``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.runner import score_extractor
from banglaner.models.loading import load_pipeline
from banglaner.models.settings import CoreSettings
from banglaner.training.gold_corpora import read_gold

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
# (column, gold source, split, whether its DATE labels follow docs/annotation.md)
SETS = (
    ("real test", str(GOLD / "real.jsonl"), "test", True),
    ("Rifat test, own", "rifat-test:own", None, False),
    ("Rifat test, reconciled", "rifat-test", None, False),
    ("MultiCoNER II dev", "multiconer-dev", None, False),
    ("MultiCoNER II dev, our guide", str(GOLD / "multiconer.jsonl"), None, True),
    ("world test (composed)", str(GOLD / "world.jsonl"), "test", True),
    ("articles", str(GOLD / "articles.jsonl"), None, True),
)


def scores(settings: CoreSettings) -> dict[str, dict[str, float]]:
    pipe = load_pipeline(settings)
    out = {}
    for name, source, split, dates in SETS:
        docs = read_gold(source, settings.data_dir, split)[1]
        s = score_extractor(lambda texts: pipe.extract_many(texts), docs)
        row = {k: s[k].f1 for k in ("micro_names", "PER", "LOC", "ORG")}
        row["DATE"] = s["DATE"].f1 if dates else None
        out[name] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", required=True, help="name or dir")
    args = parser.parse_args()
    base = CoreSettings()
    rows = {}
    for model in args.model:
        settings = base.with_model(model)
        card = json.loads((settings.resolved_model_dir / "banglaner.json").read_text())
        rows[model] = (card["metrics"].get("train_seconds"), scores(settings))
    print("| set | model | names F1 | PER | LOC | ORG | DATE |")
    print("|---|---|---|---|---|---|---|")
    for name, *_ in SETS:
        for model, (_, table) in rows.items():
            r = table[name]
            date = f"{r['DATE']:.3f}" if r["DATE"] is not None else ""
            print(
                f"| {name} | {Path(model).name} | **{r['micro_names']:.3f}** | {r['PER']:.3f} | "
                f"{r['LOC']:.3f} | {r['ORG']:.3f} | {date} |"
            )
    print()
    for model, (seconds, _) in rows.items():
        print(f"{Path(model).name}: built in {seconds / 60:.1f} min (card train_seconds)")


if __name__ == "__main__":
    main()
