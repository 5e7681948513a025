"""A CRF baseline of the kind BNLP ships: bnlp's word/affix features + sklearn-crfsuite.

Trained on the same reconciled words as the transformer, scored the same way,
so the two rows of the README table differ only in the model.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from eval.runner import gold_keys
from eval.scorer import PRF, Key, strict_scores
from models.labels import bio_tags
from models.segment import split_words
from training.corpora import Sentence, load_corpus
from training.corpora.base import bio_spans
from training.dataset import IGNORE, word_labels
from training.finetune import TrainConfig, load_training_data


def _bnlp_features():
    """Import bnlp's feature function without its import-time network call.

    ``import bnlp`` runs ``nltk.download("punkt_tab")`` when NLTK's punkt data
    is absent, which fails slowly offline; we never use punkt, so an empty
    resource directory on NLTK's path satisfies the check.
    """
    stub = Path(tempfile.gettempdir()) / "banglaner-nltk"
    (stub / "tokenizers" / "punkt").mkdir(parents=True, exist_ok=True)
    os.environ["NLTK_DATA"] = f"{stub}{os.pathsep}{os.environ.get('NLTK_DATA', '')}"
    import nltk

    nltk.data.path.insert(0, str(stub))
    from bnlp.utils.utils import features

    return features


def _words_and_tags(sentences: Sequence[Sentence]) -> tuple[list[list[str]], list[list[str]]]:
    tags = bio_tags()
    index = {t: i for i, t in enumerate(tags)}
    xs, ys = [], []
    for s in sentences:
        words = split_words(s.text)
        labels = word_labels(s, words, index)
        # CRF training has no "unknown" label: untrusted outside words count as O.
        xs.append([s.text[a:b] for a, b in words])
        ys.append([tags[lab] if lab != IGNORE else "O" for lab in labels])
    return xs, ys


def train_and_score(data_dir: Path, corpora: list[str] | None = None) -> dict[str, PRF]:
    import sklearn_crfsuite

    features = _bnlp_features()
    cfg = TrainConfig(corpora=corpora or TrainConfig().corpora)
    train, dev, _ = load_training_data(cfg, data_dir)
    xs, ys = _words_and_tags([*train, *dev])
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100)
    crf.fit([[features(x, i) for i in range(len(x))] for x in xs], ys)

    test = load_corpus(cfg.test_corpus, data_dir)
    pred: list[Key] = []
    for n, s in enumerate(test):
        words = split_words(s.text)
        if not words:
            continue
        tokens = [s.text[a:b] for a, b in words]
        tags = crf.predict_single([features(tokens, i) for i in range(len(tokens))])
        for first, last, label in bio_spans(tags):
            pred.append((n, words[first][0], words[last - 1][1], label))
    return strict_scores(gold_keys(test), pred)
