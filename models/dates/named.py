"""Named days, named months, periods and their parts: the words the date grammar reads
beyond numbers and month names (docs/annotation.md, table 4.2).

A named day has a fixed Gregorian date (বিজয় দিবস is 16 December every year) or none
that a calendar can give (the Eids and other lunar days follow the moon as sighted in
Bangladesh): those are found, with the value null.
"""

from __future__ import annotations

from typing import TypeVar

from banglaner.models.normalize import normalize

V = TypeVar("V")


def _n(word: str) -> str:
    return normalize(word).text


def _by_name(groups: tuple[tuple[tuple[str, ...], V], ...]) -> dict[str, V]:
    """``{name: value}`` from ``(names, value)`` groups, names normalised."""
    return {_n(name): value for names, value in groups for name in names}


# Days with a fixed date: (month, day). Bangladesh's national days first.
FIXED_DAYS: dict[str, tuple[int, int]] = _by_name(
    (
        (("বিজয় দিবস",), (12, 16)),
        (("স্বাধীনতা দিবস", "স্বাধীনতা ও জাতীয় দিবস", "জাতীয় দিবস"), (3, 26)),
        (
            (
                "একুশে ফেব্রুয়ারি",
                "শহীদ দিবস",
                "শহিদ দিবস",
                "মাতৃভাষা দিবস",
                "আন্তর্জাতিক মাতৃভাষা দিবস",
                "আন্তর্জাতিক মাতৃভাষা ও শহিদ দিবস",
                "আন্তর্জাতিক মাতৃভাষা ও শহীদ দিবস",
                "শহীদ দিবস ও আন্তর্জাতিক মাতৃভাষা দিবস",
            ),
            (2, 21),
        ),
        (("জাতীয় শোক দিবস",), (8, 15)),
        (("শহীদ বুদ্ধিজীবী দিবস", "বুদ্ধিজীবী দিবস"), (12, 14)),
        (("জাতীয় শিশু দিবস",), (3, 17)),
        (("সশস্ত্র বাহিনী দিবস",), (11, 21)),
        (("মে দিবস", "শ্রমিক দিবস"), (5, 1)),
        (("বড়দিন",), (12, 25)),
        (("বাংলা নববর্ষ",), (4, 14)),
        (("আন্তর্জাতিক নারী দিবস", "নারী দিবস"), (3, 8)),
        (("ভালোবাসা দিবস",), (2, 14)),
        (("বিশ্ব পরিবেশ দিবস",), (6, 5)),
        (("বিশ্ব এইডস দিবস",), (12, 1)),
        (("আন্তর্জাতিক অভিবাসী দিবস",), (12, 18)),
        (("স্বদেশ প্রত্যাবর্তন দিবস",), (5, 17)),
        (("মুজিবনগর দিবস",), (4, 17)),
        (("জেলহত্যা দিবস", "জেল হত্যা দিবস"), (11, 3)),
        (("গণহত্যা দিবস", "জাতীয় গণহত্যা দিবস"), (3, 25)),
        (("সংবিধান দিবস",), (11, 4)),
        (("মানবাধিকার দিবস", "বিশ্ব মানবাধিকার দিবস", "আন্তর্জাতিক মানবাধিকার দিবস"), (12, 10)),
        (("বিশ্ব স্বাস্থ্য দিবস",), (4, 7)),
        (("বিশ্ব শিক্ষক দিবস",), (10, 5)),
        (("বিশ্ব খাদ্য দিবস",), (10, 16)),
        (("বিশ্ব জনসংখ্যা দিবস",), (7, 11)),
        (("বিশ্ব শরণার্থী দিবস",), (6, 20)),
        (("বিশ্ব মুক্ত গণমাধ্যম দিবস", "মুক্ত গণমাধ্যম দিবস"), (5, 3)),
        (("আন্তর্জাতিক যুব দিবস",), (8, 12)),
        (("বিশ্ব পর্যটন দিবস",), (9, 27)),
    )
)
# Days on the nth weekday of a month: (month, weekday with Monday 0, nth).
MOVABLE_DAYS: dict[str, tuple[int, int, int]] = _by_name(
    (
        (("মা দিবস", "বিশ্ব মা দিবস", "মাতৃ দিবস"), (5, 6, 2)),  # the second Sunday of May
        (("বাবা দিবস", "বিশ্ব বাবা দিবস", "পিতৃ দিবস"), (6, 6, 3)),  # the third Sunday of June
    )
)
# Another country's independence day, where the sentence names that country (its stem, any
# case ending or demonym: ভারতের, ভারতে, ভারতীয়; মার্কিন) and not Bangladesh.
INDEPENDENCE_DAYS: dict[str, tuple[int, int]] = _by_name(
    (
        (("ভারত",), (8, 15)),
        (("পাকিস্তান",), (8, 14)),
        (("যুক্তরাষ্ট্র", "মার্কিন", "আমেরিকা"), (7, 4)),
        (("বাংলাদেশ",), (3, 26)),
    )
)
COUNTRY_ENDINGS = tuple(_n(e) for e in ("", "ের", "এর", "ে", "র", "য়", "তে", "কে", "ীয়", "ান", "ি"))
# Days and months that follow the moon: found, value null.
LUNAR = tuple(
    _n(w)
    for w in (
        "ঈদুল ফিতর",
        "ঈদ-উল-ফিতর",
        "ঈদুল আজহা",
        "ঈদ-উল-আজহা",
        "ঈদুল আযহা",
        "কোরবানির ঈদ",
        "রোজার ঈদ",
        "ঈদে মিলাদুন্নবী",
        "ঈদ",
        "রমজান",
        "রমযান",
        "শবে বরাত",
        "শবে কদর",
        "শবে মেরাজ",
        "আশুরা",
        "আখেরি চাহার শোম্বা",
        "বুদ্ধ পূর্ণিমা",
        "আষাঢ়ী পূর্ণিমা",
        "আশ্বিনী পূর্ণিমা",
        "প্রবারণা পূর্ণিমা",
        "মাঘী পূর্ণিমা",
        "ফাল্গুনী পূর্ণিমা",
        "দোল পূর্ণিমা",
        "জন্মাষ্টমী",
    )
)
# Months named after what they commemorate: (month).
NAMED_MONTHS: dict[str, int] = {
    _n(name): month
    for name, month in (
        ("বিজয়ের মাস", 12),
        ("ভাষার মাস", 2),
        ("স্বাধীনতার মাস", 3),
        ("শোকের মাস", 8),
    )
}
# A named day followed by one of these is what is celebrated or sold, not when something
# happens (ঈদ শুভেচ্ছা, বিজয় দিবস উদযাপন: docs/annotation.md 4.1): not a DATE.
OCCASION_NOUNS = tuple(
    _n(w)
    for w in (
        "শুভেচ্ছা",
        "উপহার",
        "বাজার",
        "চমক",
        "উদযাপন",
        "উদ্যাপন",
        "পালন",
        "আনন্দ",
        "কেনাকাটা",
        "যাত্রা",
        "সংখ্যা",
        "বোনাস",
        "ছুটি",
        "সরকারি ছুটি",
        "অনুষ্ঠান",
        "কুচকাওয়াজ",
        "প্রস্তুতি",
        "মেলা",
        "নাটক",
        "সিনেমা",
        "ছবি",
        "পোশাক",
        "ফ্যাশন",
        "সালামি",
        "সেলামি",
        "জামাত",
        "নামাজ",
        "মোবারক",
        "উৎসব",
        "উৎসবে",
        "বিশেষ",
        "উপলক্ষে",
        "স্মরণে",
        "পালিত",
        "উপলক্ষ্যে",
    )
)
# Words that place a time within a period, and the TimeML mod they give.
PERIOD_PARTS: dict[str, str] = _by_name(
    (
        (
            (
                "শুরুতে",
                "শুরুর দিকে",
                "শুরুরদিকে",
                "শুরু দিকে",
                "প্রথম দিকে",
                "প্রথমদিকে",
                "গোড়ার দিকে",
                "গোড়াতে",
                "শুরুতেই",
                "প্রথম ভাগে",
            ),
            "START",
        ),
        (("মাঝামাঝি", "মাঝামাঝিতে", "মাঝামাঝি সময়ে", "মাঝামাঝি সময়", "মধ্যভাগে", "মাঝে"), "MID"),
        (
            (
                "শেষে",
                "শেষ দিকে",
                "শেষদিকে",
                "শেষের দিকে",
                "শেষেরদিকে",
                "শেষভাগে",
                "শেষাংশে",
                "শেষেই",
                "শেষার্ধে",
                "শেষ ভাগে",
            ),
            "END",
        ),
    )
)
HALVES: dict[str, int] = {_n("প্রথমার্ধ"): 1, _n("দ্বিতীয়ার্ধ"): 2}
WEEK_ORDINALS: dict[str, int] = {
    _n(w): n
    for w, n in (
        *(("প্রথম", 1), ("দ্বিতীয়", 2), ("তৃতীয়", 3), ("চতুর্থ", 4), ("পঞ্চম", 5), ("শেষ", -1)),
        *(("১ম", 1), ("২য়", 2), ("৩য়", 3), ("৪র্থ", 4), ("৫ম", 5)),  # ঈদের ১ম দিন
    )
}
# Decades named by their tens: আশির দশক is the 1980s (the century of the document).
DECADE_WORDS: dict[str, int] = {
    _n(w): n
    for w, n in (
        ("বিশের", 2),
        ("ত্রিশের", 3),
        ("চল্লিশের", 4),
        ("পঞ্চাশের", 5),
        ("ষাটের", 6),
        ("সত্তরের", 7),
        ("সত্তুরের", 7),
        ("আশির", 8),
        ("নব্বইয়ের", 9),
        ("নব্বইর", 9),
        # ষাট দশকের: the tens written bare
        *(("ত্রিশ", 3), ("চল্লিশ", 4), ("পঞ্চাশ", 5), ("ষাট", 6), ("সত্তর", 7), ("আশি", 8), ("নব্বই", 9)),
    )
}
CENTURY_ORDINALS: dict[str, int] = {
    _n(w): n
    for w, n in (
        ("প্রথম", 1),
        ("দ্বিতীয়", 2),
        ("তৃতীয়", 3),
        ("চতুর্থ", 4),
        ("পঞ্চম", 5),
        ("ষষ্ঠ", 6),
        ("সপ্তম", 7),
        ("অষ্টম", 8),
        ("নবম", 9),
        ("দশম", 10),
        ("একাদশ", 11),
        ("দ্বাদশ", 12),
        ("ত্রয়োদশ", 13),
        ("চতুর্দশ", 14),
        ("পঞ্চদশ", 15),
        ("ষোড়শ", 16),
        ("সপ্তদশ", 17),
        ("অষ্টাদশ", 18),
        ("ঊনবিংশ", 19),
        ("উনবিংশ", 19),
        ("উনিশ", 19),
        ("বিংশ", 20),
        ("বিশ", 20),
        ("একবিংশ", 21),
        ("একুশ", 21),
    )
}
# Counts the grammar reads in "N units ago", fractions included (আড়াই বছর আগে).
FRACTIONS: dict[str, float] = {_n("দেড়"): 1.5, _n("আড়াই"): 2.5}
ABOUT_ONE = {
    _n(f"{unit}{gap}খানেক"): f"{unit}খানেক"
    for unit in ("দিন", "সপ্তাহ", "মাস", "বছর")
    for gap in ("", " ")  # সপ্তাহখানেক, সপ্তাহ খানেক
}
