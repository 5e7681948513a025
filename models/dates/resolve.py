"""Date matches → ISO 8601 values, resolved against the document's date.

Values are as precise as the text: ``2023-09-13``, ``2023-09-13T18:42``,
``2024-06`` (a month), ``2023-W38`` (a week), ``2019`` (a year); None where
the text does not fix a point in time (a Hijri date, a Bengali month with no
day). A relative day checked against a weekday that disagrees keeps the
relative reading and says so in ``note``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models.dates.calendars import (
    add_months,
    bengali_to_gregorian,
    gregorian_to_bengali_year,
    iso_week,
    nearest_year,
    news_distance,
    to_int,
)
from models.dates.grammar import (
    BENGALI_MONTHS,
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    MONTHS,
    NUMBER_WORDS,
    QUALIFIERS,
    RELATIVE_DAYS,
    WEEKDAYS,
    DateMatch,
)
from models.normalize import normalize


def _index(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {normalize(w).text: n for n, words in table.items() for w in words}


class _Names(dict):
    """Bengali names as written, English ones in any case and with a dot (NOV, Sept.)."""

    def __missing__(self, name: str) -> int:
        return super().__getitem__(name.lower().rstrip("."))


_MONTH = _Names(_index(MONTHS) | _index(ENGLISH_MONTHS))
_BMONTH = _index(BENGALI_MONTHS)
_WEEKDAY = _Names(_index(WEEKDAYS) | _index(ENGLISH_WEEKDAYS))
_REL = {normalize(w).text: d for w, d in RELATIVE_DAYS.items()}
_QUAL = {normalize(w).text: d for w, d in QUALIFIERS.items()}
_NUMBER = {normalize(w).text: n for w, n in NUMBER_WORDS.items()}
_UNIT = {normalize(w).text: w for w in ("দিন", "সপ্তাহ", "মাস", "বছর")}
_PM = {normalize(w).text for w in ("পিএম", "PM", "pm")}
_AM = {normalize(w).text for w in ("এএম", "AM", "am")}
_AFTERNOON = {normalize(w).text for w in ("বিকেল", "সন্ধ্যা", "দুপুর")}
_NIGHT = normalize("রাত").text
_WEEKDAY_NAMES = {n: words[0] for n, words in WEEKDAYS.items()}


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: str | None
    note: str | None = None


def _day(text: str) -> int:
    return 1 if not any(c.isdigit() for c in text) else to_int(text)  # পয়লা/পহেলা = 1


def _year(text: str) -> int:
    y = to_int(text)
    return 2000 + y if y < 100 else y


def _meridiem(ampm: str | None) -> str | None:
    """ "pm", "am" or None from পিএম/এএম/PM/p.m./a.m."""
    if ampm is None:
        return None
    if ampm in _PM or ampm.lower().startswith("p"):
        return "pm"
    return "am" if ampm in _AM or ampm.lower().startswith("a") else None


def _clock(parts: dict[str, str]) -> str:
    """``T10:30`` (``T10:30:00`` where seconds are printed), or "" without a valid time."""
    if "hour" not in parts:
        return ""
    hour, minute = to_int(parts["hour"]), to_int(parts["minute"])
    meridiem, part = _meridiem(parts.get("ampm")), parts.get("part")
    if ((meridiem == "pm" or part in _AFTERNOON) and hour < 12) or (
        part == _NIGHT and 6 <= hour < 12
    ):
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    second = to_int(parts["second"]) if "second" in parts else None
    if not (0 <= hour < 24 and 0 <= minute < 60 and (second is None or 0 <= second < 60)):
        return ""
    return f"T{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")


def _calendar_date(parts: dict[str, str], doc: date) -> date:
    month = _MONTH[parts["month"]] if "month" in parts else to_int(parts["nmonth"])
    day = _day(parts["day"])
    if "year" in parts:
        return date(_year(parts["year"]), month, day)
    qual = _QUAL.get(parts.get("qual", ""))
    if qual == -1:  # গত ২৮ ডিসেম্বর: the last one before the document
        year = doc.year if (month, day) < (doc.month, doc.day) else doc.year - 1
    elif qual == 1:  # আগামী ২০ সেপ্টেম্বর: the next one
        year = doc.year if (month, day) > (doc.month, doc.day) else doc.year + 1
    else:
        year = nearest_year(doc, month, day)
    return date(year, month, day)


def _weekday_note(d: date, parts: dict[str, str]) -> str | None:
    if "weekday" not in parts:
        return None
    said = _WEEKDAY[parts["weekday"]]
    if d.isoweekday() == said:
        return None
    return f"weekday disagrees: {d.isoformat()} is not a {_WEEKDAY_NAMES[said]}"


def _day_word(parts: dict[str, str], doc: date) -> ResolvedDate:
    if "day" in parts:  # a bracketed date: সোমবার (১৫ অগাস্ট)
        d = _calendar_date(parts, doc)
        return ResolvedDate(d.isoformat(), _weekday_note(d, parts))
    if "rel" in parts:
        d = doc + timedelta(days=_REL[parts["rel"]])
        return ResolvedDate(d.isoformat(), _weekday_note(d, parts))
    wd = _WEEKDAY[parts["weekday"]]
    qual = _QUAL.get(parts.get("qual", ""))
    back = (doc.isoweekday() - wd) % 7
    if qual == -1:  # গত সোমবার: the last one before today
        d = doc - timedelta(days=back or 7)
    elif qual == 1:  # আগামী সোমবার: the next one after today
        d = doc + timedelta(days=(wd - doc.isoweekday()) % 7 or 7)
    elif qual == 0:  # এই সোমবার: in this week
        d = doc + timedelta(days=wd - doc.isoweekday())
    else:  # a bare weekday in news: the most recent one, today included
        d = doc - timedelta(days=back)
    return ResolvedDate(d.isoformat())


def _month(parts: dict[str, str], doc: date) -> ResolvedDate:
    month = _MONTH[parts["month"]]
    qual = _QUAL.get(parts.get("qual", ""))
    if qual == -1:
        year = doc.year if month < doc.month else doc.year - 1
    elif qual == 1:
        year = doc.year if month > doc.month else doc.year + 1
    elif qual == 0:
        year = doc.year
    else:
        year = nearest_year(doc, month)
    return ResolvedDate(f"{year}-{month:02d}")


def _relative_period(parts: dict[str, str], doc: date) -> ResolvedDate:
    step = _QUAL[parts["qual"]]
    unit = _UNIT[parts["unit"]]
    if unit == "সপ্তাহ":
        return ResolvedDate(iso_week(doc + timedelta(weeks=step)))
    if unit == "মাস":
        y, m = add_months(doc.year, doc.month, step)
        return ResolvedDate(f"{y}-{m:02d}")
    if unit == "বছর":
        return ResolvedDate(str(doc.year + step))
    return ResolvedDate(None, "a day named only by its position in a story")


def _ago(parts: dict[str, str], doc: date) -> ResolvedDate:
    n = _NUMBER.get(parts["n"]) or to_int(parts["n"])
    unit = _UNIT[parts["unit"]]
    if unit == "দিন":
        return ResolvedDate((doc - timedelta(days=n)).isoformat())
    if unit == "সপ্তাহ":
        return ResolvedDate(iso_week(doc - timedelta(weeks=n)))
    if unit == "মাস":
        y, m = add_months(doc.year, doc.month, -n)
        return ResolvedDate(f"{y}-{m:02d}")
    return ResolvedDate(str(doc.year - n))


def _bengali(parts: dict[str, str], doc: date) -> ResolvedDate:
    if "day" not in parts:
        return ResolvedDate(None, "a Bengali month without a day has no single Gregorian value")
    day, month = _day(parts["day"]), _BMONTH[parts["bmonth"]]
    if "byear" in parts:
        return ResolvedDate(bengali_to_gregorian(day, month, to_int(parts["byear"])).isoformat())
    this = gregorian_to_bengali_year(doc)
    candidates = [bengali_to_gregorian(day, month, y) for y in (this - 1, this, this + 1)]
    return ResolvedDate(min(candidates, key=lambda d: news_distance(d, doc)).isoformat())


def resolve(match: DateMatch, doc: date) -> ResolvedDate:
    """The ISO value of ``match`` in a document dated ``doc``."""
    parts = match.parts
    try:
        if match.kind in ("numeric", "day_month_year", "year_day_month"):
            d = _calendar_date(parts, doc)
            return ResolvedDate(d.isoformat() + _clock(parts), _weekday_note(d, parts))
        if match.kind == "relative_year":
            year = doc.year + _QUAL[parts["qual"]]
            if "day" in parts:
                return ResolvedDate(
                    date(year, _MONTH[parts["month"]], _day(parts["day"])).isoformat()
                )
            return ResolvedDate(f"{year}-{_MONTH[parts['month']]:02d}")
        if match.kind == "month_year":
            return ResolvedDate(f"{_year(parts['year'])}-{_MONTH[parts['month']]:02d}")
        if match.kind == "year":
            return ResolvedDate(str(_year(parts["year"])))
        if match.kind == "month":
            return _month(parts, doc)
        if match.kind == "day_word":
            return _day_word(parts, doc)
        if match.kind == "relative_period":
            return _relative_period(parts, doc)
        if match.kind == "ago":
            return _ago(parts, doc)
        if match.kind == "bengali":
            return _bengali(parts, doc)
    except (ValueError, KeyError) as exc:  # 31 ফেব্রুয়ারি and the like
        return ResolvedDate(None, f"not a valid date: {exc}")
    return ResolvedDate(None, "Hijri dates are detected but not converted")
