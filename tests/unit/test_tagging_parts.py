"""Sentence/word splitting, BIO decoding, subword windows and span tidying."""

from __future__ import annotations

from itertools import product

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from banglaner.models.decoding import BioDecoder
from banglaner.models.encoding import make_windows, window_distance
from banglaner.models.labels import bio_tags
from banglaner.models.segment import sentence_cuts, split_words
from banglaner.models.spans import tidy_span


def _sentences_one_by_one(text: str) -> list[tuple[int, int]]:
    """The stretches between sentence cuts, spaces at their edges trimmed, empty ones
    dropped: what segment_documents finds for all texts at once."""
    cuts = sentence_cuts(text)
    out = []
    for s, e in zip([0, *cuts], [*cuts, len(text)], strict=True):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def test_sentences_and_words() -> None:
    from banglaner.models.document import segment_document

    text = "ঢাকায় বৃষ্টি হয়েছে। কাল কি হবে?\nরয়টার্স জানায়, ‘কিম জং-উন’ আসবেন!  \n\n"
    sentences = segment_document(text).sentences
    sents = [text[a:b] for (a, b), _ in sentences]
    assert sents == ["ঢাকায় বৃষ্টি হয়েছে।", "কাল কি হবে?", "রয়টার্স জানায়, ‘কিম জং-উন’ আসবেন!"]
    words = [text[a:b] for a, b in sentences[2][1]]
    assert words == ["রয়টার্স", "জানায়", ",", "‘", "কিম", "জং", "-", "উন", "’", "আসবেন", "!"]


def test_decoder_repairs_invalid_bio() -> None:
    tags = bio_tags()
    dec = BioDecoder(tags)
    p = np.full((3, len(tags)), 0.01)
    # argmax would read O, I-PER, I-PER: the valid best is B-PER I-PER if B-PER is close behind
    p[0, tags.index("O")] = 0.5
    p[0, tags.index("B-PER")] = 0.45
    p[1, tags.index("I-PER")] = 0.9
    p[2, tags.index("I-PER")] = 0.9
    spans = dec.decode(p / p.sum(1, keepdims=True))
    assert [(s.first, s.last, s.label) for s in spans] == [(0, 3, "PER")]
    assert 0 < spans[0].score < 1


_ODD_TAGS = ("B-PER", "O", "I-LOC", "I-PER", "B-LOC")  # an I- tag listed before its B- tag
_ROW = st.lists(
    st.sampled_from([0.0, 1e-12, 0.01, 0.2, 0.2000001, 0.5, 1.0]), min_size=5, max_size=5
).filter(any)


def _mentions(tags: tuple[str, ...], path: tuple[int, ...]) -> list[tuple[int, int, str]]:
    found: list[list] = []
    for k, tag in enumerate(tags[t] for t in path):
        if tag.startswith("B-"):
            found.append([k, k + 1, tag[2:]])
        elif tag.startswith("I-") and found and found[-1][1] == k and found[-1][2] == tag[2:]:
            found[-1][1] = k + 1
    return [tuple(m) for m in found]


def _best_valid(tags: tuple[str, ...], probs: np.ndarray) -> list[list[tuple[int, int, str]]]:
    """The mentions of every valid tag sequence with the top score, by trying them all (a
    score adds the clipped log-probabilities one word after the other, in float64)."""
    logp = np.log(np.clip(probs.astype(np.float32), 1e-9, 1.0))
    paths = [
        p
        for p in product(range(len(tags)), repeat=len(probs))
        if all(
            not tags[b].startswith("I-") or tags[a][2:] == tags[b][2:]  # "O"[2:] is no label
            for a, b in zip((tags.index("O"), *p)[: len(p)], p, strict=True)
        )
    ]
    scores = []
    for p in paths:
        score = 0.0
        for k, t in enumerate(p):
            score += float(logp[k, t])
        scores.append(score)
    return [_mentions(tags, p) for p, s in zip(paths, scores, strict=True) if s == max(scores)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ROW, max_size=5), min_size=1, max_size=6))
def test_decoder_finds_a_best_valid_sequence(sentences: list[list[list[float]]]) -> None:
    """Whether a sentence's most probable tags are taken as they are or it goes through
    Viterbi, the mentions are those of a top-scoring valid sequence (ties and near-ties
    included: the rows hold equal and almost equal probabilities)."""
    dec = BioDecoder(_ODD_TAGS)
    probs = [np.array(rows, dtype=np.float32).reshape(-1, 5) for rows in sentences]
    probs = [p / p.sum(axis=1, keepdims=True) for p in probs]
    decoded = dec.decode_flat(np.concatenate(probs), np.array([len(p) for p in probs]))
    assert len(decoded) == len(probs)
    for p, spans in zip(probs, decoded, strict=True):
        assert [(s.first, s.last, s.label) for s in spans] in _best_valid(_ODD_TAGS, p)


def test_windows_cover_every_word_once_with_context() -> None:
    n_words = 50
    head = list(range(0, 100, 2))  # two subwords per word
    ids = list(range(100))
    windows = make_windows(ids, head, n_words, max_subwords=20, bos=0, eos=2)
    assert len(windows) > 1
    for w in windows:
        assert len(w.input_ids) <= 22 and w.input_ids[0] == 0 and w.input_ids[-1] == 2
    covered = {w.first_word + k for w in windows for k, h in enumerate(w.word_heads) if h >= 0}
    assert covered == set(range(n_words))
    # a word in an overlap is read from the window where it is most central
    best = {
        wd: max(
            window_distance(w, wd)
            for w in windows
            if w.first_word <= wd < w.first_word + len(w.word_heads)
        )
        for wd in range(n_words)
    }
    assert all(v >= 0 for v in best.values())


def test_tidy_span() -> None:
    text = "“কিম জং-উন” ২০২৪-এর নির্বাচনে, ঢাকা-চট্টগ্রাম"
    s = text.index("কিম")
    assert text[slice(*tidy_span(text, s - 1, s + len("কিম জং-উন") + 1))] == "কিম জং-উন"
    s = text.index("২০২৪")
    assert text[slice(*tidy_span(text, s, s + 4))] == "২০২৪-এর"
    s = text.index("ঢাকা")
    assert text[slice(*tidy_span(text, s, s + 4))] == "ঢাকা"  # a hyphenated place pair stays apart


def test_one_window_sentences_merge_at_once_as_one_by_one() -> None:
    """The batched merge of sentences that fit one window gives what the general per-sentence
    merge gives, words that share a subword with the word before (head -1) included, also
    at a sentence's start and in a chain."""
    from banglaner.models.encoding import Window
    from banglaner.models.tagger import Tagger, WindowProbs, _Batch

    tags = bio_tags()
    tagger = Tagger(encoder=None, tokenizer=None, tags=tags)
    rng = np.random.default_rng(0)
    sizes = [5, 1, 8, 3, 12]
    heads, probs = [], []
    for n in sizes:
        h = [-1 if rng.random() < 0.3 else int(k) for k in rng.permutation(n)]
        h[0] = -1  # a first word sharing its subword: continues O
        heads.append(h)
        p = rng.dirichlet(np.ones(len(tags)), size=n + 2).astype(np.float32)
        p[3 % (n + 2), tags.index("B-PER")] = 5.0  # a B- row that a -1 word may continue
        probs.append(p)
    assert sum(h < 0 for each in heads for h in each) >= 5
    n = np.array(sizes)
    batch = _Batch(
        [], np.zeros(len(n), dtype=np.int64), np.zeros((n.sum(), 2), dtype=np.int64), n,
        np.zeros(n.sum(), dtype=np.int64), n, np.concatenate([np.array(h) for h in heads]),
        window_sentence=np.arange(len(n)), window_size=n,
    )  # fmt: skip
    rows = WindowProbs(np.concatenate(probs), np.cumsum(n + 2) - (n + 2))
    merged = np.split(tagger.merge_windows(batch, rows), np.cumsum(n)[:-1])
    one_by_one = [
        tagger._merge_sentence([Window([], 0, [k + 1 if k >= 0 else -1 for k in h])], len(h), [p])
        for h, p in zip(heads, probs, strict=True)
    ]
    assert [m.shape for m in merged] == [(k, len(tags)) for k in sizes]
    for got, expected in zip(merged, one_by_one, strict=True):
        assert np.array_equal(got, expected)


_PIECES = st.sampled_from(
    [
        *"কখগড়য়ািে্ৗ়অআ০১২৩9aZé।,.-?!\"')’” ",
        *["\n", "\u00a0", "\u2009", "\t", "\u0301", "\u200c", "\uf06c", "Ｆ", "\x00"],
        *["😀", "👍🏽", "𝐀", "\U00020000", "\ud800"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=40).map("".join), min_size=1, max_size=6))
@example(["ঢাকায় এলেন কিম জং-উন। তিনি বললেন, ‘শান্তি!’\nরয়টার্স 😀", "", "  ৷ "])
def test_words_and_sentences_of_many_texts_at_once(texts: list[str]) -> None:
    """The numpy word splitter (inference) finds what the regex finds (training), astral
    characters and lone surrogates included; and texts segmented together get the sentences
    found in each normalised text on its own, each holding exactly its words."""
    from banglaner.models.document import segment_documents
    from banglaner.models.segment import word_bounds

    for text in texts:
        starts, ends = word_bounds(text)
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == split_words(text)
    docs = segment_documents(texts)
    assert len(docs) == len(texts)
    for doc in docs:
        text = doc.norm.text
        expected = [((s, e), split_words(text, s, e)) for s, e in _sentences_one_by_one(text)]
        assert doc.sentences == expected
        assert sum(len(w) for _, w in expected) == len(split_words(text))
