"""Bengali language data (models.lang.bn): one place for endings and word lists, and the
modules that strip or match them behave as the data says."""

from __future__ import annotations

from banglaner.models.dates import find_dates
from banglaner.models.kb.variant_key import strip_case_ending, variant_key
from banglaner.models.lang.bn.endings import (
    ALL_ENDINGS,
    DATE_ENDINGS,
    JOINED_ENDINGS,
    LIST_ENDINGS,
    OBJECT_ENDINGS,
    STEM_ENDINGS,
)
from banglaner.models.lang.bn.words import never_a_name
from banglaner.models.spans import tidy_span


def test_every_ending_a_module_uses_is_made_of_the_named_morphemes() -> None:
    used = {e for e, _ in STEM_ENDINGS} | {*LIST_ENDINGS, *JOINED_ENDINGS, *OBJECT_ENDINGS}
    used |= set(DATE_ENDINGS)
    assert used  # the sets are not empty
    assert used <= ALL_ENDINGS, used - ALL_ENDINGS


def test_stem_endings_strip_only_where_a_name_cannot_end_so() -> None:
    assert strip_case_ending("ঢাকার") == "ঢাকা"  # র after a vowel sign is the genitive
    assert strip_case_ending("নগর") == "নগর"  # র after a consonant is the name's own
    assert strip_case_ending("ভারতকেও") == "ভারত"  # object ending, then a particle
    assert strip_case_ending("লিমনসহ") == "লিমন"
    assert variant_key("জিনপিংয়ের") == variant_key("জিনপিং")


def test_word_lists_match_with_a_case_ending_or_classifier() -> None:
    assert never_a_name("প্রেসিডেন্টের")  # a title in the genitive
    assert never_a_name("সরকারকে")
    assert not never_a_name("ঢাকা")


def test_a_span_widens_over_an_ending_after_a_hyphen_in_either_spelling_of_ya() -> None:
    for text, name in (("ঢাকা-য় যান", "ঢাকা"), ("ঢাকা-\u09df যান", "ঢাকা"), ("ট্রাম্প'রও দল", "ট্রাম্প")):
        assert tidy_span(text, 0, len(name)) == (0, text.index(" "))
    assert tidy_span("ঢাকা-র", 0, 4) == (0, 6)
    assert tidy_span("ঢাকা-রাজশাহী", 0, 4) == (0, 4)  # a name after the hyphen, no ending


def test_a_date_word_carries_its_case_ending_and_particle() -> None:
    text = "১২ সেপ্টেম্বরেই বৈঠক, ২০২৪-এর শেষে ভোট"
    found = [text[d.start : d.end] for d in find_dates(text)]
    assert found[0] == "১২ সেপ্টেম্বরেই"
    assert found[1].startswith("২০২৪-এর")
