"""The one text normaliser, shared by training and inference.

Every model input goes through :func:`normalize`, which returns the normalised
string together with a map back to the text exactly as the client sent it, so
offsets found on the normalised text can always be reported on the original.

Rules (each keeps or shrinks meaning, never invents it):

* Unicode NFKC, as the BanglaBERT normaliser does. Under NFC/NFKC the nukta
  letters য় ড় ঢ় are *decomposed* (য + ়): that is our one spelling, and it is
  also what the XLM-R SentencePiece vocabulary was trained on.
* Split vowels are composed: ে + া → ো, ে + ৗ → ৌ, ে + C + ৗ → C + ৌ,
  অ + া → আ, and ব + ় (a typing slip) → র  (BanglaBERT normaliser rules).
* Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen) are
  removed: XLM-R would otherwise read them as spaces and split a word in two.
* The precomposed nukta letters (U+09DC, U+09DD, U+09DF) are decomposed in the
  first stage, so most news text needs no per-cluster NFKC work afterwards.
* Private-use characters (symbol-font bullets such as U+F06C) and lone
  surrogates (which JSON allows and no tokenizer accepts) become a space.
* Every Unicode space (NBSP, thin space, tab, …) becomes an ASCII space;
  line breaks become ``\\n`` (sentence splitting uses them); other control
  characters become a space.
* Curly quotes become ASCII quotes, ৷ (U+09F7, typed for the danda) becomes ।,
  the ellipsis becomes ``...``, and Latin letters lose their diacritics
  (BanglaBERT normaliser rules; its PyPI package pins emoji/ftfy versions that
  conflict with bnlp-toolkit, so the rules are reimplemented here).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

_DELETE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_DOUBLE_QUOTES = "«»‹›„“‟”❝❞❮❯〝〞〟＂"
_SINGLE_QUOTES = "‘‛’❛❜`´‚"

# Stage 1, character by character: deletions, spaces, controls, quotes, symbols.
_PRECOMPOSED = {c: unicodedata.normalize("NFKC", c) for c in "\u09dc\u09dd\u09df"}
_CHAR_RULES = regex.compile(
    rf"[{regex.escape(_DELETE + _DOUBLE_QUOTES + _SINGLE_QUOTES)}\u09f7\u2026\u09dc\u09dd\u09df]"
    r"|\r\n|[[\p{Zs}--[ ]]\t\v\f\r\u2028\u2029\x85]|[\p{Cc}--[\n]]|\p{Co}|\p{Cs}",
    flags=regex.V1,
)
# Stage 2, on stage 1's output: Bengali sequences (longest first), then NFKC.
_SEQUENCE_RULES: dict[str, str] = {
    "\u09c7\u0981\u09be": "\u09cb\u0981",  # e-kar + candrabindu + aa → o-kar + candrabindu
    "\u09c7\u0981\u09d7": "\u09cc\u0981",
    "\u09c7\u09be": "\u09cb",  # e-kar + aa-kar → o-kar
    "\u09c7\u09d7": "\u09cc",  # e-kar + au length mark → au-kar
    "\u0985\u09be": "\u0986",  # অ + া → আ
    "\u09ac\u09bc": "\u09b0",  # ব + nukta → র
}
_SEQUENCES = regex.compile(
    "|".join(regex.escape(k) for k in sorted(_SEQUENCE_RULES, key=len, reverse=True))
    + r"|\u09c7(\p{L})\u09d7"  # e-kar, consonant, au length mark → consonant + au-kar
)
_GRAPHEME = regex.compile(r"\X")
_CACHED_WORD_CHARS = 64  # longer stretches between spaces are checked, not cached
_LATIN_WITH_MARKS = regex.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")


def _char_rule(match: regex.Match[str]) -> str:
    s = match.group(0)
    if s in _DELETE:
        return ""
    if s in _DOUBLE_QUOTES:
        return '"'
    if s in _SINGLE_QUOTES:
        return "'"
    if s in ("\r\n", "\u2028", "\u2029", "\x85"):
        return "\n"
    if s in _PRECOMPOSED:
        return _PRECOMPOSED[s]
    return {"\u09f7": "\u0964", "\u2026": "..."}.get(s, " ")  # ৷ → ।; else a space


def _sequence_rule(match: regex.Match[str]) -> str:
    s = match.group(0)
    if s in _SEQUENCE_RULES:
        return unicodedata.normalize("NFKC", _SEQUENCE_RULES[s])
    return unicodedata.normalize("NFKC", match.group(1) + "\u09cc")


@lru_cache(maxsize=8192)
def _nfkc_cluster(cluster: str) -> str:
    """NFKC one grapheme cluster, then strip diacritics from Latin letters."""
    out = unicodedata.normalize("NFKC", cluster)
    if _LATIN_WITH_MARKS.search(out):
        decomposed = unicodedata.normalize("NFKD", out)
        # recomposed: NFKD also splits a Bengali vowel sign in the cluster (ো → ে + া)
        out = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
        )
        out = {"Ð": "D", "ð": "d", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ł": "L", "ł": "l"}.get(
            out, out
        )
    return out


@dataclass(slots=True)  # not frozen: that costs 1 µs more per object, one per text
class NormalizedText:
    """Normalised text plus, for each of its characters, the original span it came from
    (``range`` objects where the normaliser changed nothing: no per-character work)."""

    original: str
    text: str
    orig_start: Sequence[int]
    orig_end: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty span ``[start, end)`` of :attr:`text` to the original string."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside normalised text of {len(self.text)}")
        return self.orig_start[start], self.orig_end[end - 1]


class _Builder:
    """Accumulates output characters and their original spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def identity(self, segment: str, offset: int) -> None:
        if not segment:
            return
        self.parts.append(segment)
        self.starts.extend(range(offset, offset + len(segment)))
        self.ends.extend(range(offset + 1, offset + len(segment) + 1))

    def replaced(self, out: str, start: int, end: int) -> None:
        if out == "":
            return
        self.parts.append(out)
        self.starts.extend([start] * len(out))
        self.ends.extend([end] * len(out))

    def nfkc(self, segment: str, offset: int) -> None:
        """NFKC and Latin folding, cluster by cluster so offsets stay exact."""
        if unicodedata.is_normalized("NFKC", segment) and not _LATIN_WITH_MARKS.search(segment):
            self.identity(segment, offset)
            return
        for m in _GRAPHEME.finditer(segment):
            cluster = m.group(0)
            out = _nfkc_cluster(cluster)
            if out == cluster:
                self.identity(cluster, offset + m.start())
            else:
                self.replaced(out, offset + m.start(), offset + m.end())

    def result(self) -> tuple[str, list[int], list[int]]:
        return "".join(self.parts), self.starts, self.ends


Maps = tuple[Sequence[int], Sequence[int]]


def _identity(n: int) -> Maps:
    return range(n), range(1, n + 1)


def _stage(
    text: str,
    pattern: regex.Pattern[str],
    rule: Callable[[regex.Match[str]], str],
    rest: Callable[[_Builder, str, int], None],
) -> tuple[str, Maps]:
    """Apply ``rule`` to ``pattern``'s matches and ``rest`` to the text between them."""
    b = _Builder()
    pos = 0
    for m in pattern.finditer(text):
        rest(b, text[pos : m.start()], pos)
        b.replaced(rule(m), m.start(), m.end())
        pos = m.end()
    rest(b, text[pos:], pos)
    out, starts, ends = b.result()
    return out, (starts, ends)


def _unchanged_by_stage_two(text: str) -> bool:
    return (
        _SEQUENCES.search(text) is None
        and unicodedata.is_normalized("NFKC", text)
        and _LATIN_WITH_MARKS.search(text) is None
    )


def _untouched(text: str) -> bool:
    """No rule of either stage touches ``text``."""
    return _CHAR_RULES.search(text) is None and _unchanged_by_stage_two(text)


class _CleanWords:
    """Words no rule touches, remembered (up to 64 characters each, 100k words, then afresh):
    news repeats its words, so most texts are found clean by one set lookup per word, in C."""

    def __init__(self, max_words: int = 100_000) -> None:
        self.known: set[str] = set()
        self.max_words = max_words

    def all_clean(self, words: list[str]) -> bool:
        if self.known.issuperset(words):
            return True
        for w in words:
            if w not in self.known:
                if not _untouched(w):
                    return False
                if len(w) <= _CACHED_WORD_CHARS:
                    if len(self.known) >= self.max_words:
                        self.known = set()
                    self.known.add(w)
        return True


_CLEAN_WORDS = _CleanWords()


def _plain(text: str) -> bool:
    """No rule touches ``text``, checked word by word (:class:`_CleanWords`). Exact: no
    rule's match spans an ASCII space (none matches a space, none holds one), and NFKC
    never composes or reorders across a space (a starter that composes with nothing)."""
    return _CLEAN_WORDS.all_clean(text.split(" "))


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` and keep a map from every output character to the input.
    Text no rule touches (the common case for news) is found word by word from a cache;
    each stage that changes nothing otherwise costs one scan."""
    if _plain(text):
        return NormalizedText(text, text, *_identity(len(text)))
    if _CHAR_RULES.search(text) is None:
        text1, maps1 = text, None
    else:
        text1, maps1 = _stage(text, _CHAR_RULES, _char_rule, _Builder.identity)
    if _unchanged_by_stage_two(text1):
        text2, maps2 = text1, None
    else:
        text2, maps2 = _stage(text1, _SEQUENCES, _sequence_rule, _Builder.nfkc)
    if maps2 is None:
        starts, ends = maps1 or _identity(len(text2))
    elif maps1 is None:
        starts, ends = maps2
    else:  # compose: an output character's span in stage one's output, mapped back again
        starts = [maps1[0][i] for i in maps2[0]]
        ends = [maps1[1][j - 1] for j in maps2[1]]
    return NormalizedText(text, text2, starts, ends)
