"""Annotated sentences → encoder training windows (first-subword labels).

Uses the same words (models.segment) and windows (models.encoding) as the
tagger, so training sees exactly what inference will feed the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from banglaner.models.encoding import make_windows, subword_features, word_subwords
from banglaner.models.segment import Span, split_words
from banglaner.training.corpora.base import Sentence

IGNORE = -100


class WordFeatures(Protocol):
    """A gazetteer (models.gazetteer), or the cross-fold lists training reads
    (training.name_list)."""

    def word_features(self, text: str, words: Sequence[Span]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class TrainWindow:
    input_ids: list[int]
    labels: list[int]  # per subword; IGNORE except on word heads with a trusted label
    features: list[int] | None = None  # gazetteer bits per subword (models.gazetteer)
    head: int = 0  # the convention's output head (training.conventions); 0 is ours


def word_labels(
    sentence: Sentence, words: Sequence[tuple[int, int]], tag_index: dict[str, int]
) -> list[int]:
    """One tag id per word from character mentions; IGNORE for untrusted outside words."""
    labels = [tag_index["O"]] * len(words)
    for m in sentence.mentions:
        inside = [i for i, (a, b) in enumerate(words) if a < m.end and b > m.start]
        for k, i in enumerate(inside):
            labels[i] = tag_index[("B-" if k == 0 else "I-") + m.label]
    for s, e in sentence.uncertain:
        for i, (a, b) in enumerate(words):
            if a >= s and b <= e and labels[i] == tag_index["O"]:
                labels[i] = IGNORE
    return labels


def encode_sentences(
    sentences: Sequence[Sentence],
    tokenizer,
    tags: Sequence[str],
    max_subwords: int,
    gazetteer: WordFeatures | None = None,
    keep_unlabelled: bool = False,
    convention_head: int = 0,
) -> list[TrainWindow]:
    """Training windows; with a ``gazetteer``, each subword also carries its word's list bits,
    computed exactly as the tagger computes them at inference. Windows without a trusted
    label are dropped unless ``keep_unlabelled`` (text a teacher labels: training.distill)."""
    tag_index = {t: i for i, t in enumerate(tags)}
    out: list[TrainWindow] = []
    for sent in sentences:
        words = split_words(sent.text)
        if not words:
            continue
        wl = word_labels(sent, words, tag_index)
        ids, head = word_subwords(tokenizer, sent.text, words)
        features = None
        if gazetteer is not None:
            features = subword_features(head, len(ids), gazetteer.word_features(sent.text, words))
        for win in make_windows(
            ids,
            head,
            len(words),
            max_subwords,
            tokenizer.cls_token_id,
            tokenizer.sep_token_id,
            features,
        ):
            labels = [IGNORE] * len(win.input_ids)
            for k, pos in enumerate(win.word_heads):
                if pos >= 0:
                    labels[pos] = wl[win.first_word + k]
            if keep_unlabelled or any(lab != IGNORE for lab in labels):
                out.append(TrainWindow(win.input_ids, labels, win.features, convention_head))
    return out
