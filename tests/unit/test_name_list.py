"""The corpora's names as a gazetteer (training.name_list, source ``corpora``): which forms
make the list, and a model dir's list read back as word features. A tagger trained with
it: tests/integration/test_gazetteer_training_and_distillation.py."""

from __future__ import annotations

import json

from banglaner.models.gazetteer import Gazetteer, GazetteerSpec, bit, write_names
from banglaner.models.segment import split_words
from banglaner.training.corpora import Mention, Sentence
from banglaner.training.name_list import CrossFoldNames, corpus_sentences, fold_of, name_list


def _sentence(text: str, *marked: tuple[str, str]) -> Sentence:
    mentions = [Mention(text.index(s), text.index(s) + len(s), label) for s, label in marked]
    return Sentence(text, mentions, "test")


SENTENCES = [
    _sentence("রহিম উদ্দিন ঢাকায় গেলেন", ("রহিম উদ্দিন", "PER"), ("ঢাকায়", "LOC")),
    _sentence("রহিম উদ্দিন আশা নিয়ে ফিরলেন", ("রহিম উদ্দিন", "PER"), ("আশা", "ORG")),
    _sentence("আশা ঋণ দেয় আর করিম বলেন", ("আশা", "ORG"), ("করিম", "PER")),
    _sentence("তার আশা ছিল"),
    _sentence("আশা করি ভালো হবে"),
    _sentence("আশা ছাড়িনি"),
]


def test_a_form_needs_two_marks_and_half_its_uses() -> None:
    names = dict(name_list(SENTENCES))
    assert names["রহিম উদ্দিন"] == ["PER"]  # marked at both of its two uses
    assert "আশা" not in names  # marked twice in five uses: a common word
    assert "করিম" not in names and "ঢাকায়" not in names  # marked once


def test_the_list_leaves_dev_sentences_out(tmp_path) -> None:
    corpus = tmp_path / "mine.jsonl"
    spans = lambda s: [{"start": m.start, "end": m.end, "label": m.label} for m in s.mentions]  # noqa: E731
    rows = [{"text": s.text, "entities": spans(s)} for s in SENTENCES]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    kept = corpus_sentences([str(corpus)], tmp_path, dev_percent=0)
    assert dict(name_list(kept))["রহিম উদ্দিন"] == ["PER"]
    assert corpus_sentences([str(corpus)], tmp_path, dev_percent=100) == []


def test_training_reads_the_list_without_a_sentences_own_fold() -> None:
    """Three sentences mark a name: two share a fold, so each of them sees it marked once
    elsewhere (off the list), the third twice (on it); the served list has it."""
    texts = [f"রহিম উদ্দিন {n} নম্বর সভায় এলেন" for n in range(40)]
    by_fold: dict[int, list[str]] = {}
    for t in texts:
        by_fold.setdefault(fold_of(t), []).append(t)
    pair = next(ts[:2] for ts in by_fold.values() if len(ts) >= 2)
    lone = next(ts[0] for k, ts in by_fold.items() if k != fold_of(pair[0]))
    names = CrossFoldNames(
        [_sentence(t, ("রহিম উদ্দিন", "PER")) for t in [*pair, lone]], GazetteerSpec()
    )
    first_word = lambda t: names.word_features(t, split_words(t))[0]  # noqa: E731
    assert first_word(lone) == bit("PER", False)
    assert first_word(pair[0]) == first_word(pair[1]) == 0
    assert names.served.word_features(pair[0], split_words(pair[0]))[0] == bit("PER", False)


def test_a_model_dirs_list_marks_words(tmp_path) -> None:
    write_names(tmp_path / "gazetteer-names.tsv", name_list(SENTENCES))
    spec = GazetteerSpec(source="corpora")
    spec.write(tmp_path)
    assert GazetteerSpec.read(tmp_path) == spec
    gazetteer = Gazetteer.for_model(tmp_path, spec, kb=None)
    text = "রহিম উদ্দিনের সঙ্গে আশা দেখা করে"
    bits = gazetteer.word_features(text, split_words(text)).tolist()
    assert bits == [bit("PER", False), bit("PER", True), 0, 0, 0, 0]  # a case ending allowed
