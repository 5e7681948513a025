"""Gazetteer features: the packaged knowledge base's names marked on the words of a text
(the tagger's extra input). A tagger trained with them: the integration tier's
test_gazetteer_training_and_distillation.py."""

from __future__ import annotations

import numpy as np

from banglaner.models.gazetteer import Gazetteer, GazetteerSpec, bit, kb_names
from banglaner.models.kb.store import KnowledgeBase
from banglaner.models.segment import split_words


def test_word_features_mark_kb_names(kb_path) -> None:
    kb = KnowledgeBase.open(kb_path)
    gaz = Gazetteer(kb_names(kb, GazetteerSpec()))
    text = "রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন কিম জং-উনের সঙ্গে বৈঠক করেন।"
    words = split_words(text)
    bits = dict(zip((text[a:b] for a, b in words), gaz.word_features(text, words), strict=True))
    assert bits["রাশিয়ার"] & bit("LOC", False)
    assert bits["ভ্লাদিমির"] & bit("PER", False) and bits["পুতিন"] & bit("PER", True)
    assert bits["কিম"] & bit("PER", False) and bits["উনের"] & bit("PER", True)
    assert bits["প্রেসিডেন্ট"] == 0 and bits["বৈঠক"] == 0
    places = GazetteerSpec(labels=("LOC",))
    places_only = Gazetteer(kb_names(kb, places), places)
    only = places_only.word_features(text, words)
    assert not np.any(only & (bit("PER", False) | bit("PER", True)))
    assert only[0] & bit("LOC", False)
