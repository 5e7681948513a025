"""The date grammar's spans (values come with the DATE issue)."""

from __future__ import annotations

import pytest

from banglaner.models.dates import find_dates
from banglaner.models.normalize import normalize


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


def test_each_pattern_is_tried_wherever_it_can_match() -> None:
    """find_dates skips a pattern when none of the words it needs is in the text: on every
    dated test text (and the real-text date set's dev split), a pattern that matches finds
    one of its words present."""
    import json

    from banglaner.eval.dates_eval import REAL_SET, load_date_set
    from banglaner.models.dates.grammar import _COMPILED, _NEEDS
    from tests.conftest import DATA

    texts = [
        normalize(json.loads(line)["text"]).text
        for name in ("dates_bn.jsonl", "dates_web.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    ] + [normalize(r["text"]).text for r in load_date_set(REAL_SET, "dev")]
    matched = set()
    for text in texts:
        for k, (_, pattern, needs) in enumerate(_COMPILED):
            if pattern.search(text):
                matched.add(k)
                assert any(_NEEDS[n].search(text) for n in needs), (k, text)
    assert len(matched) == len(_COMPILED)  # every pattern was put to the test
