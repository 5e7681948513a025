"""Calendar stretches as ISO 8601 values: which year a month or day without one falls in,
and the intervals docs/annotation.md (table 4.2) writes for weeks of a month, fiscal
years, Bengali months and years, decades and centuries.

``pick`` is the one rule for an open year: the sentence's tense (``+1`` future, ``-1``
past) takes the next or the previous occurrence; without a cue, the one nearest the
document's date, a day ahead counting as two behind (calendars.news_distance).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from banglaner.models.dates.calendars import (
    bengali_to_gregorian,
    gregorian_to_bengali_year,
    news_distance,
)

Span = tuple[date, date]  # first and last day, both inclusive


def pick(doc: date, tense: int, span_of: Callable[[int], Span], around: int) -> int:
    """Of the years ``around - 1 .. around + 1``, the one whose ``span_of(year)`` the tense
    points to (future: the first not over by ``doc``; past: the last begun by ``doc``;
    none: the nearest, by its middle)."""
    spans = {}
    for year in (around - 1, around, around + 1):
        try:
            spans[year] = span_of(year)
        except ValueError:  # 29 February of a common year
            continue
    if tense > 0:
        ahead = [y for y, (_, last) in spans.items() if last >= doc]
        if ahead:
            return min(ahead)
    if tense < 0:
        begun = [y for y, (first, _) in spans.items() if first <= doc]
        if begun:
            return max(begun)

    def distance(year: int) -> int:
        first, last = spans[year]
        return news_distance(first + (last - first) / 2, doc)

    return min(spans, key=distance)


def day_span(month: int, day: int) -> Callable[[int], Span]:
    return lambda year: (date(year, month, day), date(year, month, day))


def month_span(month: int) -> Callable[[int], Span]:
    return lambda year: (date(year, month, 1), date(year, month, _last_day(year, month)))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (Monday 0) of the month: মা দিবস is May's second Sunday."""
    first = date(year, month, 1)
    return date(year, month, 1 + (weekday - first.weekday()) % 7 + 7 * (nth - 1))


def interval(first: str, last: str) -> str:
    return first if first == last else f"{first}/{last}"


def week_of_month(year: int, month: int, nth: int) -> str:
    """Days 1–7, 8–14, 15–21, 22–28 of the month; ``nth`` -1: its last seven days."""
    last = _last_day(year, month)
    start = last - 6 if nth < 0 else 7 * (nth - 1) + 1
    first_day, last_day = date(year, month, start), date(year, month, min(start + 6, last))
    return interval(first_day.isoformat(), last_day.isoformat())


def fiscal_year(start_year: int, half: int | None = None) -> str:
    """Bangladesh's fiscal year from 1 July ``start_year``; a half: its six months."""
    if half == 1:
        return f"{start_year}-07/{start_year}-12"
    if half == 2:
        return f"{start_year + 1}-01/{start_year + 1}-06"
    return f"{start_year}-07/{start_year + 1}-06"


def fiscal_start(doc: date) -> int:
    """The year the fiscal year ``doc`` falls in began."""
    return doc.year if doc.month >= 7 else doc.year - 1


def bengali_month(month: int, bengali_year: int) -> str:
    first = bengali_to_gregorian(1, month, bengali_year)
    nxt = (
        bengali_to_gregorian(1, month + 1, bengali_year)
        if month < 12
        else bengali_to_gregorian(1, 1, bengali_year + 1)
    )
    return interval(first.isoformat(), (nxt - timedelta(days=1)).isoformat())


def bengali_month_span(month: int) -> Callable[[int], Span]:
    """By Bengali year (``pick`` works on any numbering of years)."""

    def span(bengali_year: int) -> Span:
        first = bengali_to_gregorian(1, month, bengali_year)
        value = bengali_month(month, bengali_year)
        return first, date.fromisoformat(value.split("/")[-1])

    return span


def bengali_year(year: int) -> str:
    """1 Boishakh to the last day of Chaitra."""
    return interval(
        bengali_to_gregorian(1, 1, year).isoformat(),
        (bengali_to_gregorian(1, 1, year + 1) - timedelta(days=1)).isoformat(),
    )


def this_bengali_year(doc: date) -> int:
    return gregorian_to_bengali_year(doc)


def decade(start: int) -> str:
    return f"{start:04d}/{start + 9:04d}"


def decade_of_tens(tens: int, doc: date) -> int:
    """আশির দশক: the latest decade of those tens begun by the document's year."""
    start = doc.year // 100 * 100 + 10 * tens
    return start if start <= doc.year else start - 100


def century(n: int) -> str:
    """The n-th century as usage counts it: the 19th is 1800–1899."""
    return f"{(n - 1) * 100:04d}/{(n - 1) * 100 + 99:04d}"


def year_ending_nearest(doc: date, part: str | None) -> int:
    """A bare বছর with a part of it: the year whose start (START) or end (END) lies
    nearest the document's date; its middle: the document's year."""
    if part == "START":
        return pick(doc, 0, lambda y: (date(y, 1, 1), date(y, 1, 1)), doc.year)
    if part == "END":
        return pick(doc, 0, lambda y: (date(y, 12, 31), date(y, 12, 31)), doc.year)
    return doc.year
