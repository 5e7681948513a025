"""Date matches → TimeML-style values, resolved against the document's date.

Values are ISO 8601 as precise as the text (docs/annotation.md 4.2, models.dates.values):
``2023-09-13``, ``2023-09-13T18:42``, ``2024-06``, ``2023-W38``, ``2019``, or an interval
``start/end`` for a stretch (``2008/2009``, a fiscal year ``2022-07/2023-06``, a week of a
month); None where the text does not fix a time (a lunar day, an anaphoric day). ``mod``
says where in the period the text places it (START, MID, END) or that it is approximate.
A relative day checked against a weekday that disagrees keeps the relative reading and
says so in ``note``. What the rest of the sentence says (tense, the year named before,
the start of a range) comes in a ``DateContext`` (models.dates.context).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from banglaner.models.dates import periods
from banglaner.models.dates.calendars import add_months, bengali_to_gregorian, iso_week, to_int
from banglaner.models.dates.grammar import (
    BENGALI_MONTHS,
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    HOUR_WORDS,
    LAST_NIGHT,
    MONTHS,
    NUMBER_WORDS,
    QUALIFIERS,
    RELATIVE_DAYS,
    WEEKDAYS,
    DateMatch,
)
from banglaner.models.dates.named import (
    ABOUT_ONE,
    CENTURY_ORDINALS,
    DAY_WORDS,
    DECADE_WORDS,
    FIXED_DAYS,
    FRACTIONS,
    HALVES,
    MOVABLE_DAYS,
    NAMED_MONTHS,
    PERIOD_PARTS,
    WEEK_ORDINALS,
)
from banglaner.models.normalize import normalize


def _index(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {normalize(w).text: n for n, words in table.items() for w in words}


class _Names(dict[str, int]):
    """Bengali names as written, English ones in any case and with a dot (NOV, Sept.)."""

    def __missing__(self, name: str) -> int:
        return super().__getitem__(name.lower().rstrip("."))


_MONTH = _Names(_index(MONTHS) | _index(ENGLISH_MONTHS))
_BMONTH = _index(BENGALI_MONTHS)
_WEEKDAY = _Names(_index(WEEKDAYS) | _index(ENGLISH_WEEKDAYS))
_REL = {normalize(w).text: d for w, d in (*RELATIVE_DAYS.items(), (LAST_NIGHT, -1))}
_QUAL = {normalize(w).text: d for w, d in QUALIFIERS.items()}
_NUMBER: dict[str, float] = {normalize(w).text: n for w, n in NUMBER_WORDS.items()} | FRACTIONS
_HOUR = {normalize(w).text: n for w, n in HOUR_WORDS.items()}
_CLOCK_FRACTION = {normalize(w).text: m for w, m in (("সাড়ে", 30), ("পৌনে", -15), ("সোয়া", 15))}
_ABOUT_UNIT = {w: normalize(one.removesuffix("খানেক")).text for w, one in ABOUT_ONE.items()}
_BACK = {
    normalize(w).text: -1
    for w in ("গত", "বিগত", "সদ্য সমাপ্ত", "সদ্যসমাপ্ত", "সর্বশেষ", "আগের", "এর আগের")
}
_AHEAD = {normalize(w).text: 1 for w in ("আগামী", "আসন্ন", "পরবর্তী", "পরের")}
_SAME = {
    normalize(w).text: 0
    for w in ("চলতি", "এ", "এই", "বর্তমান", "বিদায়ী", "ওই", "ঐ", "সেই", "সে", "একই")
}
_STEP = _BACK | _AHEAD | _SAME
_ANAPHORIC = {
    normalize(w).text for w in ("ওই", "ঐ", "সেই", "সে", "একই", "আগের", "এর আগের", "পরের", "পরবর্তী")
}
_NEW = normalize("নতুন").text
_UNIT = {normalize(w).text: w for w in ("দিন", "সপ্তাহ", "মাস", "বছর")} | {normalize("সাল").text: "বছর"}
_PM = {normalize(w).text for w in ("পিএম", "PM", "pm")}
_AM = {normalize(w).text for w in ("এএম", "AM", "am")}
_AFTERNOON = {normalize(w).text for w in ("বিকেল", "বিকাল", "শেষ বিকেল", "সন্ধ্যা", "দুপুর")}
_NIGHTS = {normalize(w).text for w in ("রাত", "মধ্যরাত", "গভীর রাত")}
_DAYTIME = normalize("বেলা").text  # বেলা ১১টা is 11:00, বেলা ৩টা 15:00
_DAYTIME_PM_BEFORE = 7
_WEEKDAY_NAMES = {n: words[0] for n, words in WEEKDAYS.items()}


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: str | None
    note: str | None = None
    mod: str | None = None  # START, MID, END, APPROX (TimeML)


@dataclass(frozen=True, slots=True)
class DateContext:
    """What the sentence around a date says: the tense of its verb (+1 future, -1 past,
    0 none), the year and fiscal year the text named last (for ওই বছর, আগের অর্থবছরে), and
    a year written out earlier in the sentence (a date without one takes it)."""

    tense: int = 0
    anchor_year: int | None = None
    anchor_fiscal: int | None = None
    sentence_year: int | None = None  # a year written out earlier in the same sentence


NO_CONTEXT = DateContext()


def _day(text: str) -> int:
    return to_int(text) if any(c.isdigit() for c in text) else DAY_WORDS[text]  # পঁচিশে = 25


def _year(text: str) -> int:
    y = to_int(text)
    return 2000 + y if y < 100 else y


def _century_of(text: str, doc: date) -> int:
    """A year in two digits: this century's, or the last one's where this one's is still
    more than 20 years ahead (৮৪ অর্থবছরে, ৭৪/৭৫ সালে)."""
    year = _year(text)
    return year - 100 if to_int(text) < 100 and year > doc.year + 20 else year


def _meridiem(ampm: str | None) -> str | None:
    """ "pm", "am" or None from পিএম/এএম/PM/p.m./a.m."""
    if ampm is None:
        return None
    if ampm in _PM or ampm.lower().startswith("p"):
        return "pm"
    return "am" if ampm in _AM or ampm.lower().startswith("a") else None


def _clock(parts: dict[str, str]) -> str:
    """``T10:30`` (``T10:30:00`` where seconds are printed), or "" without a valid time.
    An hour in words (রাত নয়টা, সাড়ে দশটায়) reads the part of day for am/pm."""
    if "hour" not in parts:
        return ""
    hour = _HOUR.get(parts["hour"]) or to_int(parts["hour"])
    minute = to_int(parts["minute"]) if "minute" in parts else 0
    if "frac" in parts:
        minute += _CLOCK_FRACTION[parts["frac"]]
        if minute < 0:
            hour, minute = hour - 1, minute + 60
    meridiem, part = _meridiem(parts.get("ampm")), parts.get("part")
    if (
        ((meridiem == "pm" or part in _AFTERNOON) and hour < 12)
        or (part in _NIGHTS and 6 <= hour < 12)
        or (part == _DAYTIME and hour < _DAYTIME_PM_BEFORE)
    ):
        hour += 12
    elif (meridiem == "am" or part in _NIGHTS) and hour == 12:
        hour = 0
    second = to_int(parts["second"]) if "second" in parts else None
    if not (0 <= hour < 24 and 0 <= minute < 60 and (second is None or 0 <= second < 60)):
        return ""
    return f"T{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")


def _at(d: date, parts: dict[str, str]) -> str:
    """``d`` with its clock time; রাত ১২টা of a day is midnight at its end, the next day's
    00:00 (শনিবার রাত ১২টা থেকে: from the start of Sunday), and the small hours of the
    night after a day (দিবাগত রাত ২টায়) are the next day's."""
    clock = _clock(parts)
    midnight = parts.get("part") in _NIGHTS and clock.startswith("T00:")
    if midnight or ("overnight" in parts and clock[1:3] < "12"):
        d += timedelta(days=1)
    return d.isoformat() + clock


def _calendar_date(parts: dict[str, str], doc: date, ctx: DateContext) -> date:
    month = _MONTH[parts["month"]] if "month" in parts else to_int(parts["nmonth"])
    day = _day(parts["day"])
    if "year" in parts:
        return date(_year(parts["year"]), month, day)
    if "anaph" in parts:  # ওই বছরের ১১ ডিসেম্বর
        if ctx.anchor_year is None:
            raise ValueError("the year it refers to is not named before it")
        return date(ctx.anchor_year + _STEP.get(parts["anaph"], 0), month, day)
    qual = _QUAL.get(parts.get("qual", ""))
    if qual is None and ctx.sentence_year is not None:  # ২০১৪ সালের ৫ জুন থেকে … ১৭ সেপ্টেম্বর
        return date(ctx.sentence_year, month, day)
    tense = qual if qual in (-1, 1) else ctx.tense  # গত ২৮ ডিসেম্বর, আগামী ২০ সেপ্টেম্বর
    if "weekday" in parts:  # ৬ আগস্ট সোমবার: a recent year where the 6th is a Monday
        said = _WEEKDAY[parts["weekday"]]
        fits = [
            y
            for y in range(doc.year - 7, doc.year + 2)
            if _weekday_of(y, month, day) == said and _on_side(date(y, month, day), doc, tense)
        ]
        if fits:
            around = periods.pick(doc, tense, periods.day_span(month, day), doc.year)
            return date(min(fits, key=lambda y: (abs(y - around), -y)), month, day)
    return date(periods.pick(doc, tense, periods.day_span(month, day), doc.year), month, day)


def _on_side(d: date, doc: date, tense: int) -> bool:
    """A date said in the past (গত) is not after the document, one said ahead not before
    it: the weekday picks a year only among those (গত সোমবার ১৫ আগস্ট, said on 1 January)."""
    return tense == 0 or (d <= doc if tense < 0 else d >= doc)


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).isoweekday()
    except ValueError:
        return None


def _weekday_note(d: date, parts: dict[str, str]) -> str | None:
    if "weekday" not in parts:
        return None
    said = _WEEKDAY[parts["weekday"]]
    if d.isoweekday() == said:
        return None
    return f"weekday disagrees: {d.isoformat()} is not a {_WEEKDAY_NAMES[said]}"


def _day_word(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    if "day" in parts:  # a bracketed date: সোমবার (১৫ অগাস্ট)
        d = _calendar_date(parts, doc, ctx)
        return ResolvedDate(_at(d, parts), _weekday_note(d, parts))
    if "rel" in parts:
        d = doc + timedelta(days=_REL[parts["rel"]])
        return ResolvedDate(_at(d, parts), _weekday_note(d, parts))
    if "kal" in parts and "weekday" not in parts:  # কাল alone: tomorrow or yesterday
        if not ctx.tense:
            return ResolvedDate(None, "কাল without a verb that says which day")
        return ResolvedDate(_at(doc + timedelta(days=ctx.tense), parts))
    wd = _WEEKDAY[parts["weekday"]]
    qual = _QUAL.get(parts.get("qual", ""))
    back, ahead = (doc.isoweekday() - wd) % 7, (wd - doc.isoweekday()) % 7
    if qual == -1:  # গত সোমবার: the last one before today
        d = doc - timedelta(days=back or 7)
    elif qual == 1:  # আগামী সোমবার: the next one after today
        d = doc + timedelta(days=ahead or 7)
    elif qual == 0:  # এই সোমবার: in this week
        d = doc + timedelta(days=wd - doc.isoweekday())
    elif "kal" in parts and 1 in (ahead, back):  # কাল বৃহস্পতিবার: the day its weekday names
        d = doc + timedelta(days=1 if ahead == 1 else -1)
    elif "kal" in parts and ctx.tense:  # কাল রোববার: tomorrow's or yesterday's weekday
        d = doc + timedelta(days=ahead or 7) if ctx.tense > 0 else doc - timedelta(days=back or 7)
    elif ctx.tense > 0:  # a bare weekday before a future verb: the next one, today included
        d = doc + timedelta(days=ahead)
    elif ctx.tense < 0 or back <= 2 * ahead:  # past, or nearer behind (ahead counts double)
        d = doc - timedelta(days=back)
    else:
        d = doc + timedelta(days=ahead)
    return ResolvedDate(_at(d, parts))


def _month_of(parts: dict[str, str], doc: date, ctx: DateContext) -> tuple[int, int]:
    """(year, month) of a month reference: named (with qualifier or year) or চলতি মাস."""
    qual = _QUAL.get(parts.get("qual", ""))
    if "relmonth" in parts:  # চলতি মাসের, গত মাসের
        return add_months(doc.year, doc.month, qual or 0)
    month = _MONTH[parts["month"]]
    if "year" in parts:
        return _year(parts["year"]), month
    if qual == -1:
        return (doc.year if month < doc.month else doc.year - 1), month
    if qual == 1:
        return (doc.year if month > doc.month else doc.year + 1), month
    if qual == 0:
        return doc.year, month
    if qual is None and ctx.sentence_year is not None:  # ২০১০ সালের মে মাসে … নভেম্বরে
        return ctx.sentence_year, month
    return periods.pick(doc, ctx.tense, periods.month_span(month), doc.year), month


def _month(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    year, month = _month_of(parts, doc, ctx)
    return ResolvedDate(f"{year}-{month:02d}")


def _named_year(parts: dict[str, str], doc: date, ctx: DateContext) -> int | None:
    """The year a qualified (এ বছর: from the document's) or anaphoric (ওই বছর: from the
    last year the text named) year expression means; None: unresolvable."""
    if "qual" in parts:
        return doc.year + _QUAL[parts["qual"]]
    return ctx.anchor_year + _STEP.get(parts["anaph"], 0) if ctx.anchor_year is not None else None


def _relative_period(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    unit = _UNIT[parts["unit"]]
    if unit == "দিন":
        return ResolvedDate(None, "a day named only by its position in a story")
    if parts.get("anaph") == _NEW:  # নতুন বছর: the year that begins nearest the document
        return ResolvedDate(
            str(periods.year_ending_nearest(doc, "START")) if unit == "বছর" else None
        )
    if "anaph" in parts:
        if unit != "বছর" or ctx.anchor_year is None:
            return ResolvedDate(None, "refers to a time the text does not name before it")
        return ResolvedDate(str(ctx.anchor_year + _STEP.get(parts["anaph"], 0)))
    step = _QUAL[parts["qual"]]
    if unit == "সপ্তাহ":  # (and a part of it: এই সপ্তাহের শুরুতে)
        mod = PERIOD_PARTS.get(parts.get("pmod", ""))
        return ResolvedDate(iso_week(doc + timedelta(weeks=step)), mod=mod)
    if unit == "মাস":
        y, m = add_months(doc.year, doc.month, step)
        return ResolvedDate(f"{y}-{m:02d}")
    return ResolvedDate(str(doc.year + step))


def _ago(parts: dict[str, str], doc: date) -> ResolvedDate:
    """N units back from the document, at the unit's precision; a fraction of a year is
    counted in months, of a month in days."""
    mod: str | None
    if "about" in parts:
        n, unit, mod = 1.0, _ABOUT_UNIT[parts["about"]], "APPROX"
    else:
        n = _NUMBER.get(parts["n"]) or to_int(parts["n"])
        n += 0.5 if "plus_half" in parts else 0
        unit, mod = _UNIT[parts["unit"]], "APPROX" if "approx" in parts else None
    if unit == "বছর" and n != int(n):
        unit, n = "মাস", n * 12
    if unit == "মাস" and n != int(n):
        unit, n = "দিন", n * 30
    n = round(n)
    if unit == "দিন":
        return ResolvedDate((doc - timedelta(days=n)).isoformat(), mod=mod)
    if unit == "সপ্তাহ":
        return ResolvedDate(iso_week(doc - timedelta(weeks=n)), mod=mod)
    if unit == "মাস":
        y, m = add_months(doc.year, doc.month, -n)
        return ResolvedDate(f"{y}-{m:02d}", mod=mod)
    return ResolvedDate(str(doc.year - n), mod=mod)


def _bengali(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    if "bmonth" not in parts:  # ১৪৩০ বঙ্গাব্দে
        return ResolvedDate(periods.bengali_year(to_int(parts["byear"])))
    month = _BMONTH[parts["bmonth"]]
    this = periods.this_bengali_year(doc)
    if "day" not in parts:
        year = to_int(parts["byear"]) if "byear" in parts else None
        if year is None:
            year = periods.pick(doc, ctx.tense, periods.bengali_month_span(month), this)
        return ResolvedDate(periods.bengali_month(month, year))
    day = _day(parts["day"])
    if "byear" in parts:
        return ResolvedDate(bengali_to_gregorian(day, month, to_int(parts["byear"])).isoformat())

    def span(year: int) -> periods.Span:
        d = bengali_to_gregorian(day, month, year)
        return d, d

    return ResolvedDate(
        bengali_to_gregorian(day, month, periods.pick(doc, ctx.tense, span, this)).isoformat()
    )


def _fiscal(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    start = _fiscal_start(parts, doc, ctx)
    if start is None:
        return ResolvedDate(None, "refers to a fiscal year the text does not name before it")
    if "month" in parts:  # গত অর্থবছরের জুলাই-মার্চ: its months, July's year the one it began
        return _months_in(start + (_MONTH[parts["month"]] < 7), parts)
    return ResolvedDate(periods.fiscal_year(start, HALVES.get(parts.get("half", ""))))


def _fiscal_start(parts: dict[str, str], doc: date, ctx: DateContext) -> int | None:
    """The year (1 July) the fiscal year named began; None: an anaphoric one with nothing
    named before it."""
    if "year" in parts:  # ২০২২-২৩ অর্থবছরে
        return _year(parts["year"])
    if "fyear" in parts:  # ১৯৭৫ অর্থবছর, ১৯৭৮ সালের অর্থবছর: the fiscal year ending in it
        return _year(parts["fyear"]) - 1
    if "fyear2" in parts:  # (২০১৮) ১৯ অর্থবছরে: the one ending in 2019
        return _century_of(parts["fyear2"], doc) - 1
    qual = parts["fqual"]
    if qual in _ANAPHORIC:
        return None if ctx.anchor_fiscal is None else ctx.anchor_fiscal + _STEP[qual]
    current = periods.fiscal_start(doc)
    if qual == _NEW:  # নতুন অর্থবছর: the one the June budget opens, or the one just begun
        return current + (doc.month in (4, 5, 6))
    return current + _STEP[qual]


def _year_range(parts: dict[str, str], doc: date) -> ResolvedDate:
    first, second = _century_of(parts["year"], doc), to_int(parts["year2"])
    if second < 100:
        second += first // 100 * 100 + (100 if second <= first % 100 else 0)
    return ResolvedDate(f"{first}/{second}")


def _week_of_month(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    year, month = _month_of(parts, doc, ctx)
    value = periods.week_of_month(year, month, WEEK_ORDINALS[parts["nth"]])
    return ResolvedDate(value, mod=PERIOD_PARTS.get(parts.get("pmod", "")))


def _month_part(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    year, month = _month_of(parts, doc, ctx)
    return ResolvedDate(f"{year}-{month:02d}", mod=PERIOD_PARTS[parts["pmod"]])


def _year_part(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    mod = PERIOD_PARTS[parts["pmod"]]
    if "year" in parts:
        return ResolvedDate(str(_year(parts["year"])), mod=mod)
    if "bare" in parts or parts.get("anaph") == _NEW:
        return ResolvedDate(str(periods.year_ending_nearest(doc, mod)), mod=mod)
    year = _named_year(parts, doc, ctx)
    if year is None:
        return ResolvedDate(None, "refers to a year the text does not name before it", mod)
    return ResolvedDate(str(year), mod=mod)


def _decade(parts: dict[str, str], doc: date) -> ResolvedDate:
    if "dword" in parts:
        start = periods.decade_of_tens(DECADE_WORDS[parts["dword"]], doc)
    else:
        year = to_int(parts["dyear"])
        start = (1900 + year if year < 100 else year) // 10 * 10
    return ResolvedDate(periods.decade(start), mod=PERIOD_PARTS.get(parts.get("pmod", "")))


def _century(parts: dict[str, str]) -> ResolvedDate:
    word = parts["century"]
    n = CENTURY_ORDINALS.get(word) or to_int(word)
    return ResolvedDate(periods.century(n), mod=PERIOD_PARTS.get(parts.get("pmod", "")))


def _holiday(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    name = parts["holiday"]
    if name in NAMED_MONTHS:
        month = NAMED_MONTHS[name]
        return ResolvedDate(
            f"{periods.pick(doc, ctx.tense, periods.month_span(month), doc.year)}-{month:02d}"
        )
    if name in MOVABLE_DAYS:  # বাবা দিবস: the third Sunday of June of the year picked
        month, weekday, nth = MOVABLE_DAYS[name]
        near = periods.nth_weekday(doc.year, month, weekday, nth)
        year = periods.pick(doc, ctx.tense, periods.day_span(month, near.day), doc.year)
        return ResolvedDate(periods.nth_weekday(year, month, weekday, nth).isoformat())
    when = parts.get("_fixed") or FIXED_DAYS.get(name)
    if when is None:
        return ResolvedDate(None, "follows the moon as sighted in Bangladesh")
    month, day = when if isinstance(when, tuple) else map(int, when.split("-"))
    year = periods.pick(doc, ctx.tense, periods.day_span(month, day), doc.year)
    nth = WEEK_ORDINALS.get(parts.get("hnth", ""), 1)  # its second day: the day after it
    if nth < 1:
        return ResolvedDate(None, "the holiday's last day: its length is not known")
    day_of = date(year, month, day) + timedelta(days=nth - 1)
    return ResolvedDate(_at(day_of, {**parts, "part": parts.get("after", "")}))


def _calendar(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    d = _calendar_date(parts, doc, ctx)
    return ResolvedDate(_at(d, parts), _weekday_note(d, parts))


def _day_range(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    """১২-১৩ ডিসেম্বর: the last day resolved as a date, the first in its month."""
    last = _calendar_date({**parts, "day": parts["day2"]}, doc, ctx)
    first = last.replace(day=_day(parts["day"]))
    return ResolvedDate(f"{first.isoformat()}/{last.isoformat()}")


def _months_in(year: int, parts: dict[str, str]) -> ResolvedDate:
    """A month of ``year``, or a range of months from it (জানুয়ারি-মার্চ; one that passes
    December ends in the next year: ডিসেম্বর-জানুয়ারি, জুলাই-মার্চ)."""
    first = _MONTH[parts["month"]]
    if "month2" not in parts:
        return ResolvedDate(f"{year}-{first:02d}")
    last = _MONTH[parts["month2"]]
    return ResolvedDate(f"{year}-{first:02d}/{year + (last < first)}-{last:02d}")


def _month_range(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    """অক্টোবর-নভেম্বরে: the first month as a month alone, the second after it."""
    return _months_in(_month_of(parts, doc, ctx)[0], parts)


def _relative_year(parts: dict[str, str], doc: date, ctx: DateContext) -> ResolvedDate:
    year = _named_year(parts, doc, ctx)
    if year is None:
        return ResolvedDate(None, "refers to a year the text does not name before it")
    if "day" in parts:
        return ResolvedDate(date(year, _MONTH[parts["month"]], _day(parts["day"])).isoformat())
    return _months_in(year, parts)


# a match's parts, the document's date, the sentence's context → the value
Resolver = Callable[[dict[str, str], date, DateContext], ResolvedDate]
_RESOLVERS: dict[str, Resolver] = {
    "numeric": _calendar,
    "day_month_year": _calendar,
    "year_day_month": _calendar,
    "day_range": _day_range,
    "relative_year": _relative_year,
    "month_year": lambda p, d, c: _months_in(_year(p["year"]), p),
    "year": lambda p, d, c: ResolvedDate(str(_century_of(p["year"], d))),
    "month": _month,
    "month_range": _month_range,
    "day_word": _day_word,
    "relative_period": _relative_period,
    "ago": lambda p, d, c: _ago(p, d),
    "bengali": _bengali,
    "fiscal": _fiscal,
    "year_range": lambda p, d, c: _year_range(p, d),
    "week_of_month": _week_of_month,
    "month_part": _month_part,
    "year_part": _year_part,
    "decade": lambda p, d, c: _decade(p, d),
    "century": lambda p, d, c: _century(p),
    "holiday": _holiday,
    "anaphoric_day": lambda p, d, c: ResolvedDate(None, "a day named by its place in the story"),
    "bce": lambda p, d, c: ResolvedDate(None, "before the common era"),
}


def resolve(match: DateMatch, doc: date, ctx: DateContext = NO_CONTEXT) -> ResolvedDate:
    """The value of ``match`` in a document dated ``doc``, in the sentence ``ctx`` describes."""
    resolver = _RESOLVERS.get(match.kind)
    if resolver is None:
        return ResolvedDate(None, "Hijri dates are detected but not converted")
    try:
        found = resolver(match.parts, doc, ctx)
    except (ValueError, KeyError) as exc:  # 31 ফেব্রুয়ারি and the like
        return ResolvedDate(None, f"not a valid date: {exc}")
    if "approx" in match.parts and found.mod is None:
        return ResolvedDate(found.value, found.note, "APPROX")
    return found
