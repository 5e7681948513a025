"""Run an extractor over gold documents and score it strictly.

An extractor is anything that maps texts to entities: ``Pipeline.extract_many``
(what the service returns), ``Tagger.tag_many`` (the model alone), or the CRF
baseline alone or in a Pipeline (training.crf_baseline). Corpora become gold
documents in training.gold_corpora.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from banglaner.eval.gold import GoldDoc
from banglaner.eval.scorer import PRF, Key, strict_scores
from banglaner.models.entity import Entity

Extractor = Callable[[Sequence[str]], list[list[Entity]]]


def score_extractor(
    extract: Extractor, docs: Sequence[GoldDoc], batch_docs: int = 256
) -> dict[str, PRF]:
    """Strict scores of ``extract`` on ``docs`` (document dates are not used)."""
    gold: list[Key] = [(i, m.start, m.end, m.label) for i, d in enumerate(docs) for m in d.mentions]
    pred: list[Key] = []
    for lo in range(0, len(docs), batch_docs):
        chunk = docs[lo : lo + batch_docs]
        for k, ents in enumerate(extract([d.text for d in chunk])):
            pred.extend((lo + k, e.start, e.end, e.label) for e in ents)
    return strict_scores(gold, pred)
