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
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import numpy as np

from banglaner.models.gazetteer import MAX_NAME_WORDS, Gazetteer, GazetteerSpec, Names
from banglaner.models.kb.variant_key import alias_form
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


def occurrences(sentences: Iterable[Sentence], forms: Collection[str]) -> Counter[str]:
    """How often each of ``forms`` occurs as a run of words, marked or not: once per start
    word (``বিএনপি-এর`` is one use of ``বিএনপি``, not three), never in text a partially
    annotated corpus leaves unchecked (its O there is not a reading)."""
    seen: Counter[str] = Counter()
    first_words = {alias_form(f[a:b]) for f in forms for a, b in split_words(f)[:1]}
    for s in sentences:
        words = split_words(s.text)
        for i, (start, end) in enumerate(words):
            if alias_form(s.text[start:end]) not in first_words:
                continue  # no form begins with this word: the common case, kept cheap
            if any(u0 <= start < u1 for u0, u1 in s.uncertain):
                continue
            runs = (alias_form(s.text[start : w[1]]) for w in words[i : i + MAX_NAME_WORDS])
            seen.update({run for run in runs if run in forms})
    return seen


def _passing(marked: dict[str, Counter[str]], seen: Counter[str]) -> Names:
    """The forms whose marks pass both bars (a form is used at least as often as marked)."""
    for form, labels in sorted(marked.items()):
        uses = max(seen[form], sum(labels.values()))
        passing = [
            label for label, n in labels.items() if n >= MIN_MARKED and n >= MIN_SHARE * uses
        ]
        if passing:
            yield form, passing


def fold_of(text: str) -> int:
    """A training sentence's fold (a hash of its text, apart from the one is_dev reads)."""
    return int(hashlib.sha1(text.encode()).hexdigest()[8:16], 16) % FOLDS


class CrossFoldNames:
    """The list as training reads it: a sentence sees the list built without its own fold.

    Built from every sentence, the list would hold each training sentence's own names, so
    its features would mark whole names there far more often than in text the model meets
    later, and the model would learn to trust their edges (it split ``হবি দেওয়ান`` where the
    list knows ``দেওয়ান``). ``names`` is the list from every sentence, which the model is
    saved with and serves (``served``).
    """

    def __init__(self, sentences: Sequence[Sentence], spec: GazetteerSpec) -> None:
        folds: list[list[Sentence]] = [[] for _ in range(FOLDS)]
        for s in sentences:
            folds[fold_of(s.text)].append(s)
        marked = [marked_names(f) for f in folds]
        forms = {form for fold in marked for form in fold}
        counts = [(m, occurrences(f, forms)) for m, f in zip(marked, folds, strict=True)]
        self.names = list(_passing(*_summed(counts)))
        self.served = Gazetteer(self.names, spec)
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
    corpora: Sequence[str],
    data_dir: Path,
    dev_percent: int,
    limit: int | None = None,
    reconciled: bool = True,
) -> list[Sentence]:
    """The named corpora's training sentences, whole (at most ``limit`` each: tests, smoke
    runs), labels reconciled (when training reconciles) where a corpus has its own
    convention."""
    sentences: list[Sentence] = []
    for name in corpora:
        loaded = load_corpus(name, data_dir)[:limit]
        keep = [s for s in loaded if not is_dev(s.text, dev_percent)]
        if reconciled and name not in HAND_ANNOTATED:
            keep = [reconcile(s, ReconcileStats()) for s in keep]
        sentences += keep
    return sentences
