"""The common-word lexicon: words that news text uses mostly outside names.

The linker trims such words off a mention whose remainder is a name the KB
knows (``ট্রাম্প প্রশাসনের`` → ``ট্রাম্প``), and never adds a KB name the tagger
missed when it is also a common word (``আশা`` is an NGO and "hope"). Computed
from the training corpora only (labels reconciled to docs/annotation.md), written
to ``models/kb/common_words.tsv`` by ``banglaner kb lexicon``; the runtime reads
that file and never the corpora.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import regex

from banglaner.models.kb.variant_key import key_words
from banglaner.models.segment import split_words
from banglaner.training.corpora import Sentence, load_corpus
from banglaner.training.reconcile import ReconcileStats, reconcile

CORPORA = ("rifat-train", "banglakit", "multiconer-train", "neon", "karim-train")
MIN_OUTSIDE = 3  # seen at least this often outside any mention
MAX_INSIDE_SHARE = 0.3  # and at most this share of its uses inside one
_LETTER = regex.compile(r"\p{L}")


def count_words(sentences: list[Sentence]) -> tuple[Counter[str], Counter[str]]:
    """(inside, outside) counts per word key (a word's variant key: stem folded); words in
    a partially annotated corpus's untrusted spans count for neither."""
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for s in sentences:
        for a, b in split_words(s.text):
            keys = key_words(s.text[a:b]) if _LETTER.match(s.text, a) else ()
            if len(keys) != 1:
                continue
            if any(m.start < b and a < m.end for m in s.mentions):
                inside[keys[0]] += 1
            elif not any(u0 <= a and b <= u1 for u0, u1 in s.uncertain):
                outside[keys[0]] += 1
    return inside, outside


def build_lexicon(data_dir: Path, out: Path) -> int:
    """Write the lexicon (key, outside, inside per line); returns how many words it holds."""
    sentences = [
        reconcile(s, ReconcileStats()) for name in CORPORA for s in load_corpus(name, data_dir)
    ]
    inside, outside = count_words(sentences)
    rows = sorted(
        (k, n, inside[k])
        for k, n in outside.items()
        if n >= MIN_OUTSIDE and inside[k] <= MAX_INSIDE_SHARE * (inside[k] + n)
    )
    header = (
        f"# Common words of Bengali news: variant key, uses outside / inside names.\n"
        f"# Built by `banglaner kb lexicon` from {', '.join(CORPORA)} (labels reconciled to\n"
        f"# docs/annotation.md): Rifat1493/Bengali-NER (MIT), banglakit (CC0), MultiCoNER II and\n"
        f"# neon-p headlines (both CC BY 4.0), karim2019 (MIT); the gold sets' texts left out.\n"
        f"# Rule: outside >= {MIN_OUTSIDE}, inside share <= {MAX_INSIDE_SHARE}.\n"
    )
    out.write_text(header + "".join(f"{k}\t{n}\t{i}\n" for k, n, i in rows), encoding="utf-8")
    return len(rows)
