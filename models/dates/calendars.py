"""Calendar arithmetic the resolver needs: the Bangladesh Bengali calendar, weeks, months.

The Bengali calendar is Bangladesh's revised one (in force since 1426 BS,
2019): 1 Boishakh is 14 April; Boishakh to Ashwin have 31 days, Kartik to
Magh and Chaitra 30, Falgun 29 (30 when the Gregorian February is leap).
That keeps 21 February on 8 Falgun, 26 March on 12 Chaitra and 16 December on
1 Poush every year.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

_BN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")


def to_int(digits: str) -> int:
    """Bengali or ASCII digits → int (``"১২"`` → 12); other characters are ignored."""
    return int("".join(c for c in digits.translate(_BN_DIGITS) if c.isdigit()))


def bengali_to_gregorian(day: int, month: int, year: int) -> date:
    """Day ``day`` of Bengali month ``month`` (1 = Boishakh) of year ``year`` BS."""
    start = date(year + 593, 4, 14)
    leap = calendar.isleap(year + 594)
    lengths = [31] * 6 + [30, 30, 30, 30, 30 if leap else 29, 30]
    if not 1 <= month <= 12 or not 1 <= day <= lengths[month - 1]:
        raise ValueError(f"no day {day} in Bengali month {month}")
    return start + timedelta(days=sum(lengths[: month - 1]) + day - 1)


def gregorian_to_bengali_year(d: date) -> int:
    """The Bengali year (BS) that ``d`` falls in."""
    return d.year - 593 if d >= date(d.year, 4, 14) else d.year - 594


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def news_distance(candidate: date, doc: date) -> int:
    """How far a candidate reading lies from the document date, the future counted
    double: news mostly reports what happened (21 February in a September article is
    the past one, 28 December in the same article the coming one)."""
    days = (candidate - doc).days
    return 2 * days if days > 0 else -days


def nearest_year(doc: date, month: int, day: int | None = None) -> int:
    """The year that puts ``day month`` nearest the document date (see news_distance)."""
    best = doc.year
    best_gap: int | None = None
    for year in (doc.year - 1, doc.year, doc.year + 1):
        try:
            candidate = date(year, month, day or 15)
        except ValueError:
            continue
        gap = news_distance(candidate, doc)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"
