"""A Bengali date grammar: where the DATE mentions of a (normalised) text are.

Spans follow docs/annotation.md: the whole expression, weekday and attached clock
time included (``গতকাল বুধবার``, ``১৪ সেপ্টেম্বর ২০২৪, ০৬:৪২ পিএম``,
``সোমবার (১৫ অগাস্ট)``), case endings inside (``সেপ্টেম্বরে``), durations,
ages and counts of years outside (``চার ঘণ্টা``, ``চার বছর পর``).

Each match keeps its named parts (day, month, year, weekday, relative word…)
so that a resolver can turn it into an ISO 8601 value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from models.normalize import normalize


def _alt(*words: str) -> str:
    """A regex alternation of words in their normalised spelling, longest first."""
    forms = {normalize(w).text for w in words}
    return "(?:" + "|".join(regex.escape(w) for w in sorted(forms, key=len, reverse=True)) + ")"


def _latin(table: dict[int, tuple[str, ...]]) -> str:
    """English names in any case, an abbreviation's dot allowed (Sept., NOV)."""
    words = sorted((w for ws in table.values() for w in ws), key=len, reverse=True)
    return r"(?i:" + "|".join(words) + r")(?![\p{L}])\.?"


MONTHS: dict[int, tuple[str, ...]] = {
    1: ("জানুয়ারি", "জানুয়ারী", "জানুয়ারি"),
    2: ("ফেব্রুয়ারি", "ফেব্রুয়ারী", "ফেব্রুয়ারি", "ফেব্রুয়ারী"),
    3: ("মার্চ",),
    4: ("এপ্রিল",),
    5: ("মে",),
    6: ("জুন",),
    7: ("জুলাই",),
    8: ("আগস্ট", "অগাস্ট", "আগষ্ট", "অগস্ট", "অগাস্ত", "আগস্ত"),
    9: ("সেপ্টেম্বর", "সেপ্টেম্বার", "সেপ্টেমবর"),
    10: ("অক্টোবর", "অক্টোবার", "অকটোবর"),
    11: ("নভেম্বর", "নভেম্বার"),
    12: ("ডিসেম্বর", "ডিসেম্বার"),
}
BENGALI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("বৈশাখ",),
    2: ("জ্যৈষ্ঠ", "জৈষ্ঠ্য", "জৈষ্ঠ"),
    3: ("আষাঢ়",),
    4: ("শ্রাবণ",),
    5: ("ভাদ্র",),
    6: ("আশ্বিন",),
    7: ("কার্তিক",),
    8: ("অগ্রহায়ণ", "অঘ্রাণ"),
    9: ("পৌষ",),
    10: ("মাঘ",),
    11: ("ফাল্গুন", "ফাগুন"),
    12: ("চৈত্র",),
}
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("মহররম", "মুহাররম"),
    2: ("সফর",),
    3: ("রবিউল আউয়াল",),
    4: ("রবিউস সানি", "রবিউল আখির"),
    5: ("জমাদিউল আউয়াল", "জমাদিউল উলা"),
    6: ("জমাদিউস সানি", "জমাদিউল আখির"),
    7: ("রজব",),
    8: ("শাবান",),
    9: ("রমজান", "রমযান"),
    10: ("শাওয়াল",),
    11: ("জিলকদ", "জিলকদ"),
    12: ("জিলহজ", "জিলহজ্জ"),
}
# Latin-script names as news sites print them in bylines and timestamps (matched in any case)
ENGLISH_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan"),
    2: ("february", "feb"),
    3: ("march", "mar"),
    4: ("april", "apr"),
    5: ("may",),
    6: ("june", "jun"),
    7: ("july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("october", "oct"),
    11: ("november", "nov"),
    12: ("december", "dec"),
}
ENGLISH_WEEKDAYS: dict[int, tuple[str, ...]] = {
    1: ("monday", "mon"),
    2: ("tuesday", "tues", "tue"),
    3: ("wednesday", "wed"),
    4: ("thursday", "thurs", "thu"),
    5: ("friday", "fri"),
    6: ("saturday", "sat"),
    7: ("sunday", "sun"),
}
WEEKDAYS: dict[int, tuple[str, ...]] = {  # ISO weekday numbers, Monday = 1
    1: ("সোমবার",),
    2: ("মঙ্গলবার",),
    3: ("বুধবার",),
    4: ("বৃহস্পতিবার", "বিষ্যুদবার"),
    5: ("শুক্রবার",),
    6: ("শনিবার",),
    7: ("রবিবার", "রোববার"),
}
RELATIVE_DAYS: dict[str, int] = {
    "আজ": 0,
    "আজকে": 0,
    "গতকাল": -1,
    "আগামীকাল": 1,
    "গত পরশু": -2,
    "আগামী পরশু": 2,
    "পরশু": 2,
}
QUALIFIERS: dict[str, int] = {"গত": -1, "বিগত": -1, "আগামী": 1, "চলতি": 0, "এই": 0, "এ": 0}
NUMBER_WORDS: dict[str, int] = {
    "এক": 1,
    "দুই": 2,
    "দু": 2,
    "তিন": 3,
    "চার": 4,
    "পাঁচ": 5,
    "ছয়": 6,
    "সাত": 7,
    "আট": 8,
    "নয়": 9,
    "দশ": 10,
    "এগারো": 11,
    "বারো": 12,
}

_NB = r"(?<![\p{L}\p{M}\p{N}])"  # no word character before
_NA = r"(?![\p{L}\p{M}\p{N}])"  # no word character after
_D = r"[0-9০-৯]"
# Case endings and particles a date word may carry: সেপ্টেম্বরে, বুধবারের, ২০২৪-এর, সালেই.
_SUFFIX = (
    r"(?:-?" + _alt("এর", "ের", "র", "এ", "ে", "য়ে", "য়", "তে", "কে") + r")?" + _alt("ই", "ও") + "?"
)
_DAY_SUFFIX = _alt("ই", "লা", "রা", "ঠা", "শে", "এ", "তম") + "?"

_MONTH = "(?P<month>" + _alt(*(w for ws in MONTHS.values() for w in ws)) + ")"
_EMONTH = "(?P<month>" + _latin(ENGLISH_MONTHS) + ")"
_ANY_MONTH = "(?:" + _MONTH + "|" + _EMONTH + ")"
_EWEEKDAY = "(?P<weekday>" + _latin(ENGLISH_WEEKDAYS) + ")"
_BMONTH = "(?P<bmonth>" + _alt(*(w for ws in BENGALI_MONTHS.values() for w in ws)) + ")"
_HMONTH = "(?P<hmonth>" + _alt(*(w for ws in HIJRI_MONTHS.values() for w in ws)) + ")"
_WEEKDAY = "(?P<weekday>" + _alt(*(w for ws in WEEKDAYS.values() for w in ws)) + ")"
_REL = "(?P<rel>" + _alt(*RELATIVE_DAYS) + ")"
_QUAL = "(?P<qual>" + _alt(*QUALIFIERS) + ")"
_DAY = rf"(?P<day>(?:[0-3]?[0-9]|[০-৩]?[০-৯]){_DAY_SUFFIX}|" + _alt("পয়লা", "পহেলা") + ")"
_EDAY = r"(?P<day>[0-3]?[0-9]|[০-৩]?[০-৯])(?i:st|nd|rd|th)?"
_YEAR = rf"(?P<year>(?:1[89]|20|১[৮৯]|২০){_D}{{2}})"
_BYEAR = rf"(?P<byear>(?:1[34]|১[৩৪]){_D}{{2}})"
_HYEAR = rf"(?P<hyear>(?:1[34]|১[৩৪]){_D}{{2}})"
_SAL = _alt("সাল", "সন", "খ্রিস্টাব্দ", "খ্রিষ্টাব্দ", "ইং")
_BSAL = _alt("বঙ্গাব্দ", "বাংলা সন", "সন")
_PARTS_OF_DAY = ("সকাল", "দুপুর", "বিকেল", "সন্ধ্যা", "রাত", "ভোর")
_AMPM = rf"(?P<ampm>{_alt('পিএম', 'এএম')}|(?i:[ap]\.?m\.?)(?![\p{{L}}]))"
_ZONE = r"(?:\s*(?:Z|(?i:GMT|UTC|BST)(?![\p{L}])|[+-]\d{2}:?\d{2}))"
# ০৬:৪২ পিএম, 10:30:00 +0600, রাত ১০টায়, 0930 hrs — hour, minute, optional seconds
_CLOCK = (
    rf"(?:(?P<hour>{_D}{{1,2}})[:.](?P<minute>{_D}{{2}})(?::(?P<second>{_D}{{2}}))?"
    rf"(?:\s*{_AMPM})?{_ZONE}?"
    rf"|(?P<hour>{_D}{{2}})(?P<minute>{_D}{{2}})\s*(?i:hrs|hours)(?![\p{{L}}]))"
)
_TIME = (
    rf"(?:\s*,?\s*(?i:at\s+)?(?:(?P<part>{_alt(*_PARTS_OF_DAY)})\s*)?{_CLOCK}"
    rf"(?:\s*{_alt('মিনিটে', 'টায়', 'টা')})?)"
)
# ৩ নভেম্বর রাতে: a part of day after a date is inside it (docs/annotation.md)
_PART_AFTER = (
    rf"(?:\s+(?P<after>{_alt(*_PARTS_OF_DAY)}){_alt('ে', 'য়', 'ের')}?{_alt('ই')}?"
    rf"(?![\p{{L}}\p{{M}}]))"
)
_UNIT = "(?P<unit>" + _alt("দিন", "সপ্তাহ", "মাস", "বছর") + ")"
_COUNT = rf"(?P<n>{_D}{{1,3}}|" + _alt(*NUMBER_WORDS) + ")"

# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy — not inside a code (BD-03-11-2025-0047)
_IN_CODE_BEFORE = r"(?<![\p{L}\p{N}][\-/.])"
_IN_CODE_AFTER = r"(?![\-/.][\p{L}\p{N}])"
_NUMERIC = (
    rf"{_IN_CODE_BEFORE}(?P<day>{_D}{{1,2}})[/.\-](?P<nmonth>{_D}{{1,2}})[/.\-]"
    rf"(?P<year>{_D}{{4}}|{_D}{{2}}){_IN_CODE_AFTER}"
)

_MAS = _alt("মাস")
_BOCHHOR = _alt("বছর")
# ১০ সেপ্টেম্বর ২০২৩ রোববার, ০৬:৪২ পিএম — the weekday after a date is checked against it
_DAY_MONTH_YEAR = (
    rf"(?:{_QUAL}\s+)?{_DAY}\s*-?\s*{_MONTH}"
    rf"(?:\s*,?\s*{_YEAR}(?:\s*{_SAL})?)?{_SUFFIX}{_NA}"
    rf"(?:\s*,?\s*{_WEEKDAY}{_SUFFIX}{_NA})?(?:{_TIME}|{_PART_AFTER})?"
)
# Latin script and mixed, as bylines print them: Nov 3, 2025; Monday, November 3, 2025
# 10:30 AM; 3rd November 2025; ৩ Nov ২০২৫; Mon, 03 Nov 2025 10:30:00 +0600
_LATIN_WEEKDAY = rf"(?:{_EWEEKDAY}\s*,?\s*)?"
_LATIN_YEAR = rf"(?:\s*,?\s*{_YEAR})?"
_MONTH_DAY_EN = rf"{_LATIN_WEEKDAY}{_EMONTH}\s*{_EDAY}{_LATIN_YEAR}(?:{_TIME}|{_PART_AFTER})?"
_DAY_MONTH_EN = rf"{_LATIN_WEEKDAY}{_EDAY}\s+{_EMONTH}{_LATIN_YEAR}(?:{_TIME}|{_PART_AFTER})?"
_MONTH_YEAR_EN = rf"{_EMONTH}\s*,?\s*{_YEAR}"
# 2025-11-03, 2025-11-03 10:30, 2025-11-03T10:30:00+06:00
_ISO = (
    rf"{_IN_CODE_BEFORE}(?P<year>{_D}{{4}})-(?P<nmonth>{_D}{{2}})-(?P<day>{_D}{{2}})"
    rf"(?:(?:T|\s+)(?P<hour>{_D}{{2}}):(?P<minute>{_D}{{2}})(?::(?P<second>{_D}{{2}}))?{_ZONE}?)?"
    rf"{_IN_CODE_AFTER}"
)
# the clock first: 10:30 AM, Nov 3, 2025; ১০:৩০ পিএম, ০৩ নভেম্বর ২০২৫
_TIME_FIRST = rf"{_CLOCK}\s*,\s*(?:{_EMONTH}\s*{_EDAY}|{_DAY}\s*{_ANY_MONTH})\s*,?\s*{_YEAR}"
_YEAR_SAL_DAY_MONTH = rf"{_YEAR}\s*{_SAL}{_SUFFIX}\s+{_DAY}\s*{_MONTH}{_SUFFIX}"
_MONTH_YEAR = (
    rf"(?:{_QUAL}\s+)?{_MONTH}\s*,?\s*{_YEAR}(?:\s*{_SAL})?{_SUFFIX}"
    rf"|{_MONTH_YEAR_EN}"
    rf"|{_YEAR}\s*{_SAL}{_SUFFIX}\s+{_MONTH}(?:\s+{_MAS})?{_SUFFIX}"  # ২০২৩ সালের জুলাইয়ে
)
# চলতি বছরের জানুয়ারিতে, গত বছরের ১৫ আগস্ট
_RELATIVE_YEAR_DATE = (
    rf"{_QUAL}\s+{_BOCHHOR}{_SUFFIX}\s+(?:{_DAY}\s*)?{_MONTH}(?:\s+{_MAS})?{_SUFFIX}"
)
_QUAL_MONTH = rf"(?:{_QUAL}\s+)?{_MONTH}(?:\s+{_MAS}){_SUFFIX}"
_BARE_MONTH = rf"(?:{_QUAL}\s+)?{_MONTH}{_SUFFIX}"
_YEAR_ENDING = _alt("এর", "এ", "তে", "য়")
_YEAR_ONLY = rf"(?:{_QUAL}\s+)?{_YEAR}(?:\s*{_SAL}{_SUFFIX}|-?{_YEAR_ENDING})"
_BENGALI_DATE = rf"(?:{_DAY}\s*)?{_BMONTH}(?:\s*,?\s*{_BYEAR}(?:\s*{_BSAL})?)?{_SUFFIX}"
_HIJRI = _alt("হিজরি")
_HIJRI_DATE = (
    rf"(?:{_DAY}\s*{_HMONTH}(?:\s*,?\s*{_HYEAR}(?:\s*{_HIJRI})?)?|{_HYEAR}\s*{_HIJRI}){_SUFFIX}"
)
_BRACKET_DATE = rf"\s*\(\s*(?:{_DAY}\s*{_MONTH}(?:\s*,?\s*{_YEAR})?|{_NUMERIC})\s*\)"
_DAY_WORD = (
    rf"(?:{_REL}(?:\s+{_WEEKDAY})?|{_QUAL}\s+{_WEEKDAY}|{_WEEKDAY}){_SUFFIX}"
    rf"(?:{_BRACKET_DATE}|\s*,\s*{_DAY}\s*{_ANY_MONTH}(?:\s*,?\s*{_YEAR})?)?"  # রোববার, ১০ সেপ্টেম্বর
    rf"(?:{_TIME}|{_PART_AFTER})?"
)
_RELATIVE_PERIOD = rf"{_QUAL}\s+{_UNIT}{_SUFFIX}"
_AGO = rf"{_COUNT}\s*{_UNIT}\s+{_alt('আগে', 'আগেই')}"

# The words each pattern cannot match without (any one of them). A pattern scans the whole
# text and most sentences hold no month name, so a pattern whose words are absent is not
# tried: seven searches instead of seventeen scans, the output the same. The standard
# library's engine finds plain alternations ~3x faster than V1; Latin names need \p{L}.
_NEEDS: dict[str, re.Pattern | regex.Pattern] = {
    "digit": re.compile(_D),
    "month": re.compile(_MONTH),
    "emonth": regex.compile(_EMONTH, flags=regex.V1),
    "bmonth": re.compile(_BMONTH),
    "hijri": re.compile(rf"{_HMONTH}|{_HIJRI}"),
    "day": re.compile(rf"{_REL}|{_WEEKDAY}"),
    "unit": re.compile(_UNIT),
}
_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("day_month_year", _ISO, ("digit",)),
    ("day_month_year", _TIME_FIRST, ("month", "emonth")),
    ("day_month_year", _MONTH_DAY_EN, ("emonth",)),
    ("day_month_year", _DAY_MONTH_EN, ("emonth",)),
    ("numeric", rf"{_NUMERIC}(?:{_TIME}|{_PART_AFTER})?", ("digit",)),
    ("year_day_month", _YEAR_SAL_DAY_MONTH, ("month",)),
    ("relative_year", _RELATIVE_YEAR_DATE, ("month",)),
    ("day_month_year", _DAY_MONTH_YEAR, ("month",)),
    ("month_year", _MONTH_YEAR, ("month", "emonth")),
    ("bengali", _BENGALI_DATE, ("bmonth",)),
    ("hijri", _HIJRI_DATE, ("hijri",)),
    ("day_word", _DAY_WORD, ("day",)),
    ("ago", _AGO, ("unit",)),
    ("relative_period", _RELATIVE_PERIOD, ("unit",)),
    ("month", _QUAL_MONTH, ("month",)),
    ("month", _BARE_MONTH, ("month",)),
    ("year", _YEAR_ONLY, ("digit",)),
)
_COMPILED = tuple(
    (kind, regex.compile(rf"{_NB}(?:{pat}){_NA}", flags=regex.V1), needs)
    for kind, pat, needs in _PATTERNS
)
# Month names that are also ordinary words need context: মে ("may"), মার্চ ("march").
_AMBIGUOUS_BARE = {normalize(w).text for w in ("মে", "মার্চ")}
# মে + য়ে/য় is মেয়ে ("girl", "daughter"), never "in May": তাঁর দুই মেয়ে, ২ মেয়ে
_MAY = normalize("মে").text
_GIRL_ENDING = normalize("য়").text


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    kind: str
    parts: dict[str, str]


def find_dates(text: str) -> list[DateMatch]:
    """Non-overlapping date expressions in ``text``, longest match first."""
    present = {name for name, words in _NEEDS.items() if words.search(text)}
    if not present:
        return []
    found: list[DateMatch] = []
    for kind, pattern, needs in _COMPILED:
        if present.isdisjoint(needs):
            continue
        for m in pattern.finditer(text, overlapped=False):
            parts = {k: v for k, v in m.groupdict().items() if v is not None}
            if parts.get("month") == _MAY and text.startswith(_GIRL_ENDING, m.end("month")):
                continue
            if (
                kind == "month"
                and parts.get("month") in _AMBIGUOUS_BARE
                and m.group(0) in _AMBIGUOUS_BARE
            ):
                continue
            found.append(DateMatch(m.start(), m.end(), kind, parts))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    chosen: list[DateMatch] = []
    for d in found:
        if all(d.end <= c.start or d.start >= c.end for c in chosen):
            chosen.append(d)
    return sorted(chosen, key=lambda d: d.start)
