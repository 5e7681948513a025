"""The CRF baseline trains on a slice and tags with exact offsets, like the transformer, alone
or inside the same pipeline (date grammar and knowledge base)."""

from __future__ import annotations

from banglaner.eval.runner import score_extractor
from banglaner.models.pipeline import Pipeline
from banglaner.training.corpora import load_corpus
from banglaner.training.crf_baseline import CrfTagger, tagger_alone
from banglaner.training.gold_corpora import as_gold
from banglaner.training.reconcile import ReconcileStats, reconcile


def test_crf_slice(data_dir, linker) -> None:
    train = [reconcile(s, ReconcileStats()) for s in load_corpus("rifat-train", data_dir)[:400]]
    crf = CrfTagger.train(train)
    test = load_corpus("rifat-test", data_dir)[:100]
    alone = tagger_alone(crf)
    tagged = alone([s.text for s in test])
    assert sum(map(len, tagged)) > 20
    for sent, ents in zip(test, tagged, strict=True):
        for e in ents:
            assert sent.text[e.start : e.end] == e.text
    gold = as_gold("rifat-test", test)
    assert score_extractor(alone, gold)["micro_names"].f1 > 0.1  # learns from 400 sentences
    with_kb = Pipeline(crf, linker).extract_many([s.text for s in test])
    assert any(e.label == "DATE" and e.value for ents in with_kb for e in ents)
    assert any(e.id and e.id.startswith("Q") for ents in with_kb for e in ents)
