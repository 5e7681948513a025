"""How much of decoding needs Viterbi: with the model's real probabilities and with the null
encoder's (bench/host_cost.py), on the same Rifat test sentences.

    .venv/bin/python bench/decode_pieces.py [--model NAME|DIR] [--sentences 600]

models.decoding cuts sentences into pieces after each word every best path tags O and
takes a piece's most probable tags as they are where they are valid BIO by a clear margin;
the other pieces go through Viterbi. Prints, per encoder, the share of sentences with any
word in Viterbi, the share of words in Viterbi and the longest such piece.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.document import segment_documents
from banglaner.models.loading import load_pipeline
from banglaner.models.settings import CoreSettings
from banglaner.training.corpora import load_corpus
from bench.null_encoder import NullEncoder


def viterbi_share(tagger, texts: list[str]) -> dict:
    """What decode_flat sends to Viterbi for ``texts`` tagged by ``tagger``'s encoder."""
    batch = tagger.windows(tagger.tokenise(segment_documents(texts)))
    probs, lengths = tagger.merge_windows(batch, tagger.forward(batch)), batch.n_words
    plan = tagger._decoder.plan(probs, lengths)
    sentence_of_piece = np.repeat(np.arange(len(lengths)), lengths)[plan.starts]
    in_viterbi = plan.lengths[plan.viterbi]
    return {
        "sentences": len(lengths),
        "sentences_with_viterbi": round(
            len(np.unique(sentence_of_piece[plan.viterbi])) / len(lengths), 3
        ),
        "words_in_viterbi": round(int(in_viterbi.sum()) / len(probs), 3),
        "longest_viterbi_piece": int(in_viterbi.max(initial=0)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    parser.add_argument("--sentences", type=int, default=600)
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    tagger = load_pipeline(settings).tagger
    texts = [s.text for s in load_corpus("rifat-test", settings.data_dir)][: args.sentences]
    report = {"model": viterbi_share(tagger, texts)}
    tagger.encoder = NullEncoder(tagger.tags)
    report["null encoder"] = viterbi_share(tagger, texts)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
