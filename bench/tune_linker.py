"""The linker's two confidence thresholds, measured on the world set's DEV split only.

    .venv/bin/python bench/tune_linker.py [--model DIR]

Tags the dev documents once, then links them under every pair of
``kb_label_max_score`` (below it a KB entity with a QID outvotes the tagger's
label) and ``confirm_min_score`` (an unknown name this sure may lend its ID to
other mentions), and prints strict PER/LOC/ORG F1, ID pairwise F1 and IDs per
gold entity for each. The test split is never read.
"""

from __future__ import annotations

import argparse
import copy
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.evaluate import score_found
from eval.gold import read_gold_jsonl
from models.dates.merge import merge_dates
from models.document import segment_document
from models.linker import Linker
from models.loading import load_pipeline
from models.settings import CoreSettings

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold" / "world.jsonl"
LABEL_SCORES = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)
CONFIRM_SCORES = (0.0, 0.5, 0.7, 0.85, 0.95, 1.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    args = parser.parse_args()
    pipe = load_pipeline(CoreSettings().with_model(args.model))
    docs = read_gold_jsonl(GOLD, split="dev")
    segmented = [segment_document(d.text) for d in docs]
    tagged = [
        merge_dates(ents, doc.norm, pipe.document_date(d.date))
        for d, doc, ents in zip(docs, segmented, pipe.tagger.tag_documents(segmented), strict=True)
    ]
    print(f"world.jsonl dev split: {len(docs)} documents\n")
    head = (
        "kb_label_max_score",
        "confirm_min_score",
        "strict F1 PER/LOC/ORG",
        "ID F1",
        "IDs/entity",
    )
    print("| " + " | ".join(head) + " |")
    print("|---|---|---|---|---|")
    for label_score in LABEL_SCORES:
        for confirm in CONFIRM_SCORES:
            config = replace(
                pipe.linker.config, kb_label_max_score=label_score, confirm_min_score=confirm
            )
            linker = Linker(pipe.linker.kb, config)
            found = [
                sorted(linker.link(copy.deepcopy(ents), d.text), key=lambda e: (e.start, e.end))
                for d, ents in zip(docs, tagged, strict=True)
            ]
            ev = score_found(docs, found, 1.0, "dev", {})
            ids, frag = ev.ids, ev.fragments
            print(
                f"| {label_score} | {confirm} | {ev.strict['micro_names'].f1:.4f} | "
                f"{ids.f1 if ids else 0:.4f} | {frag.ids_per_entity if frag else 0:.3f} |"
            )


if __name__ == "__main__":
    main()
