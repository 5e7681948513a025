"""The families of docs/annotation.md table 4.2, each with the table's own example, and
properties every value must keep (a property test over generated sentences)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banglaner.models.dates import find_dates
from banglaner.models.dates.context import resolve_all
from banglaner.models.dates.values import is_date_value
from banglaner.models.normalize import normalize

DOC = date(2023, 3, 10)  # a Friday, the table's document


def _dates(text: str, doc: date = DOC) -> list[tuple[str, str | None, str | None]]:
    norm = normalize(text).text
    matches = find_dates(norm)
    return [
        (norm[m.start : m.end], r.value, r.mod)
        for m, r in zip(matches, resolve_all(norm, matches, doc), strict=True)
    ]


def _n(text: str) -> str:
    return normalize(text).text


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("গত সপ্তাহে বৈঠক হয়েছে", "গত সপ্তাহে", "2023-W09", None),
        (
            "ফেব্রুয়ারি মাসের প্রথম সপ্তাহে বৈঠক হয়",
            "ফেব্রুয়ারি মাসের প্রথম সপ্তাহে",
            "2023-02-01/2023-02-07",
            None,
        ),
        ("জুনের শেষ সপ্তাহে ভোট হবে", "জুনের শেষ সপ্তাহে", "2023-06-24/2023-06-30", None),
        ("জুন মাসের শেষে কাজ শেষ হবে", "জুন মাসের শেষে", "2023-06", "END"),
        ("মার্চের মাঝামাঝি বৃষ্টি হবে", "মার্চের মাঝামাঝি", "2023-03", "MID"),
        ("চলতি বছরের শুরুতে দাম বেড়েছে", "চলতি বছরের শুরুতে", "2023", "START"),
        (
            "জানুয়ারির প্রথম সপ্তাহের শেষে তিনি ফেরেন",
            "জানুয়ারির প্রথম সপ্তাহের শেষে",
            "2023-01-01/2023-01-07",
            "END",
        ),
        ("গত বছর নির্বাচন হয়েছে", "গত বছর", "2022", None),
        ("তিনদিন আগে তিনি আসেন", "তিনদিন আগে", "2023-03-07", None),
        ("দুই সপ্তাহ আগে দেখা হয়", "দুই সপ্তাহ আগে", "2023-W08", None),
        ("আড়াই বছর আগে কারখানা বন্ধ হয়", "আড়াই বছর আগে", "2020-09", None),
        ("প্রায় ১০ বছর আগে তিনি আসেন", "প্রায় ১০ বছর আগে", "2013", "APPROX"),
        ("২০০৮-০৯ সালে মন্দা ছিল", "২০০৮-০৯ সালে", "2008/2009", None),
        ("২০২২-২৩ অর্থবছরে প্রবৃদ্ধি কমেছে", "২০২২-২৩ অর্থবছরে", "2022-07/2023-06", None),
        ("গত অর্থবছরে রপ্তানি বেড়েছে", "গত অর্থবছরে", "2021-07/2022-06", None),
        ("আগামী অর্থবছরে বাজেট বাড়বে", "আগামী অর্থবছরে", "2023-07/2024-06", None),
        ("১৪৩০ বঙ্গাব্দে মেলা বসবে", "১৪৩০ বঙ্গাব্দে", "2023-04-14/2024-04-13", None),
        ("চৈত্র মাসে খরা হবে", "চৈত্র মাসে", "2023-03-15/2023-04-13", None),
        ("১ বৈশাখ ১৪৩০ উৎসব হবে", "১ বৈশাখ ১৪৩০", "2023-04-14", None),
        ("বিজয় দিবসে কুচকাওয়াজ হয়েছে", "বিজয় দিবসে", "2022-12-16", None),
        ("বিজয়ের মাসে অনুষ্ঠান হয়েছে", "বিজয়ের মাসে", "2022-12", None),
        ("ঈদের দিন সবাই বাড়ি যায়", "ঈদের দিন", None, None),
        ("আশির দশকে তিনি আসেন", "আশির দশকে", "1980/1989", None),
        ("১৯ শতকে এটি তৈরি হয়", "১৯ শতকে", "1800/1899", None),
        ("খ্রিস্টপূর্ব ৪০ অব্দে নগরটি গড়ে ওঠে", "খ্রিস্টপূর্ব ৪০ অব্দে", None, None),
    ],
)
def test_each_family_of_the_table(text: str, span: str, value: str | None, mod: str | None) -> None:
    found = _dates(text)
    assert (_n(span), value, mod) in found, found


def test_a_range_with_theke_is_two_dates_in_order_and_tense_reads_the_verb() -> None:
    """বুধবার থেকে শনিবার পর্যন্ত বৃষ্টি হবে, in a Friday's article: next week's."""
    found = _dates("বুধবার থেকে শনিবার পর্যন্ত বৃষ্টি হবে")
    assert [(v, m) for _, v, m in found] == [("2023-03-15", None), ("2023-03-18", None)]
    past = _dates("বুধবার থেকে শনিবার পর্যন্ত বৃষ্টি হয়েছে", date(2023, 3, 20))
    assert [v for _, v, _ in past] == ["2023-03-15", "2023-03-18"]


def test_anaphoric_years_refer_to_the_year_named_before() -> None:
    found = _dates("২০১৯ সালে তিনি দেশে ফেরেন। ওই বছর তিনি নির্বাচন করেন।")
    assert found[-1] == (_n("ওই বছর"), "2019", None)
    assert _dates("ওই বছর তিনি নির্বাচন করেন।")[0][1] is None  # nothing named before it
    assert _dates("ভারতের স্বাধীনতা দিবসে মোদি ভাষণ দেন")[0][1] == "2022-08-15"


def test_years_in_a_list_or_range_that_sal_completes() -> None:
    """A bare year is a DATE when a later year of its list or range carries সাল, whatever
    that one's case ending; a bare number before a count is not."""
    assert [(t, v) for t, v, _ in _dates("তিনি ১৯৯৬, ২০০১ ও ২০০৮ সালে জয়ী হন।")] == [
        ("১৯৯৬", "1996"),
        ("২০০১", "2001"),
        (_n("২০০৮ সালে"), "2008"),
    ]
    assert [v for _, v, _ in _dates("১৭৫০ থেকে ১৮৫৯ সালের মধ্যে")] == ["1750", "1859"]
    assert _dates("দাম ১২০০ থেকে ১৫০০ টাকা") == []


def test_days_on_a_weekday_of_a_month_and_gato_before_a_count() -> None:
    assert _dates("আগামী বাবা দিবসে", date(2023, 3, 1)) == [(_n("আগামী বাবা দিবসে"), "2023-06-18", None)]
    assert _dates("আজ মা দিবস", date(2024, 5, 12))[1][1] == "2024-05-12"
    assert _dates("গত এক সপ্তাহ আগেও", date(2022, 6, 5)) == [
        (_n("গত এক সপ্তাহ আগেও"), "2022-W21", None)
    ]
    assert _dates("গত কয়েক দিন আগে") == []  # vague: not a DATE


def test_what_is_not_a_date() -> None:
    for text in (
        "ঈদ শুভেচ্ছা জানালেন প্রধানমন্ত্রী",
        "প্রতি অর্থবছরে বাজেট হয়",
        "অর্থবছরের হিসাব মেলানো হয়",
        "১২ বছর পর দেখা",
        "২০০০-৩০০০ টাকা দাম",
        "সাধারণত আশ্বিন মাসে পূজা হয়",
        "প্রতি বছরের ২৪ অক্টোবর দিবসটি পালিত হয়",
        "মামলা নং ১২/২০২৪ এর শুনানি",
    ):
        assert _dates(text) == [], text


# generated sentences: a date expression of each family, a verb of each tense
_EXPRESSIONS = [
    "গত সপ্তাহে", "গত মাসে", "গত বছর", "আগামী বছর", "চলতি বছরের শুরুতে", "তিন দিন আগে",
    "২ বছর আগে", "আড়াই বছর আগে", "গত অর্থবছরে", "চলতি অর্থবছরে", "২০১৯-২০ অর্থবছরে",
    "জুনের শেষ সপ্তাহে", "মার্চের মাঝামাঝি", "বুধবার", "গত সোমবার", "১৫ আগস্ট", "ডিসেম্বরে",
    "চৈত্র মাসে", "বিজয় দিবসে", "১৯৯০ সালের দিকে", "আশির দশকে", "২০০৮-০৯ সালে",
]  # fmt: skip
_VERBS = ["হয়েছে", "হবে", "করেছেন", "করবেন", ""]


@settings(max_examples=200, deadline=None)
@given(
    first=st.sampled_from(_EXPRESSIONS),
    second=st.sampled_from(_EXPRESSIONS),
    verb=st.sampled_from(_VERBS),
    joiner=st.sampled_from([" ও ", " থেকে ", " ", "। "]),
    doc=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
)
def test_values_are_valid_never_ahead_when_past_and_ranges_run_forward(
    first: str, second: str, verb: str, joiner: str, doc: date
) -> None:
    """Every value is a documented form; a date said with গত/আগে is not after the
    document; a range whose end leaves its year or week open ends after it starts."""
    text = f"{first}{joiner}{second} পর্যন্ত কাজ {verb}।"
    found = _dates(text, doc)
    assert found, text
    for surface, value, _ in found:
        assert value is None or is_date_value(value), (surface, value)
        said_past = surface.startswith(_n("গত")) or surface.endswith(_n("আগে"))
        if said_past and value is not None:
            assert value.split("/")[0][:4] <= doc.isoformat()[:4], (surface, value, doc)
            assert "W" in value or value[: len(doc.isoformat())] <= doc.isoformat(), (
                surface,
                value,
            )
    open_end = second in ("বুধবার", "১৫ আগস্ট", "ডিসেম্বরে", "চৈত্র মাসে", "বিজয় দিবসে")
    if joiner == " থেকে " and open_end and len(found) == 2 and all(v for _, v, _ in found):
        (_, a, _), (_, b, _) = found
        if "/" not in a + b and "W" not in a + b and len(a) == len(b):
            assert a <= b, (text, doc, a, b)
