"""spaCy users: ``nlp.pipe(texts, batch_size)`` against a loop of ``nlp(text)``, same model.

    .venv/bin/python bench/spacy_pipe.py [--texts 400] [--batch-size 64] [--model NAME|DIR]

Rifat test sentences (short news texts, the case where one forward pass per text
costs most) through a blank Bengali pipeline with the ``banglaner`` component,
both ways, after a warm-up; checks that both give the same entities and prints
texts/s for each and the ratio as JSON. Compare within one run only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy

from banglaner.models.settings import CoreSettings
from banglaner.training.corpora import load_corpus


def _ents(docs) -> list[list[tuple[int, int, str, str]]]:
    return [[(e.start_char, e.end_char, e.label_, e.kb_id_) for e in d.ents] for d in docs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    texts = [s.text for s in load_corpus("rifat-test", settings.data_dir)][: args.texts]
    nlp = spacy.blank("bn")
    nlp.add_pipe("banglaner", config={"model_dir": str(settings.resolved_model_dir)})
    list(nlp.pipe(texts[:32], batch_size=args.batch_size))  # warm-up: load, caches
    start = time.perf_counter()
    looped = [nlp(t) for t in texts]
    loop_s = time.perf_counter() - start
    start = time.perf_counter()
    piped = list(nlp.pipe(texts, batch_size=args.batch_size))
    pipe_s = time.perf_counter() - start
    assert any(d.ents for d in piped), "no entities found: is the model right?"
    same = sum(a == b for a, b in zip(_ents(looped), _ents(piped), strict=True))
    print(
        json.dumps(
            {
                "texts": len(texts),
                "batch_size": args.batch_size,
                "nlp(text) loop, texts/s": round(len(texts) / loop_s, 1),
                "nlp.pipe, texts/s": round(len(texts) / pipe_s, 1),
                "speed-up": round(loop_s / pipe_s, 2),
                "texts with identical entities": same,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
