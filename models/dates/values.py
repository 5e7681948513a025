"""The forms a DATE value may take (docs/annotation.md, "Dates"), and a check for them.

A point is ISO 8601 at the precision the text gives: a year ``2019``, a month
``2024-06``, a day ``2023-09-13``, a day with a clock time ``2023-09-13T18:42`` (seconds
where printed), an ISO week ``2023-W38``. A stretch that is not one of those (a compact
range ``২০০৮-০৯``, a fiscal year, a week of a month, a Bengali calendar year) is an
ISO 8601 interval of two points, ``start/end``, both inclusive at their precision:
``2008/2009``, ``2022-07/2023-06``, ``2023-01-01/2023-01-07``.
"""

from __future__ import annotations

from datetime import date

import regex

_POINT = regex.compile(
    r"(?P<y>[0-9]{4})"
    r"(?:-W(?P<w>[0-9]{2})"
    r"|-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2})(?:T(?P<hh>[0-9]{2}):(?P<mm>[0-9]{2})(?::(?P<ss>[0-9]{2}))?)?)?)?"
)


def _point_ok(text: str) -> tuple[int, ...] | None:
    """The point's sort key (year, month, day, …), or None when it is not a valid point."""
    m = _POINT.fullmatch(text)
    if not m:
        return None
    year = int(m["y"])
    if m["w"]:
        week = int(m["w"])
        weeks = date(year, 12, 28).isocalendar().week
        return (year, 0, week) if 1 <= week <= weeks else None
    month, day = int(m["m"] or 1), int(m["d"] or 1)
    try:
        date(year, month, day)
    except ValueError:
        return None
    clock = (int(m["hh"] or 0), int(m["mm"] or 0), int(m["ss"] or 0))
    if clock[0] > 23 or clock[1] > 59 or clock[2] > 59:
        return None
    return (year, month, day, *clock)


def is_date_value(value: str) -> bool:
    """Whether ``value`` is a point or an interval in the documented forms; an interval's
    end is never before its start."""
    if not isinstance(value, str):
        return False
    parts = value.split("/")
    if len(parts) == 1:
        return _point_ok(value) is not None
    if len(parts) != 2 or "W" in value:
        return False
    start, end = (_point_ok(p) for p in parts)
    return start is not None and end is not None and start <= end
