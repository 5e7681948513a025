"""Resolving a text's dates together: what the sentence around each one says.

- **Tense** (models.dates.tense) tells whether an open date is ahead or behind: বুধবার
  থেকে শনিবার পর্যন্ত বৃষ্টি হবে is next week.
- **Ranges.** The end of ``A থেকে B (পর্যন্ত)`` is never before its start: B moves on by
  its own cycle (a week, a year) until it is not.
- **Anaphora.** ওই বছর, আগের অর্থবছরে refer to the year or fiscal year the text named last.
- **Another country's day.** ভারতের স্বাধীনতা দিবসে is 15 August, not 26 March.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta

import regex

from banglaner.models.dates.grammar import DateMatch
from banglaner.models.dates.named import COUNTRY_ENDINGS, INDEPENDENCE_DAYS
from banglaner.models.dates.resolve import DateContext, ResolvedDate, resolve
from banglaner.models.dates.tense import WORD, sentence_of, tense
from banglaner.models.normalize import normalize

_FROM = regex.compile(normalize(r"^\s+(?:থেকে|হতে|থেকেই)\s+$").text)
_YEAR_IN = regex.compile(r"^(\d{4})")
_INDEPENDENCE = normalize("স্বাধীনতা দিবস").text
_DAY_UNIT = normalize("দিন").text
# ৩১ জুলাই পর্যন্ত জামিনের মেয়াদ বৃদ্ধি করেছে: a past verb that set or extended a deadline
# tells when it was set, not on which side of the article the deadline falls
_DEADLINE = regex.compile(normalize(r"\s+(?:পর্যন্ত|নাগাদ|এর মধ্যে|মধ্যে)(?![\p{L}\p{M}])").text)
_DEADLINE_SET = regex.compile(
    normalize(r"(?<![\p{L}\p{M}])(?:মেয়াদ|সময়সীমা|বাড়ানো|বাড়িয়ে|বাড়ান|বৃদ্ধি|সময় দে|সময় দি)").text
)


def _countries_named(text: str, start: int, end: int) -> set[tuple[int, int]]:
    """The independence days of the countries the sentence around [start, end) names."""
    found = set()
    for word in WORD.findall(text, *sentence_of(text, start, end)):
        for stem, when in INDEPENDENCE_DAYS.items():
            if word.startswith(stem) and word[len(stem) :] in COUNTRY_ENDINGS:
                found.add(when)
    return found


def _fixed_day_of_country(text: str, match: DateMatch) -> DateMatch:
    """স্বাধীনতা দিবস in a sentence that names one other country and not Bangladesh
    (ভারতে স্বাধীনতা দিবসে, স্বাধীনতা দিবসে … উদযাপন করবে আমেরিকা): that country's day."""
    if not match.parts.get("holiday", "").startswith(_INDEPENDENCE):
        return match
    named = _countries_named(text, match.start, match.end)
    if len(named) != 1:
        return match
    month, day = named.pop()
    return dataclasses.replace(match, parts={**match.parts, "_fixed": f"{month}-{day}"})


def _shift(value: str, kind: str) -> str | None:
    """A range end moved on by its cycle: a weekday by a week, a dated day or month by a
    year; None when it has no cycle."""
    try:
        if len(value) >= 10 and kind == "day_word":
            return (date.fromisoformat(value[:10]) + timedelta(weeks=1)).isoformat() + value[10:]
        if len(value) >= 7 and value[4] == "-" and "W" not in value and "/" not in value:
            return str(int(value[:4]) + 1) + value[4:]
    except ValueError:
        return None
    return None


_OPEN_KINDS = frozenset(("day_word", "day_month_year", "month", "holiday", "bengali"))
_FIXING_PARTS = frozenset(("year", "byear", "qual", "rel", "relmonth", "anaph"))


def _open(match: DateMatch) -> bool:
    """A date whose year (or week) the text leaves open: only such a range end moves."""
    return match.kind in _OPEN_KINDS and _FIXING_PARTS.isdisjoint(match.parts)


def _ordered(
    text: str, prev: tuple[DateMatch, ResolvedDate], cur: DateMatch, found: ResolvedDate
) -> ResolvedDate:
    """``found`` moved on until it is not before the start of the range it ends."""
    start_match, start = prev
    joined = _FROM.match(text[start_match.end : cur.start]) is not None
    if not (joined and _open(cur) and start.value and found.value):
        return found
    if "/" in found.value + start.value:
        return found
    value: str | None = found.value
    while value is not None and value[: len(start.value)] < start.value[: len(value)]:
        value = _shift(value, cur.kind)
    return dataclasses.replace(found, value=value) if value else found


def _points_to_a_day(match: DateMatch) -> bool:
    """এদিন, সেদিন, সেই দিনই: a day named only by its place in the story."""
    return match.kind == "anaphoric_day" or match.parts.get("unit") == _DAY_UNIT


def _day_named_before(
    found: ResolvedDate, earlier: list[ResolvedDate], matches: Sequence[DateMatch], begin: int
) -> ResolvedDate:
    """সেই দিনই after ১৯৪৩ সালের ৫ জুলাই in the same sentence: that day."""
    for match, resolved in zip(reversed(matches), reversed(earlier), strict=True):
        if match.start < begin:
            break
        if resolved.value and len(resolved.value) >= 10 and "/" not in resolved.value:
            return dataclasses.replace(found, value=resolved.value[:10], note=None)
    return found


def _tense_of_date(text: str, match: DateMatch) -> int:
    """The sentence's tense, but none for a deadline a past verb set or extended (৩১ জুলাই
    পর্যন্ত মেয়াদ বাড়িয়েছে; not ১২ মার্চ পর্যন্ত হাসপাতালে ছিলেন)."""
    found = tense(text, match.start, match.end)
    if found < 0 and _DEADLINE.match(text, match.end):
        begin, end = sentence_of(text, match.start, match.end)
        if _DEADLINE_SET.search(text, begin, end):
            return 0
    return found


def resolve_all(text: str, matches: Sequence[DateMatch], doc: date) -> list[ResolvedDate]:
    """The values of a text's date matches (in order), each read in its sentence."""
    out: list[ResolvedDate] = []
    anchor_year = anchor_fiscal = None
    written: list[tuple[int, int]] = []  # (where, year) of the years written out so far
    for i, match in enumerate(matches):
        match = _fixed_day_of_country(text, match)
        begin, _ = sentence_of(text, match.start, match.end)
        in_sentence = [year for where, year in written if where >= begin]
        ctx = DateContext(
            _tense_of_date(text, match),
            anchor_year,
            anchor_fiscal,
            in_sentence[-1] if in_sentence else None,
        )
        found = resolve(match, doc, ctx)
        if i:
            found = _ordered(text, (matches[i - 1], out[-1]), match, found)
        if found.value is None and _points_to_a_day(match):
            found = _day_named_before(found, out, matches[:i], begin)
        out.append(found)
        if "year" in match.parts and found.value and _YEAR_IN.match(found.value):
            written.append((match.start, int(found.value[:4])))
        if found.value:
            year = _YEAR_IN.match(found.value)
            anchor_year = int(year.group(1)) if year else anchor_year
            if match.kind == "fiscal":
                anchor_fiscal = _fiscal_year_begun(found.value)
    return out


def _fiscal_year_begun(value: str) -> int:
    """The year (1 July) a fiscal year began, from the value of it, its half or its months
    (``2022-07/2023-06``, ``2023-01/2023-06``, ``2022-07/2023-03``): the first month's year,
    less one where that month is of the second half."""
    return int(value[:4]) - (int(value[5:7]) < 7)
