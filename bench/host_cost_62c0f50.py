"""The stages of bench/host_cost.py as revision 62c0f50's API has them (its tagger loops
per sentence): the "before" of the host-cost table. Run by ``bench/host_cost.py --base
62c0f50``, inside a worktree of that revision (PYTHONPATH = the worktree, then bench/).
Prints µs per sentence per stage as JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from datetime import date

from null_encoder import NullEncoder

from banglaner.models.dates.merge import merge_dates
from banglaner.models.document import DocumentWords, entity_from_words
from banglaner.models.encoding import make_windows, word_subwords
from banglaner.models.normalize import normalize
from banglaner.models.segment import split_sentences, split_words
from banglaner.models.tagger import _Sentence
from banglaner.service.loading import load_pipeline
from banglaner.service.settings import get_settings
from banglaner.training.corpora import load_corpus


def _tokenise(tagger, docs: list[DocumentWords]) -> list[_Sentence]:
    """Per sentence, as that revision did: one tokenizer call each, then its windows."""
    out = []
    for d, doc in enumerate(docs):
        for (s, e), words in doc.sentences:
            relative = [(a - s, b - s) for a, b in words]
            ids, head = word_subwords(tagger.tokenizer, doc.norm.text[s:e], relative)
            out.append((d, words, ids, head))
    return out


def _stages(pipe, texts: list[str]) -> dict[str, float]:
    tagger, t, t0 = pipe.tagger, {}, time.perf_counter()

    def lap(name: str, start: float) -> float:
        t[name] = time.perf_counter() - start
        return time.perf_counter()

    norms = [normalize(x) for x in texts]
    t0 = lap("normalise", t0)
    docs = [
        DocumentWords(n, [((s, e), split_words(n.text, s, e)) for s, e in split_sentences(n.text)])
        for n in norms
    ]
    t0 = lap("segment", t0)
    tokens = _tokenise(tagger, docs)
    t0 = lap("tokenise", t0)
    cls, sep = tagger.tokenizer.cls_token_id, tagger.tokenizer.sep_token_id
    sentences = [
        _Sentence(d, words, make_windows(ids, head, len(words), tagger.max_subwords, cls, sep))
        for d, words, ids, head in tokens
    ]
    t0 = lap("window", t0)
    tagger._forward(sentences)
    t0 = lap("encoder (null) + batching + merge windows", t0)
    decoded = [tagger._decoder.decode(s.probs) for s in sentences]
    t0 = lap("decode (Viterbi) + spans in words", t0)
    found: list[list] = [[] for _ in docs]
    for s, spans in zip(sentences, decoded, strict=True):
        for x in spans:
            ent = entity_from_words(docs[s.doc].norm, s.words, x.first, x.last, x.label, x.score)
            if ent is not None:
                found[s.doc].append(ent)
    t0 = lap("spans", t0)
    dated = [merge_dates(e, d.norm, date(2024, 1, 1)) for d, e in zip(docs, found, strict=True)]
    t0 = lap("dates", t0)
    for d, e in zip(docs, dated, strict=True):
        pipe.linker.link(e, d.norm.original)
    lap("link", t0)
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=512)
    args = parser.parse_args()
    settings = get_settings()
    pipe = load_pipeline(settings)
    pipe.tagger.encoder = NullEncoder(pipe.tagger.tags)
    base = [s.text for s in load_corpus("rifat-test", settings.data_dir)]
    texts = (base * (args.sentences // len(base) + 1))[: args.sentences]
    totals: dict[str, float] = defaultdict(float)
    _stages(pipe, texts[: args.batch])
    for lo in range(0, len(texts), args.batch):
        for name, seconds in _stages(pipe, texts[lo : lo + args.batch]).items():
            totals[name] += seconds
    per = {name: round(s / len(texts) * 1e6, 1) for name, s in totals.items()}
    tagging = [k for k in per if k not in ("spans", "dates", "link")]
    print(
        json.dumps(
            {
                "us_per_sentence": per,
                "normalise_to_decode_us": round(sum(per[k] for k in tagging), 1),
                "all_host_us": round(sum(per.values()), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
