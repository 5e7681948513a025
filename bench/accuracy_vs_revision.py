"""A gold set scored for an earlier git revision and for this checkout, by today's scorer:
the README's before/after tables (same model, each revision with its own code and KB).

    .venv/bin/python bench/accuracy_vs_revision.py --base 62c0f50 \
        --gold eval/gold/world.jsonl [--split test]

The revision runs ``banglaner annotate`` on the gold texts (with their document
dates) in a temporary git worktree; this checkout runs its Pipeline in-process.
Both outputs are scored by eval.evaluate, so the earlier revision gets the metrics
it did not have yet (fragmentation, ID purity). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.evaluate import ModelEval, evaluate, score_found
from banglaner.eval.gold import GoldDoc, read_gold_jsonl
from banglaner.models.entity import Entity
from banglaner.models.loading import load_pipeline
from banglaner.models.settings import CoreSettings
from bench.revision import annotate, worktree

ROWS = [("PER", "PER"), ("LOC", "LOC"), ("ORG", "ORG"), ("DATE", "DATE")]


def revision_found(revision: str, docs: list[GoldDoc], work: Path) -> list[list[Entity]]:
    """What ``revision`` finds in each gold document."""
    corpus, out = work / "gold.jsonl", work / "found.jsonl"
    records = [
        {"id": d.id, "text": d.text} | ({"date": d.date.isoformat()} if d.date else {})
        for d in docs
    ]
    corpus.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    with worktree(revision, work / "code") as code:
        annotate(code, work / "kb.sqlite", corpus, out, "--workers", "1")
    found = {r["id"]: r["entities"] for r in map(json.loads, out.open(encoding="utf-8"))}
    fields = Entity.__dataclass_fields__
    return [
        [Entity(**{k: v for k, v in e.items() if k in fields}) for e in found[d.id]] for d in docs
    ]


def _prf(s) -> str:
    return f"{s.precision:.3f} / {s.recall:.3f} / **{s.f1:.3f}**"


def _share(pair: tuple[int, int]) -> str:
    right, total = pair
    return f"{right / total:.3f} ({right}/{total})" if total else "-"


def table(before: ModelEval, after: ModelEval, revision: str) -> str:
    rows = [f"| | before ({revision}) | after |", "|---|---|---|"]
    for key, name in [*ROWS, ("micro_names", "micro PER/LOC/ORG")]:
        rows.append(f"| strict {name} (P / R / F1) | {_prf(before.strict[key])} | "
                    f"{_prf(after.strict[key])} |")  # fmt: skip
    if before.ids and after.ids:
        rows.append(f"| canonical IDs, pairwise (P / R / F1) | {_prf(before.ids)} | "
                    f"{_prf(after.ids)} |")  # fmt: skip
    if before.fragments and after.fragments:
        b, a = before.fragments, after.fragments
        rows += [
            f"| IDs per gold entity | {b.ids_per_entity:.3f} | {a.ids_per_entity:.3f} |",
            f"| gold entities split across IDs | {b.split_share:.3f} | {a.split_share:.3f} |",
            f"| ID purity | {b.purity:.3f} | {a.purity:.3f} |",
        ]
    rows.append(f"| QID accuracy | {_share(before.qid)} | {_share(after.qid)} |")
    rows.append(f"| DATE value accuracy | {_share(before.date_values)} | "
                f"{_share(after.date_values)} |")  # fmt: skip
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision to compare against")
    parser.add_argument("--gold", required=True, help="gold JSONL (docs/annotation.md)")
    parser.add_argument("--split", choices=["dev", "test"])
    args = parser.parse_args()
    settings = CoreSettings()
    docs = read_gold_jsonl(Path(args.gold), args.split)
    with tempfile.TemporaryDirectory() as tmp:
        found = revision_found(args.base, docs, Path(tmp))
    before = score_found(docs, found, 1.0, args.base, {})
    after = evaluate(load_pipeline(settings), settings.resolved_model_dir, docs)
    split = f" ({args.split} split)" if args.split else ""
    print(f"**{Path(args.gold).name}{split}, {len(docs)} documents**\n")
    print(table(before, after, args.base))


if __name__ == "__main__":
    main()
