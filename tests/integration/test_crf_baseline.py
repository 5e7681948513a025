"""The CRF baseline trains on a slice and tags with exact offsets, like the transformer."""

from __future__ import annotations

from eval.runner import score_extractor
from training.corpora import load_corpus
from training.crf_baseline import CrfTagger
from training.gold_corpora import as_gold
from training.reconcile import ReconcileStats, reconcile


def test_crf_slice(data_dir) -> None:
    train = [reconcile(s, ReconcileStats()) for s in load_corpus("rifat-train", data_dir)[:400]]
    crf = CrfTagger.train(train)
    test = load_corpus("rifat-test", data_dir)[:100]
    tagged = crf.tag_many([s.text for s in test])
    assert sum(map(len, tagged)) > 20
    for sent, ents in zip(test, tagged, strict=True):
        for e in ents:
            assert sent.text[e.start : e.end] == e.text
    scores = score_extractor(crf.tag_many, as_gold("rifat-test", test))
    assert scores["micro_names"].f1 > 0.1  # learns something from 400 sentences
