"""The corpora's names as a gazetteer (training.name_list, source ``corpora``): which forms
make the list, the folds training reads, and a model dir's list read back as word
features. A tagger trained with it:
tests/integration/test_gazetteer_training_and_distillation.py."""

from __future__ import annotations

import json

import pytest

from banglaner.models.errors import ModelLoadError
from banglaner.models.gazetteer import Gazetteer, GazetteerSpec, bit, write_names
from banglaner.models.segment import split_words
from banglaner.training.corpora import DEV_PERCENT, Mention, Sentence, is_dev
from banglaner.training.name_list import CrossFoldNames, corpus_sentences, fold_of

SPEC = GazetteerSpec(source="corpora")


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


def _names(sentences: list[Sentence]) -> dict[str, list[str]]:
    return dict(CrossFoldNames(sentences, SPEC).names)


def test_a_form_needs_two_marks_and_half_its_uses() -> None:
    names = _names(SENTENCES)
    assert names["রহিম উদ্দিন"] == ["PER"]  # marked at both of its two uses
    assert "আশা" not in names  # marked twice in five uses: a common word
    assert "করিম" not in names and "ঢাকায়" not in names  # marked once


def test_a_use_counts_once_whatever_follows_it() -> None:
    """A hyphenated ending, a quote or a full stop after a name is still one use of it."""
    texts = ["বিএনপি-এর সভা হয়", "‘বিএনপি’ বলেছে", "সভা ডাকে বিএনপি.", "বিএনপি নেতা বলেন"]
    marked = [_sentence(t, ("বিএনপি", "ORG")) for t in texts[:2]]
    assert _names([*marked, *(_sentence(t) for t in texts[2:])])["বিএনপি"] == ["ORG"]


def test_the_list_leaves_dev_sentences_out(tmp_path) -> None:
    texts = [f"রহিম উদ্দিন {n} নম্বর সভায় এলেন" for n in range(60)]
    dev = [t for t in texts if is_dev(t, DEV_PERCENT)]
    assert dev and len(dev) < len(texts)
    rows = [
        {"text": t, "entities": [{"start": 0, "end": 11, "label": "PER" if t in dev else "LOC"}]}
        for t in texts
    ]
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    kept = corpus_sentences([str(corpus)], tmp_path, DEV_PERCENT)
    assert len(kept) == len(texts) - len(dev)
    assert _names(kept)["রহিম উদ্দিন"] == ["LOC"]  # the dev rows' PER never counted


def test_training_reads_the_list_without_a_sentences_own_fold() -> None:
    """Three sentences mark a name: two share a fold, so each of them sees it marked once
    elsewhere (off the list), the third twice (on it); the served list has it."""
    texts = [f"রহিম উদ্দিন {n} নম্বর সভায় এলেন" for n in range(40)]
    by_fold: dict[int, list[str]] = {}
    for t in texts:
        by_fold.setdefault(fold_of(t), []).append(t)
    pair = next(ts[:2] for ts in by_fold.values() if len(ts) >= 2)
    lone = next(ts[0] for k, ts in by_fold.items() if k != fold_of(pair[0]))
    names = CrossFoldNames([_sentence(t, ("রহিম উদ্দিন", "PER")) for t in [*pair, lone]], SPEC)
    first_word = lambda t: names.word_features(t, split_words(t))[0]  # noqa: E731
    assert first_word(lone) == bit("PER", False)
    assert first_word(pair[0]) == first_word(pair[1]) == 0
    assert names.served.word_features(pair[0], split_words(pair[0]))[0] == bit("PER", False)


def test_a_model_dirs_list_marks_words(tmp_path) -> None:
    write_names(tmp_path / "gazetteer-names.tsv", CrossFoldNames(SENTENCES, SPEC).names)
    SPEC.write(tmp_path)
    assert GazetteerSpec.read(tmp_path) == SPEC
    gazetteer = Gazetteer.for_model(tmp_path, SPEC, kb=None)
    text = "রহিম উদ্দিনের সঙ্গে আশা দেখা করে"
    bits = gazetteer.word_features(text, split_words(text)).tolist()
    assert bits == [bit("PER", False), bit("PER", True), 0, 0, 0, 0]  # a case ending allowed


def test_a_spec_without_a_source_reads_the_kb_and_a_missing_list_is_e011(tmp_path) -> None:
    (tmp_path / "gazetteer.json").write_text('{"labels": ["LOC"], "min_prior": 150.0}')
    assert GazetteerSpec.read(tmp_path) == GazetteerSpec(labels=("LOC",), source="kb")
    SPEC.write(tmp_path)  # a corpora list named, gazetteer-names.tsv absent
    with pytest.raises(ModelLoadError, match="E011"):
        GazetteerSpec.read(tmp_path)


def test_an_unknown_source_in_a_recipe_is_e111(tmp_path) -> None:
    from banglaner.models.errors import ConfigError
    from banglaner.training.recipes import load_recipe

    recipe = tmp_path / "wiki.toml"
    recipe.write_text('gazetteer = "PER"\ngazetteer_source = "wikidata"\n', "utf-8")
    with pytest.raises(ConfigError, match="E111") as err:
        load_recipe(str(recipe))
    assert "kb, corpora" in str(err.value)
