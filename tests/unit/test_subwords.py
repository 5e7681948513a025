"""The chunk cache of models/subwords.py gives exactly what one tokenizer call gives."""

from __future__ import annotations

import json

import numpy as np
import pytest

from banglaner.models.subwords import _OTHER_SPACE, Subwords, tokenise
from tests.conftest import DATA
from tests.tiny import bengali_vocab

# news sentences, and the edges: odd whitespace (U+00A0, U+2003, U+001C, which Python's
# str.split cuts and the Rust tokenizer does not), an added token, empty and blank texts
EDGES = [
    "ভ্লাদিমির পুতিন\u00a0ও\u2003কিম জং-উন\x1cবৈঠক করেন।",
    "মডেলটি <mask> শব্দ পূরণ করে",
    "",
    "   ",
    "\t\nঢাকা\r\n",
    "১০ নভেম্বর, ২০২৫ (রয়টার্স) —",
]


def _texts() -> list[str]:
    lines = (DATA / "tiny_train.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines] + EDGES


def _xlmr():
    from transformers import XLMRobertaTokenizer

    return XLMRobertaTokenizer(vocab=bengali_vocab())


def _wordpiece():
    from tokenizers import BertWordPieceTokenizer
    from transformers import PreTrainedTokenizerFast

    wp = BertWordPieceTokenizer(lowercase=False, strip_accents=False, clean_text=True)
    wp.train_from_iterator(_texts(), vocab_size=500, min_frequency=1, show_progress=False)
    return PreTrainedTokenizerFast(tokenizer_object=wp._tokenizer, unk_token="[UNK]")


def _assert_same(expected, got) -> None:
    assert all(np.array_equal(g, e) for g, e in zip(got, expected, strict=True))


# small limits: the cache starts afresh often, by chunks or by characters
@pytest.mark.parametrize("limits", [{}, {"max_chunks": 40}, {"max_chars": 300}])
def test_chunk_cache_matches_one_tokenizer_call(limits: dict) -> None:
    tokenizer, texts = _xlmr(), _texts()
    subwords = Subwords(tokenizer, **limits)
    assert subwords.chunked  # e5/XLM-R's pre-tokenizer: WhitespaceSplit, then Metaspace
    plain = [t for t in texts if "<mask>" not in t]
    expected = tokenise(tokenizer, plain)
    assert expected[2].sum() > 100 and (expected[2] == 0).any()
    _assert_same(expected, subwords(plain))
    assert subwords._store.index  # the cache path ran
    _assert_same(expected, subwords(plain))  # served from the cache
    # a batch whose only whitespace is the space: chunks split by str.split(" ")
    spaced = [t for t in plain if not _OTHER_SPACE.search(t)]
    assert 0 < len(spaced) < len(plain)
    _assert_same(tokenise(tokenizer, spaced), subwords(spaced))
    # a text holding an added token: the whole batch goes to the tokenizer as it is
    _assert_same(tokenise(tokenizer, texts), subwords(texts))


def test_other_tokenizers_take_the_plain_path() -> None:
    tokenizer, texts = _wordpiece(), _texts()
    subwords = Subwords(tokenizer)
    assert not subwords.chunked  # BERT's normaliser: no chunk cache
    _assert_same(tokenise(tokenizer, texts), subwords(texts))
    assert not subwords._store.index


def test_threads_sharing_one_cache_get_what_one_call_gives() -> None:
    """Callers on several threads (the tokenizer lets go of the GIL) share one cache that
    keeps starting afresh; each gets exactly its own texts' subwords."""
    from concurrent.futures import ThreadPoolExecutor

    tokenizer = _xlmr()
    texts = [t for t in _texts() if "<mask>" not in t]
    batches = [texts[k::5] for k in range(5)] * 4
    subwords = Subwords(tokenizer, max_chunks=60)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(subwords, batches))
    assert len(results) == len(batches) == 20
    for batch, got in zip(batches, results, strict=True):
        _assert_same(tokenise(tokenizer, batch), got)
