"""The variant key: one deterministic string for every spelling and case form of a Bengali name.

Two mentions get the same key when they differ only in the ways Bengali news
spells a name differently or inflects it, so the key needs no shared state:
two machines that never talked give ভস্তোচনি and ভোস্টোচনি কসমোড্রোমে the
same key, hence the same local ID. Rules, in order (each with an example):

1. Clean-up: the banglaner normaliser (NFKC, split vowels composed, zero-width
   characters out), Latin lower-cased, Bengali digits to ASCII.
2. Words split on spaces, hyphens, apostrophes and dots, so কিম জং-উন = কিম জং উন
   and ট্রাম্প'র = ট্রাম্প র; a word that is only a case ending (এর in বিএনপি-এর) is dropped.
3. Case endings and particles stripped from every word, longest first, as long
   as at least two characters remain, repeatedly: পুতিনের → পুতিন, রাশিয়ায় →
   রাশিয়া, কসমোড্রোমে → কসমোড্রোম, ভারতকেও → ভারত, দিল্লিতে → দিল্লি,
   মোদীরও → মোদী, লিমনসহ → লিমন. Plural endings (দের, রা) are not stripped: names are
   seldom plural and often end so (এরশাদের, আঙ্কারা). Endings that are also
   a name's last letters are only stripped where the name cannot end so: র only after a vowel sign
   (ঢাকার → ঢাকা, but নগর stays), ে only after a consonant (ভারতে → ভারত),
   তে only after a vowel (দিল্লিতে), never leaving a hasanta (ইয়র্কে → ইয়র্ক),
   য় only after া/ো/ে/ু/ূ (ঢাকায় → ঢাকা, but কোরিয় stays). Where a name
   really ends in an ending (আনোয়ার, দুবাই) the key loses it from every form
   alike (আনোয়ার, আনোয়ারের, আনোয়ারকে → anoya), so the forms still agree.
4. Letters folded to a coarse romanisation that erases the variation of
   transliterated names: স্ট/স্ত/ষ্ট → st (ট = ত, ঠ = থ, ড = ড় = দ, ঢ = ঢ় = ধ,
   শ = ষ = স, ণ = ন, জ = য), o-kar dropped (ভোস্টোচনি = ভস্তোচনি → bhstcni),
   ী = ি, ূ = ু, ইয় = য় (মাইয়ামি = মায়ামি, ইয়েমেন = য়েমেন), ং = ঙ (জং = জঙ → jng), ya-phala,
   hasanta, candrabindu and visarga dropped, a doubled letter single (উত্তর → utr).
5. Honorifics before a name dropped (ড. মুহাম্মদ ইউনূস = মুহাম্মদ ইউনূস), and the
   spellings of the commonest Muslim name words made one (মোহাম্মদ = মুহাম্মদ =
   মুহম্মদ = মো., আহমেদ = আহমদ, হোসেন = হোসাইন = হুসেইন).
6. Words joined with nothing: নিউইয়র্ক = নিউ ইয়র্ক (niuyrk), ইয়ং = য়ং.
7. A facility's or body's type word in any of its forms, Bengali, transliterated
   English or translated, is one word: কসমোড্রোম = মহাকাশ বন্দর = স্পেসপোর্ট,
   বিমানবন্দর = এয়ারপোর্ট, বিশ্ববিদ্যালয় = ইউনিভার্সিটি, হাসপাতাল = হসপিটাল,
   মন্ত্রণালয় = মিনিস্ট্রি = মন্ত্রক (``TYPE_WORDS``), so ভস্তোচনি
   কসমোড্রোমে and ভোস্টোচনি মহাকাশ বন্দর share a key (bhstcniksmdrm).

The key is a class, not a spelling: it is never shown to users except inside
a local ID (``bn:LOC:bhstcniksmdrm``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from banglaner.models.lang.bn.endings import STEM_ENDINGS
from banglaner.models.lang.bn.script import HASANTA, NUKTA, VOWELS
from banglaner.models.lang.bn.words import TYPE_WORDS
from banglaner.models.normalize import normalize

# Endings, longest first; each with the characters that may precede it (None: any).
_CASE_ENDINGS = sorted(
    ((unicodedata.normalize("NFC", e), before) for e, before in STEM_ENDINGS),
    key=lambda e: len(e[0]),
    reverse=True,
)
_DISPLAY_ENDINGS = [(e, b) for e, b in _CASE_ENDINGS if e not in {"র", "ই", "ও"}]
_ENDING_ONLY = {e for e, _ in _CASE_ENDINGS}
_MIN_STEM = 2
_PIECE_SPLIT = regex.compile(r"[\-‐‑–—'’.]+")

_CONSONANTS = {
    "ক": "k",
    "খ": "kh",
    "গ": "g",
    "ঘ": "gh",
    "ঙ": "ng",
    "চ": "c",
    "ছ": "ch",
    "জ": "j",
    "ঝ": "jh",
    "ঞ": "n",
    "ট": "t",
    "ঠ": "th",
    "ড": "d",
    "ঢ": "dh",
    "ণ": "n",
    "ত": "t",
    "থ": "th",
    "দ": "d",
    "ধ": "dh",
    "ন": "n",
    "প": "p",
    "ফ": "f",
    "ব": "b",
    "ভ": "bh",
    "ম": "m",
    "য": "j",
    "র": "r",
    "ল": "l",
    "শ": "s",
    "ষ": "s",
    "স": "s",
    "হ": "h",
    "ৎ": "t",
    "ৰ": "r",
    "ৱ": "b",
}
_VOWELS = {
    "অ": "a",
    "আ": "a",
    "া": "a",
    "ই": "i",
    "ঈ": "i",
    "ি": "i",
    "ী": "i",
    "উ": "u",
    "ঊ": "u",
    "ু": "u",
    "ূ": "u",
    "ঋ": "ri",
    "ৃ": "ri",
    "এ": "e",
    "ে": "e",
    "ঐ": "oi",
    "ৈ": "oi",
    "ও": "o",
    "ো": "",
    "ঔ": "ou",
    "ৌ": "ou",
}
_SIGNS = {"ং": "ng", "ঁ": "", "ঃ": "", HASANTA: "", NUKTA: ""}
# Nukta letters after the normaliser's decomposition, and ইয় = য়.
_NUKTA_LETTERS = {"য" + NUKTA: "y", "ড" + NUKTA: "d", "ঢ" + NUKTA: "dh"}


# Folded forms (rule 4) of honorifics, and of name words with many spellings.
_HONORIFICS = {"d", "da", "dktr", "adhapk", "prfesr", "janab", "mistar", "mi", "sri", "srimti"}
_NAME_WORDS = {
    **dict.fromkeys(["mhamd", "muhamd", "mhamad", "muhamad", "muhmd", "mhmd", "m"], "mhmd"),
    **dict.fromkeys(["ahmed", "ahmd", "ahmad"], "ahmd"),
    **dict.fromkeys(["hsen", "hsain", "husein", "hsein", "husain", "hsn"], "hsn"),
}


def _strips(word: str, ending: str, allowed_before: frozenset[str] | None) -> bool:
    if not word.endswith(ending) or len(word) - len(ending) < _MIN_STEM:
        return False
    before = word[-len(ending) - 1]
    if ending == "ে" and (before in VOWELS or before == NUKTA):
        return False
    if allowed_before is not None and before not in allowed_before:
        return False
    return before != HASANTA  # a stem never ends in hasanta: ইয়র্কে is ইয়র্ক + ে, not ইয়র্ + কে


def _strip_once(word: str, endings: list[tuple[str, frozenset[str] | None]]) -> str | None:
    for ending, allowed_before in endings:
        if _strips(word, ending, allowed_before):
            return word[: -len(ending)]
    return None


@lru_cache(maxsize=65536)
def stem_candidates(word: str) -> tuple[str, ...]:
    """Every stem a word may have, fewest letters removed first (ইরাকে → ইরাকে, ইরাক, ইরা).

    The key takes the longest ending; a KB lookup tries them all, so a known
    name is found whichever reading is right.
    """
    seen = {word: 0}
    frontier = [word]
    while frontier:
        current = frontier.pop()
        for ending, allowed_before in _CASE_ENDINGS:
            if (
                _strips(current, ending, allowed_before)
                and (stem := current[: -len(ending)]) not in seen
            ):
                seen[stem] = len(word) - len(stem)
                frontier.append(stem)
    return tuple(sorted(seen, key=seen.__getitem__))


def strip_case_ending(word: str) -> str:
    """The stem of a word with every case ending and particle removed (rule 3)."""
    while (stem := _strip_once(word, _CASE_ENDINGS)) is not None:
        word = stem
    return word


def _fold(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        pair = word[i : i + 2]
        if pair in _NUKTA_LETTERS:
            out.append(_NUKTA_LETTERS[pair])
            i += 2
            continue
        if ch == "ই" and word[i + 1 : i + 3] == "য" + NUKTA:
            i += 1  # ইয় = য়
            continue
        if ch == "য" and i > 0 and word[i - 1] == HASANTA:
            i += 1  # ya-phala
            continue
        if ch in _CONSONANTS:
            out.append(_CONSONANTS[ch])
        elif ch in _VOWELS:
            out.append(_VOWELS[ch])
        elif ch in _SIGNS:
            out.append(_SIGNS[ch])
        elif ch.isdigit():
            out.append(str(unicodedata.digit(ch)))
        elif ch.isascii() and ch.isalpha():
            out.append(ch.lower())
        i += 1
    folded: str = regex.sub(r"(.)\1+", r"\1", "".join(out))  # a doubled letter single
    return folded


@lru_cache(maxsize=65536)
def words_of(name: str) -> tuple[str, ...]:
    """Rule 1 and 2: the cleaned words of a name; an ending hyphenated on (বিএনপি-এর) dropped.

    Only a piece joined by hyphen or apostrophe is read as an ending: a word on
    its own (the ও of যুক্তরাষ্ট্র ও ভারত) is a word.
    """
    words: list[str] = []
    for token in normalize(name).text.lower().split():
        pieces = [p for p in _PIECE_SPLIT.split(token) if p]
        words += pieces[:1] + [p for p in pieces[1:] if p not in _ENDING_ONLY]
    return tuple(words)


@lru_cache(maxsize=65536)
def _folded_stem(word: str) -> str:
    """Rules 3-4 for one word: cached by word, as the linker keys every n-gram of a text."""
    return _fold(strip_case_ending(word))


def _folded_words(name: str) -> tuple[str, ...]:
    """Rules 1-5: the folded stem of each word."""
    words = [k for w in words_of(name) if (k := _folded_stem(w))]
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    return tuple(_NAME_WORDS.get(w, w) for w in words)


def _type_table() -> dict[tuple[str, ...], str]:
    """Folded form(s) of every type word → the folded form of its group's first word.

    A type word ending in য় keeps its locative ে in the key (rule 3 spares it for
    নরওয়ে, জিম্বাবুয়ে), so ``বিশ্ববিদ্যালয়ে`` is listed beside ``বিশ্ববিদ্যালয়``.
    """
    table: dict[tuple[str, ...], str] = {}
    for group in TYPE_WORDS:
        canonical = "".join(_folded_words(group[0]))
        for form in group:
            folded = _folded_words(form)
            table[folded] = canonical
            if folded[-1].endswith("y"):
                table[(*folded[:-1], folded[-1] + "e")] = canonical
    return table


_TYPES = _type_table()
_LONGEST_TYPE = max(len(k) for k in _TYPES)
TYPE_KEYS = frozenset(_TYPES.values())  # a type word's key, whatever form it was written in


def _fold_types(words: tuple[str, ...]) -> tuple[str, ...]:
    """Rule 7, longest form first: (bhstcni, mhaks, bndr) → (bhstcni, ksmdrm)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST_TYPE, len(words) - i), 0, -1):
            if (canonical := _TYPES.get(words[i : i + n])) is not None:
                out.append(canonical)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


@lru_cache(maxsize=65536)
def key_words(name: str) -> tuple[str, ...]:
    """The folded stem of each word (rules 1-5, 7): ভোস্টোচনি কসমোড্রোমে → (bhstcni, ksmdrm)."""
    return _fold_types(_folded_words(name))


def variant_key(name: str) -> str:
    """The key of a name: equal for spelling variants and case forms of one name.

    Words are joined with nothing, as news writes compounds both ways
    (নিউইয়র্ক / নিউ ইয়র্ক → niuyrk).
    """
    return "".join(key_words(name))


@lru_cache(maxsize=65536)
def surface_forms(name: str) -> tuple[str, ...]:
    """The name, then the name with each candidate stem of its last word (for exact lookups)."""
    text = unicodedata.normalize("NFC", name.strip())
    words = words_of(text)
    if not words:
        return (text,)
    head = " ".join(words[:-1])
    return (text, *(f"{head} {stem}".strip() for stem in stem_candidates(words[-1])[1:]))


def surface_stem(name: str) -> str:
    """A display form of an unknown name: one unambiguous case ending removed.

    কসমোড্রোমে → কসমোড্রোম, পুতিনের → পুতিন; endings that names often end in
    (র, ই, ও, রা: আনোয়ার, দুবাই) are kept, as a reader would rather see ঢাকার than ঢাক.
    """
    text = unicodedata.normalize("NFC", name.strip(" -'’\"()[]"))
    stem = _strip_once(text, _DISPLAY_ENDINGS)
    return stem if stem is not None else text


@lru_cache(maxsize=65536)
def alias_form(name: str) -> str:
    """The exact-match form of a name: rules 1 and 2 only (clean, lower-case, one space)."""
    return " ".join(words_of(name))
