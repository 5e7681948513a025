"""A CRF baseline of the kind BNLP ships: bnlp's word/affix features + sklearn-crfsuite.

Trained on the same reconciled words as the transformer and exposed with the
same ``tag_documents`` as models.tagger.Tagger, so the same Pipeline (date grammar
and knowledge base) can run around either, and the comparison is like for like.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from banglaner.eval.runner import Extractor
from banglaner.models.document import DocumentWords, entity_from_words, segment_documents
from banglaner.models.entity import Entity
from banglaner.models.labels import bio_tags
from banglaner.models.pipeline import DocumentTagger, Pipeline
from banglaner.models.segment import split_words
from banglaner.training.corpora import Sentence
from banglaner.training.corpora.base import bio_spans
from banglaner.training.dataset import IGNORE, word_labels
from banglaner.training.finetune import TrainConfig, all_sentences, load_training_data


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


class CrfTagger:
    """sklearn-crfsuite over bnlp features, with the Tagger's ``tag_documents``."""

    name, version = "crf-baseline", "1"

    def __init__(self, crf, features) -> None:
        self.crf = crf
        self.features = features

    @classmethod
    def train(cls, sentences: Sequence[Sentence]) -> CrfTagger:
        import sklearn_crfsuite

        features = _bnlp_features()
        tags = bio_tags()
        index = {t: i for i, t in enumerate(tags)}
        xs, ys = [], []
        for s in sentences:
            words = split_words(s.text)
            tokens = [s.text[a:b] for a, b in words]
            # a CRF has no "unknown" label: untrusted outside words count as O
            labels = [tags[lab] if lab != IGNORE else "O" for lab in word_labels(s, words, index)]
            xs.append([features(tokens, i) for i in range(len(tokens))])
            ys.append(labels)
        crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100)
        crf.fit(xs, ys)
        return cls(crf, features)

    def tag_documents(self, docs: Sequence[DocumentWords]) -> list[list[Entity]]:
        out: list[list[Entity]] = []
        for doc in docs:
            entities: list[Entity] = []
            for _, words in doc.sentences:
                tokens = [doc.norm.text[a:b] for a, b in words]
                feats = [self.features(tokens, i) for i in range(len(tokens))]
                tags = self.crf.predict_single(feats)
                for first, last, label in bio_spans(tags):
                    ent = entity_from_words(doc.norm, words, first, last, label, 1.0)
                    if ent is not None:
                        entities.append(ent)
            out.append(entities)
        return out


def train_baseline(data_dir: Path, corpora: list[str] | None = None) -> CrfTagger:
    """The CRF on the default model's training data (dev split included)."""
    cfg = TrainConfig(corpora=corpora or TrainConfig().corpora)
    parts, dev, _ = load_training_data(cfg, data_dir)
    return CrfTagger.train([*all_sentences(parts), *dev])


def tagger_alone(tagger: DocumentTagger) -> Extractor:
    """The tagger's own mentions: no date grammar, no knowledge base."""
    return lambda texts: tagger.tag_documents(segment_documents(texts))


def like_for_like(crf: CrfTagger, pipe: Pipeline) -> dict[str, Extractor]:
    """Each tagger alone, and each inside the same pipeline (date grammar and KB)."""
    return {
        "CRF alone": tagger_alone(crf),
        "CRF + dates + KB": Pipeline(crf, pipe.linker, pipe.timezone.key).extract_many,
        f"{pipe.name} alone": tagger_alone(pipe.tagger),
        f"{pipe.name} + dates + KB": pipe.extract_many,
    }
