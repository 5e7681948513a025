"""The normaliser's rules, and its offset map as a property: offsets always round-trip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from banglaner.models.normalize import normalize
from banglaner.models.segment import split_words

# Bengali letters and signs, the characters the normaliser rewrites, and some
# of everything else a client may send.
_ALPHABET = st.sampled_from(
    [
        *"কখগঘচছজঝটঠডঢণতথদধনপফবভমযরলশষসহড়ঢ়য়ািীুূৃেৈোৌংঃঁ্অআইউএওৎ০১২৩৪৫৬৭৮৯।,.-",
        *["\u09c7\u09be", "\u09c7\u09d7", "\u09af\u09bc", "\u09dc", "\u09df", "\u0985\u09be"],
        *["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u2009"],
        *["\t", "\n", "\r\n", "\uf06c", "\uf020", "“", "”", "‘", "’", "…", "৷"],
        *["😀", "👍🏽", "é", "ﬁ", "Ｆ", "a", "Z", " ", " ", " ", "\ud800", "\udfff", "\x00"],
    ]
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_offset_map_round_trips(text: str) -> None:
    norm = normalize(text)
    assert len(norm.orig_start) == len(norm.orig_end) == len(norm.text)
    # the map is monotonic and every character maps to a non-empty original span
    for i in range(len(norm.text)):
        assert 0 <= norm.orig_start[i] < norm.orig_end[i] <= len(text)
        if i:
            assert norm.orig_start[i] >= norm.orig_start[i - 1]
    # every word of the normalised text maps back to original text that normalises to it
    for a, b in split_words(norm.text):
        s, e = norm.to_original(a, b)
        assert norm.text[a:b] in normalize(text[s:e]).text


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from([*"কোৗ়অব ", "\u00a0", "\r\n", "´", "é", "ﬁ", " \u0301"]), max_size=12)
)
def test_word_by_word_check_is_the_whole_text_check(pieces: list[str]) -> None:
    """The cached word-by-word test for "no rule touches this text" agrees with testing the
    whole text: no rule and no NFKC step acts across an ASCII space."""
    from banglaner.models.normalize import _plain, _untouched

    text = "".join(pieces)
    assert _plain(text) == _untouched(text)


@given(_TEXT)
def test_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


def test_a_latin_mark_before_a_bengali_vowel_sign_leaves_it_composed() -> None:
    """é then ো is one grapheme: the Latin mark goes, the o-kar stays one character (a
    draw of the idempotence property found it split into ে + া)."""
    assert normalize("e\u0301\u09cb").text == "e\u09cb"
    assert normalize("\u00e9\u09cb").text == "e\u09cb"


def test_rules() -> None:
    assert normalize("কে\u09beথায়").text == "কোথায়"  # split o-kar composed
    assert normalize("\u09df").text == "\u09af\u09bc"  # one spelling of য়: decomposed, as NFC
    assert normalize("এ\u200cকটি\u00a0কথা").text == "একটি কথা"  # ZWNJ removed, NBSP a space
    assert normalize("\uf06cবাংলা “উদ্ধৃতি” …").text == ' বাংলা "উদ্ধৃতি" ...'
    assert normalize("Erdoğan").text == "Erdogan"
    assert normalize("ঢাকা৷").text == "ঢাকা।"


def test_offsets_point_into_the_original() -> None:
    text = "\u200dভস্\u200cতোচনি\u00a0কসমোড্রোমে"
    norm = normalize(text)
    words = split_words(norm.text)
    spans = [norm.to_original(a, b) for a, b in words]
    assert [text[s:e] for s, e in spans] == ["ভস্\u200cতোচনি", "কসমোড্রোমে"]
