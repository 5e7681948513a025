"""The names the training corpora mark, as a gazetteer for the tagger (source ``corpora``).

karim2019 alone holds 64,000 annotated sentences, of which a training run draws about a
thousand windows: the list carries the rest of what they name. It is built from the whole
of every corpus the recipe trains on (their dev sentences left out, labels reconciled to
docs/annotation.md, the gold sets' texts never loaded). A form counts for a label when the
corpora mark it with that label at least ``MIN_MARKED`` times and in at least ``MIN_SHARE``
of the places it occurs, so a common word that is sometimes a name (``আশা``) stays off.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from banglaner.models.gazetteer import MAX_NAME_WORDS, Gazetteer, GazetteerSpec, Names
from banglaner.models.kb.variant_key import alias_form, words_of
from banglaner.models.labels import NAME_LABELS
from banglaner.models.segment import Span, split_words
from banglaner.training.conventions import HAND_ANNOTATED
from banglaner.training.corpora import Sentence, is_dev, load_corpus
from banglaner.training.reconcile import ReconcileStats, reconcile

MIN_MARKED = 2
MIN_SHARE = 0.5
FOLDS = 5


def marked_names(sentences: Iterable[Sentence]) -> dict[str, Counter[str]]:
    """Each mentioned form (exact-match form) with how often each label marks it."""
    marked: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for m in s.mentions:
            form = alias_form(s.text[m.start : m.end])
            if m.label in NAME_LABELS and form:  # a mark of punctuation alone has no form
                marked[form][m.label] += 1
    return marked


def occurrences(sentences: Iterable[Sentence], forms: dict[str, Counter[str]]) -> Counter[str]:
    """How often each of ``forms`` occurs as a run of words, marked or not."""
    seen: Counter[str] = Counter()
    first_words = {form.split()[0] for form in forms}  # a run can match only from one of these
    for s in sentences:
        words = split_words(s.text)
        for i, (start, end) in enumerate(words):
            first = words_of(s.text[start:end])
            if not first or first[0] not in first_words:
                continue
            for j in range(i, min(i + MAX_NAME_WORDS, len(words))):
                form = alias_form(s.text[start : words[j][1]])
                if form in forms:
                    seen[form] += 1
    return seen


def _passing(marked: dict[str, Counter[str]], seen: Counter[str]) -> Names:
    for form, labels in sorted(marked.items()):
        passing = [
            label for label, n in labels.items() if n >= MIN_MARKED and n >= MIN_SHARE * seen[form]
        ]
        if passing:
            yield form, passing


def name_list(sentences: Sequence[Sentence]) -> Names:
    """The forms marked often enough, each with the labels that pass."""
    marked = marked_names(sentences)
    return _passing(marked, occurrences(sentences, marked))


def fold_of(text: str) -> int:
    """A training sentence's fold (a hash of its text, apart from the one is_dev reads)."""
    return int(hashlib.sha1(text.encode()).hexdigest()[8:16], 16) % FOLDS


class CrossFoldNames:
    """The list as training reads it: a sentence sees the list built without its own fold.

    Built from every sentence, the list would hold each training sentence's own names, so
    its features would mark whole names there far more often than in text the model meets
    later, and the model would learn to trust their edges (it split ``হবি দেওয়ান`` where the
    list knows ``দেওয়ান``). ``served`` is the list from every sentence, saved with the model.
    """

    def __init__(self, sentences: Sequence[Sentence], spec: GazetteerSpec) -> None:
        forms = marked_names(sentences)
        folds: list[list[Sentence]] = [[] for _ in range(FOLDS)]
        for s in sentences:
            folds[fold_of(s.text)].append(s)
        counts = [(marked_names(f), occurrences(f, forms)) for f in folds]
        self.served = Gazetteer(_passing(*_summed(counts)), spec)
        self.spec = spec
        self._folds = [
            Gazetteer(_passing(*_summed(counts[:k] + counts[k + 1 :])), spec) for k in range(FOLDS)
        ]

    def word_features(self, text: str, words: Sequence[Span]) -> np.ndarray:
        return self._folds[fold_of(text)].word_features(text, words)


def _summed(
    counts: Sequence[tuple[dict[str, Counter[str]], Counter[str]]],
) -> tuple[dict[str, Counter[str]], Counter[str]]:
    marked: dict[str, Counter[str]] = defaultdict(Counter)
    seen: Counter[str] = Counter()
    for fold_marked, fold_seen in counts:
        for form, labels in fold_marked.items():
            marked[form].update(labels)
        seen.update(fold_seen)
    return marked, seen


def corpus_sentences(
    corpora: Sequence[str], data_dir: Path, dev_percent: int, limit: int | None = None
) -> list[Sentence]:
    """The named corpora's training sentences, whole (at most ``limit`` each: tests, smoke
    runs), labels reconciled where a corpus follows its own convention."""
    sentences: list[Sentence] = []
    for name in corpora:
        loaded = load_corpus(name, data_dir)[:limit]
        keep = [s for s in loaded if not is_dev(s.text, dev_percent)]
        if name not in HAND_ANNOTATED:
            keep = [reconcile(s, ReconcileStats()) for s in keep]
        sentences += keep
    return sentences
