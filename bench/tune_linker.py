"""The linker's two confidence thresholds, measured on DEV splits only: the world set's
(foreign affairs) and Rifat train's held-out dev sentences (domestic news).

    .venv/bin/python bench/tune_linker.py [--model DIR]

Tags the dev documents once, then links them under every pair of
``kb_label_max_score`` (below it a KB entity with a QID outvotes the tagger's
label) and ``confirm_min_score`` (an unknown name this sure may lend its ID to
other mentions), and prints strict PER/LOC/ORG F1 on each set, their mean, and on
the world set ID pairwise F1 and IDs per gold entity. No test split is read.
"""

from __future__ import annotations

import argparse
import copy
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.eval.evaluate import score_found
from banglaner.eval.gold import GoldDoc, read_gold_jsonl
from banglaner.models.dates.merge import merge_dates
from banglaner.models.document import segment_document
from banglaner.models.entity import Entity
from banglaner.models.linker import Linker
from banglaner.models.loading import load_pipeline
from banglaner.models.settings import CoreSettings
from banglaner.training.gold_corpora import read_gold

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold" / "world.jsonl"
LABEL_SCORES = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)
CONFIRM_SCORES = (0.0, 0.5, 0.7, 0.85, 0.95, 1.01)


def _tagged(pipe, docs: list[GoldDoc]) -> list[list[Entity]]:
    """The tagger's mentions with dates reconciled: everything before the linker."""
    segmented = [segment_document(d.text) for d in docs]
    return [
        merge_dates(ents, doc.norm, pipe.document_date(d.date))
        for d, doc, ents in zip(docs, segmented, pipe.tagger.tag_documents(segmented), strict=True)
    ]


def _linked(linker: Linker, docs: list[GoldDoc], tagged: list[list[Entity]]):
    found = [
        sorted(linker.link(copy.deepcopy(ents), d.text), key=lambda e: (e.start, e.end))
        for d, ents in zip(docs, tagged, strict=True)
    ]
    return score_found(docs, found, 1.0, "dev", {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    pipe = load_pipeline(settings)
    world = read_gold_jsonl(GOLD, split="dev")
    rifat = read_gold("rifat-dev", settings.data_dir)[1]
    tagged = {"world": _tagged(pipe, world), "rifat": _tagged(pipe, rifat)}
    print(f"dev splits: world.jsonl {len(world)} documents, rifat-dev {len(rifat)} sentences\n")
    head = ("kb_label_max_score", "confirm_min_score", "world F1", "rifat-dev F1", "mean")
    print("| " + " | ".join((*head, "ID F1", "IDs/entity")) + " |")
    print("|---" * 7 + "|")
    for label_score in LABEL_SCORES:
        for confirm in CONFIRM_SCORES:
            config = replace(
                pipe.linker.config, kb_label_max_score=label_score, confirm_min_score=confirm
            )
            linker = Linker(pipe.linker.kb, config)
            w = _linked(linker, world, tagged["world"])
            r = _linked(linker, rifat, tagged["rifat"])
            wf, rf = w.strict["micro_names"].f1, r.strict["micro_names"].f1
            ids, frag = w.ids, w.fragments
            print(
                f"| {label_score} | {confirm} | {wf:.4f} | {rf:.4f} | {(wf + rf) / 2:.4f} | "
                f"{ids.f1 if ids else 0:.4f} | {frag.ids_per_entity if frag else 0:.3f} |"
            )


if __name__ == "__main__":
    main()
