"""The date grammar's spans (values come with the DATE issue)."""

from __future__ import annotations

import pytest

from models.dates import find_dates
from models.normalize import normalize


def _dates(text: str) -> list[str]:
    norm = normalize(text).text
    return [norm[d.start : d.end] for d in find_dates(norm)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("গতকাল বুধবার সকালে তিনি ঢাকায় আসেন।", ["গতকাল বুধবার সকালে"]),  # part of day inside
        ("১৩ সেপ্টেম্বর, ২০২৩ তারিখে", ["১৩ সেপ্টেম্বর, ২০২৩"]),
        ("১৪ সেপ্টেম্বর ২০২৪, ০৬:৪২ পিএম", ["১৪ সেপ্টেম্বর ২০২৪, ০৬:৪২ পিএম"]),
        ("২০২৪ সালের ১২ মার্চ ভোট হয়", ["২০২৪ সালের ১২ মার্চ"]),
        ("১২/০৩/২০২৪ তারিখে", ["১২/০৩/২০২৪"]),
        ("গত জুন মাসে তিনি আসেন", ["গত জুন মাসে"]),
        ("সোমবার (১৫ অগাস্ট) সভা", ["সোমবার (১৫ অগাস্ট)"]),
        ("তিন দিন আগে", ["তিন দিন আগে"]),
        ("১ বৈশাখ ১৪৩১", ["১ বৈশাখ ১৪৩১"]),
        ("২০২৪-এর নির্বাচন", ["২০২৪-এর"]),
    ],
)
def test_dates_found(text: str, expected: list[str]) -> None:
    assert _dates(text) == [normalize(e).text for e in expected]


@pytest.mark.parametrize(
    "text",
    [
        "চার ঘণ্টা ধরে",
        "৩০ মাসেরও বেশি সময়",
        "চার বছর পর",
        "লং মার্চ করেছে",
        "৩৫ বছর বয়সী",
        "তাঁর দুই মেয়ে ও এক ছেলে",  # মে + য়ে is "daughter", not May
        "তাঁর ২ মেয়ে আছে",
    ],
)
def test_non_dates(text: str) -> None:
    assert _dates(text) == []
