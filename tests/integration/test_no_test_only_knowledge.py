"""No test-only knowledge: a curated KB name or a variant-key folding word that occurs in a
gold test split must also occur in text we may learn from (a training corpus or a dev
split); otherwise it exists only because a test text contains it."""

from __future__ import annotations

from pathlib import Path

import regex

from banglaner.eval.gold import read_gold_jsonl
from banglaner.models.kb.sources import curated_files, parse_curated
from banglaner.models.lang.bn.words import TYPE_WORDS
from banglaner.models.normalize import normalize
from banglaner.training.corpora import load_corpus

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
TRAINING = ("rifat-train", "banglakit", "karim-train", "multiconer-train", "neon")
_LETTER = regex.compile(r"[\p{L}\p{M}]")


def _texts(data_dir: Path, split: str) -> str:
    """Every text of that side, normalised, one per line: gold splits (and, for the
    learnable side, the training corpora; for the test side, Rifat test)."""
    texts = [
        d.text
        for name, has_splits in (("world", True), ("real", True), ("dates_real", True))
        for d in read_gold_jsonl(GOLD / f"{name}.jsonl", split if has_splits else None)
    ]
    corpora = TRAINING if split == "dev" else ("rifat-test",)
    texts += [s.text for name in corpora for s in load_corpus(name, data_dir)]
    if split == "test":
        for name in ("articles", "multiconer"):  # every row of these two is test
            texts += [d.text for d in read_gold_jsonl(GOLD / f"{name}.jsonl")]
    return "\n".join(normalize(t).text for t in texts)


def _occurs(word: str, text: str) -> bool:
    """``word`` at the start of a word of ``text`` (case endings may follow it)."""
    start = text.find(word)
    while start >= 0:
        if start == 0 or not _LETTER.match(text[start - 1]):
            return True
        start = text.find(word, start + 1)
    return False


def _knowledge() -> dict[str, str]:
    """Every curated name and every folding-rule word, normalised, with where it is."""
    out = {}
    for section in curated_files():
        for record in parse_curated(section.read_text("utf-8"), section.name):
            for name in record.all_names():
                out[normalize(name).text] = f"{section.name}: {record.all_names()[0]}"
    for group in TYPE_WORDS:
        for word in group:
            out[normalize(word).text] = f"lang.bn.words.TYPE_WORDS: {group[0]}"
    return out


def test_no_curated_name_or_folding_word_is_known_only_from_a_test_split(data_dir) -> None:
    knowledge = _knowledge()
    assert len(knowledge) > 5000
    test_text = _texts(data_dir, "test")
    in_test = [w for w in knowledge if len(w) >= 3 and _occurs(w, test_text)]
    assert len(in_test) > 100  # the check has something to check
    learnable = _texts(data_dir, "dev")
    only_test = sorted(f"{w} ({knowledge[w]})" for w in in_test if not _occurs(w, learnable))
    assert not only_test, "known only from a test split:\n" + "\n".join(only_test)
