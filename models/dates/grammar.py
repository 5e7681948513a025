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

from banglaner.models.dates.named import (
    ABOUT_ONE,
    CENTURY_ORDINALS,
    DAY_WORDS,
    DECADE_WORDS,
    FIXED_DAYS,
    FRACTIONS,
    HALVES,
    LUNAR,
    MOVABLE_DAYS,
    NAMED_MONTHS,
    OCCASION_NOUNS,
    PERIOD_PARTS,
    WEEK_ORDINALS,
)
from banglaner.models.dates.tense import sentence_of, tense
from banglaner.models.lang.bn.endings import DATE_ENDINGS, PARTICLES
from banglaner.models.normalize import normalize


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
    11: ("ফাল্গুন", "ফাগুন", "ফালগুন"),
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
    "গত কাল": -1,
    "আগামীকাল": 1,
    "আগামী কাল": 1,
    "গত পরশু": -2,
    "আগামী পরশু": 2,
    "পরশু": 2,
}
LAST_NIGHT = "গত"
QUALIFIERS: dict[str, int] = {"গত": -1, "বিগত": -1, "আগামী": 1, "চলতি": 0, "এই": 0, "এ": 0}
HOUR_WORDS: dict[str, int] = {
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
    "পনেরো": 15,
    "বিশ": 20,
    "পঁচিশ": 25,
    "ত্রিশ": 30,
    "চল্লিশ": 40,
    "পঞ্চাশ": 50,
    "ষাট": 60,
    "সত্তর": 70,
    "একশ": 100,
}

_NB = r"(?<![\p{L}\p{M}\p{N}])"  # no word character before
_NA = r"(?![\p{L}\p{M}\p{N}])"  # no word character after
_D = r"[0-9০-৯]"
# Case endings and particles a date word may carry: সেপ্টেম্বরে, বুধবারের, ২০২৪-এর, সালেই.
_SUFFIX = r"(?:-?" + _alt(*DATE_ENDINGS) + r")?" + _alt(*PARTICLES) + "?"
_DAY_SUFFIX = _alt("ই", "লা", "রা", "ঠা", "শে", "এ", "তম") + "?"

_MONTH = "(?P<month>" + _alt(*(w for ws in MONTHS.values() for w in ws)) + ")"
_MONTH2 = "(?P<month2>" + _alt(*(w for ws in MONTHS.values() for w in ws)) + ")"
# -মার্চ in জানুয়ারি-মার্চ: the month that ends a compact range of months (docs/annotation.md:
# a compact range is one DATE); the dash on the same line
_DASH = r"[^\S\n]*(?P<dash>[-–])[^\S\n]*"
_TO_MONTH = rf"(?:{_DASH}{_MONTH2})?"
_EMONTH = "(?P<month>" + _latin(ENGLISH_MONTHS) + ")"
_ANY_MONTH = "(?:" + _MONTH + "|" + _EMONTH + ")"
_EWEEKDAY = "(?P<weekday>" + _latin(ENGLISH_WEEKDAYS) + ")"
_BMONTH = "(?P<bmonth>" + _alt(*(w for ws in BENGALI_MONTHS.values() for w in ws)) + ")"
_HMONTH = "(?P<hmonth>" + _alt(*(w for ws in HIJRI_MONTHS.values() for w in ws)) + ")"
_WEEKDAY = "(?P<weekday>" + _alt(*(w for ws in WEEKDAYS.values() for w in ws)) + ")"
# গত before রাত is yesterday (গত রাতে, গত রাত ১০টায়: last night), before any other word a
# qualifier (গত সপ্তাহে)
_REL = "(?P<rel>" + _alt(*RELATIVE_DAYS) + rf"|{_alt(LAST_NIGHT)}(?=\s+{_alt('রাত')})" + ")"
_QUAL = "(?P<qual>" + _alt(*QUALIFIERS) + ")"
_DAY = rf"(?P<day>(?:[0-3]?[0-9]|[০-৩]?[০-৯]){_DAY_SUFFIX}|" + _alt(*DAY_WORDS) + ")"
_EDAY = r"(?P<day>[0-3]?[0-9]|[০-৩]?[০-৯])(?i:st|nd|rd|th)?"
_YEAR = rf"(?P<year>(?:1[89]|20|১[৮৯]|২০){_D}{{2}})"
_Y4 = rf"(?:1[0-9]|20|১[০-৯]|২০){_D}{{2}}"  # any year of 1000–2099, where a word says it is one
_BYEAR = rf"(?P<byear>(?:1[0-4]|১[০-৪]){_D}{{2}})"
_HYEAR = rf"(?P<hyear>(?:1[34]|১[৩৪]){_D}{{2}})"
_SAL = _alt("সাল", "সন", "খ্রিস্টাব্দ", "খ্রিষ্টাব্দ", "খ্রীষ্টাব্দ", "খ্রীস্টাব্দ", "ইং")
_BSAL = _alt("বঙ্গাব্দ", "বাঙ্গাব্দ", "বাংলা সন", "সন")
# (বেলা, daytime, only before a clock: বেলা ১১টায়; alone it is vague, বেলা গড়িয়ে)
_PARTS_OF_DAY = (
    "সকাল", "দুপুর", "বিকেল", "বিকাল", "শেষ বিকেল", "সন্ধ্যা", "রাত", "ভোর", "রাতভর", "দিনভর",
    "গভীর রাত", "মধ্যরাত", "ভোররাত", "ভোর রাত", "শেষ রাত",
)  # fmt: skip
# শুক্রবার বাদ জুমা, মঙ্গলবার বাদ আছর: after a prayer, as funerals and rallies are timed
_AFTER_PRAYER = _alt(
    *(f"বাদ {p}" for p in ("জুমা", "জুম্মা", "জোহর", "যোহর", "আছর", "আসর", "মাগরিব", "এশা", "ইশা", "ফজর"))
)
_AMPM = rf"(?P<ampm>{_alt('পিএম', 'এএম')}|(?i:[ap]\.?m\.?)(?![\p{{L}}]))"
_ZONE = r"(?:\s*(?:Z|(?i:GMT|UTC|BST)(?![\p{L}])|[+-]\d{2}:?\d{2}))"
# ০৬:৪২ পিএম, 10:30:00 +0600, রাত ১০টায়, 0930 hrs — hour, minute, optional seconds
_HOUR_WORD = (
    rf"(?:(?P<frac>{_alt('সাড়ে', 'পৌনে', 'সোয়া')})\s+)?"
    rf"(?P<hour>{_D}{{1,2}}|{_alt(*HOUR_WORDS)})\s*{_alt('টায়', 'টার', 'টা', 'টে')}"
    rf"(?:\s*(?P<minute>{_D}{{1,2}})\s*{_alt('মিনিটে', 'মিনিট')})?"  # ১০টা ৩০ মিনিটে
)
_CLOCK = (
    rf"(?:(?P<hour>{_D}{{1,2}})[:.](?P<minute>{_D}{{2}})(?::(?P<second>{_D}{{2}}))?"
    rf"(?:\s*{_AMPM})?{_ZONE}?"
    rf"|(?P<hour>{_D}{{2}})(?P<minute>{_D}{{2}})\s*(?i:hrs|hours)(?![\p{{L}}])"
    rf"|{_HOUR_WORD})"
)
# সোমবার দিবাগত রাত ২টায়: the night that follows the day, its small hours the next day's
_TIME = (
    rf"(?:\s*,?\s*(?i:at\s+)?(?:(?P<overnight>{_alt('দিবাগত')})\s+)?"
    rf"(?:(?P<part>{_alt(*_PARTS_OF_DAY, 'বেলা')}){_alt('ে', 'য়')}?\s*)?"
    rf"{_CLOCK}(?:\s*{_alt('মিনিটে', 'টায়', 'টা')})?)"
)
# ৩ নভেম্বর রাতে: a part of day after a date is inside it (docs/annotation.md)
_PART_AFTER = (
    rf"(?:\s+(?:(?P<after>{_alt(*_PARTS_OF_DAY)}){_alt('ে', 'য়', 'ের', 'র')}?{_alt('ই')}?"
    rf"|{_AFTER_PRAYER})(?![\p{{L}}\p{{M}}]))"
)
# a count of things, not a day or year: ২০০০-৩০০০ টাকা, এপ্রিল ১৭ জন
_COUNTED = _alt("টাকা", "জন", "টি", "কোটি", "লাখ", "হাজার", "মিটার", "কিলোমিটার", "ফুট", "টন", "রান")
_UNIT = "(?P<unit>" + _alt("দিন", "সপ্তাহ", "মাস", "বছর") + ")"
_COUNT = rf"(?P<n>{_D}{{1,3}}|" + _alt(*NUMBER_WORDS, *FRACTIONS) + ")"

# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy — not inside a code (BD-03-11-2025-0047)
_IN_CODE_BEFORE = r"(?<![\p{L}\p{N}][\-/.])"
_IN_CODE_AFTER = r"(?![\-/.][\p{L}\p{N}])"
_NUMERIC = (
    rf"{_IN_CODE_BEFORE}(?P<day>{_D}{{1,2}})[/.\-](?P<nmonth>{_D}{{1,2}})[/.\-]"
    rf"(?P<year>{_D}{{4}}|{_D}{{2}}){_IN_CODE_AFTER}"
)

_MAS = _alt("মাস")
# সেদিন ৬ আগস্ট সোমবার: the day named after it gives the value
_ALEAD = _alt("সেদিন", "এদিন", "ওইদিন", "ঐদিন")
_BOCHHOR = _alt("বছর")
# ১০ সেপ্টেম্বর ২০২৩ রোববার, ০৬:৪২ পিএম — the weekday after a date is checked against it
_DAY_MONTH_YEAR = (
    rf"(?:{_ALEAD}\s+)?(?:{_QUAL}\s+)?{_DAY}\s*-?\s*{_MONTH}"
    rf"(?:\s*,?\s*{_YEAR}(?:\s*{_SAL})?)?{_SUFFIX}{_NA}"
    rf"(?:\s*,?\s*{_WEEKDAY}{_SUFFIX}{_NA})?(?:{_TIME}|{_PART_AFTER})?"
)
# ১২-১৩ ডিসেম্বর, ২৯–৩০ জানুয়ারি ২০২৪: the days of one month as one span (karim2019 prints
# the hyphen as a space: ১ ৭ জুলাই)
_DAY_RANGE = (
    rf"{_DAY}(?:\s*[-–]\s*|\s+)(?P<day2>[০-৩]?[০-৯]|[0-3]?[0-9]){_DAY_SUFFIX}\s*{_MONTH}"
    rf"(?:\s*,?\s*{_YEAR}(?:\s*{_SAL})?)?{_SUFFIX}"
)
# ১২ ও ১৩ ডিসেম্বর, ১২ থেকে ১৫ ডিসেম্বর: a day whose month (and year) a later day of the
# list gives; each day its own span
_DAY_LISTED = (
    rf"{_DAY}(?=(?:\s*,\s*{_D}{{1,2}}{_DAY_SUFFIX})*\s+{_alt('ও', 'এবং', 'বা', 'থেকে')}\s+"
    rf"{_D}{{1,2}}{_DAY_SUFFIX}\s*{_MONTH}(?:\s*,?\s*{_YEAR})?{_NA})"
)
# Latin script and mixed, as bylines print them: Nov 3, 2025; Monday, November 3, 2025
# 10:30 AM; 3rd November 2025; ৩ Nov ২০২৫; Mon, 03 Nov 2025 10:30:00 +0600
_LATIN_WEEKDAY = rf"(?:{_EWEEKDAY}\s*,?\s*)?"
_LATIN_YEAR = rf"(?:\s*,?\s*{_YEAR})?"
_MONTH_DAY_EN = rf"{_LATIN_WEEKDAY}{_EMONTH}\s*{_EDAY}{_LATIN_YEAR}(?:{_TIME}|{_PART_AFTER})?"
_DAY_MONTH_EN = rf"{_LATIN_WEEKDAY}{_EDAY}\s+{_EMONTH}{_LATIN_YEAR}(?:{_TIME}|{_PART_AFTER})?"
_MONTH_YEAR_EN = rf"{_EMONTH}\s*,?\s*{_YEAR}"
# নভেম্বর ৩ ১৯৪৫ (Wikipedia's lifespans): a Bengali month, its day, then the year
_MONTH_DAY_YEAR = rf"{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR}{_SUFFIX}"
# 2025-11-03, 2025-11-03 10:30, 2025-11-03T10:30:00+06:00
_ISO = (
    rf"{_IN_CODE_BEFORE}(?P<year>{_D}{{4}})-(?P<nmonth>{_D}{{2}})-(?P<day>{_D}{{2}})"
    rf"(?:(?:T|\s+)(?P<hour>{_D}{{2}}):(?P<minute>{_D}{{2}})(?::(?P<second>{_D}{{2}}))?{_ZONE}?)?"
    rf"{_IN_CODE_AFTER}"
)
# the clock first: 10:30 AM, Nov 3, 2025; ১০:৩০ পিএম, ০৩ নভেম্বর ২০২৫
_TIME_FIRST = rf"{_CLOCK}\s*,\s*(?:{_EMONTH}\s*{_EDAY}|{_DAY}\s*{_ANY_MONTH})\s*,?\s*{_YEAR}"
_YEAR_SAL_DAY_MONTH = (
    rf"{_YEAR}\s*(?:{_SAL}{_SUFFIX}|-?\s*{_alt('এর', 'র')})\s+"
    rf"(?:{_DAY}\s*{_MONTH}|{_MONTH}\s+{_DAY}(?!\s*{_COUNTED}))"  # ১৯২৯ সালের এপ্রিল ১৭
    rf"{_SUFFIX}(?:{_TIME}|{_PART_AFTER})?"
)
_MONTH_YEAR = (
    # (not the first year of a pair: মার্চ ২০২২-২৩ অর্থবছরে)
    rf"(?:{_QUAL}\s+)?{_MONTH}{_TO_MONTH}\s*,?\s*{_YEAR}(?!\s*[-–/]\s*{_D})(?:\s*{_SAL})?{_SUFFIX}"
    rf"|{_MONTH_YEAR_EN}"
    rf"|{_YEAR}\s*{_SAL}{_SUFFIX}\s+{_MONTH}{_TO_MONTH}(?:\s+{_MAS})?{_SUFFIX}"  # ২০২৩ সালের জুলাইয়ে
    # ২০০২ এর মার্চে
    rf"|{_YEAR}\s*-?\s*{_alt('এর', 'র')}\s+{_MONTH}{_TO_MONTH}(?:\s+{_MAS})?{_SUFFIX}"
)
# চলতি বছরের জানুয়ারিতে, গত বছরের ১৫ আগস্ট
_RELATIVE_YEAR_DATE = (
    rf"(?:{_QUAL}|(?P<anaph>{_alt('ওই', 'ঐ', 'সেই', 'সে', 'আগের', 'পরের')}))\s+{_BOCHHOR}{_SUFFIX}"
    rf"\s+(?:{_DAY}\s*{_MONTH}|{_MONTH}{_TO_MONTH})(?:\s+{_MAS})?{_SUFFIX}"
)
_QUAL_MONTH = rf"(?:{_QUAL}\s+)?{_MONTH}(?:\s+{_MAS}){_SUFFIX}"
# অক্টোবর-নভেম্বরে, অক্টোবর নভেম্বরে (the hyphen stripped): two months as one stretch
_MONTH_RANGE = rf"(?:{_QUAL}\s+)?{_MONTH}(?:{_DASH}|\s+){_MONTH2}(?:\s+{_MAS})?{_SUFFIX}"
_BARE_MONTH = rf"(?:{_QUAL}\s+)?{_MONTH}{_SUFFIX}"
_YEAR_ENDING = _alt("এর", "এ", "তে", "য়")  # and র, a count's as often: ২০২৪র, ২০০০র বেশি
# ১৯৯০ থেকে, ২০২২ বিশ্বকাপে, ২০০৮ ইউরো: a bare year is read only before a word that makes it
# one, a range word or an event held in a year (and এ written apart, as karim2019 prints
# ১৭৮৯-এ with its hyphen stripped)
_TOURNAMENT = _alt("বিশ্বকাপ", "অলিম্পিক", "ইউরো", "এশিয়া কাপ", "গেমস")
_YEAR_CUE = (
    _alt("থেকে", "পর্যন্ত", "অবধি", "নাগাদ", "এর", "এ")
    + "|"
    + _alt("নির্বাচন", "মৌসুম", "আসর", "বাজেট")
    + _SUFFIX
    # a film's year after its title: … সনম ১৯৯৯ ছবিতে (a case ending: ২০০০ ছবি is a count)
    + "|"
    + _alt("ছবি", "চলচ্চিত্র", "সিনেমা")
    + _alt("তে", "র", "টিতে", "টির", "য়", "ে")
    # a tournament, its organiser's or host's name maybe between: ২০১০ ফিফা বিশ্বকাপে
    + rf"|(?:[\p{{L}}\p{{M}}]+\s+)?{_TOURNAMENT}{_SUFFIX}"
)
# or before a list or range another year that সাল follows completes, whatever its case
# ending: ১৯৯৮ ও ২০০০ সালে, ১৯৯৬, ২০০১ ও ২০০৮ সালে, ১৭৫০ থেকে ১৮৫৯ সালের মধ্যে, and the
# list as karim2019 prints it, its commas stripped: ১৯৯৬ ১৯৯৮ ১৯৯৯ সালে
_YEAR_PAIRED = (
    rf"(?=(?:\s*,?\s*{_D}{{4}})*\s*,?\s+(?:{_alt('ও', 'এবং', 'বা', 'থেকে')}\s+)?"
    rf"{_D}{{4}}\s*{_SAL}{_SUFFIX}{_NA})"
)
# ২০০০ এর বেশি মানুষ: a count compared, not a year
_COMPARED = _alt(
    "বেশি", "বেশী", "কম", "অধিক", "ঊর্ধ্বে", "উর্ধ্বে", "মতো", "মত", "চেয়ে", "চাইতে",
    "ওপরে", "উপরে", "ওপর", "উপর", "কাছাকাছি", "কিছু",
)  # fmt: skip
_NOT_MORE = rf"(?!\s+{_COMPARED}{_NA})"
# a law or order and the year it was made: ডিজিটাল নিরাপত্তা আইন ২০১৮, আদেশ, ১৯৭২
_ENACTED = _alt("আইন", "আদেশ", "অধ্যাদেশ", "বিধিমালা", "নীতিমালা", "বিধি")
# a word before a number that counts or prices something: মোট আক্রান্ত ১৯৮৫, দাম ১৮৫০
_COUNT_CUE = _alt(
    "নম্বর", "নং", "নাম্বার", "মোট", "নিহত", "আহত", "আক্রান্ত", "মৃত", "মৃতের", "দাম", "মূল্য",
    "সংখ্যা", "বেড়ে", "কমে", "ছাড়াল", "ছাড়িয়েছে", "দাঁড়াল", "দাঁড়িয়েছে", "রান", "টাকা",
)  # fmt: skip
# ২০২০ সালটা, ২০২০ সালটি: সাল with a classifier
_CLASSIFIER = _alt("টা", "টি")
_SAL_WORD = rf"{_SAL}{_CLASSIFIER}?{_SUFFIX}"
_YEAR_ONLY = (
    rf"(?:{_QUAL}\s+)?{_IN_CODE_BEFORE}"
    rf"(?:{_YEAR}(?:\s*{_SAL_WORD}|[-–'’]?(?:{_YEAR_ENDING}|র{_NOT_MORE})"
    rf"|\s+{_alt('এর', 'এ')}{_SUFFIX}{_NA}{_NOT_MORE}"
    rf"|(?=\s+(?:{_YEAR_CUE}){_NA}{_NOT_MORE}))"
    rf"|(?<={_ENACTED}\s*,?\s){_YEAR}"
    # ইউরো ২০২০, আইপিএল ২০২০ ফাইনালে: an event's edition named by its year
    rf"|(?<=(?:{_TOURNAMENT}|{_alt('আইপিএল', 'বিপিএল', 'কোপা আমেরিকা')})\s){_YEAR}"
    rf"(?:[-–]?{_YEAR_ENDING})?{_NA}(?!\s*{_COUNTED})"
    rf"|(?P<year>{_Y4})(?:\s*{_SAL_WORD}|{_YEAR_PAIRED})"  # ১৬৩২ সালে: any year সাল makes one
    # ৭১ সালে, ৬২ সালের: two digits সাল makes a year (not the end of a range: ২০০৫- ০৬ সালে)
    rf"|(?<!{_D}\s*[-–/.]?\s*)(?P<year>{_D}{{2}})\s*{_SAL_WORD}"
    # ঢাকা অ্যাটাক ২০১৭, জোকোভিচের স্মরণীয় ২০১৫: a year that ends a headline, a line of at
    # most eight words (not a number's, a count's or a list's: আপিল নম্বর ২০৬২, নিহত ২০০০)
    rf"|(?<=(?:^|\n)[^\S\n]*(?:\S+[^\S\n]+){{1,7}})(?<!(?:{_COUNT_CUE}|{_D}|[,.:/])\s*)"
    rf"{_YEAR}(?=[ \t]*[।?!]?[ \t]*(?:\n|$)))"
)
# ২০০-৭০০ খ্রিস্টপূর্বাব্দে, খ্রিস্টপূর্ব ৪০ অব্দ: before the common era (value null)
_BCE_WORD = _alt("খ্রিস্টপূর্বাব্দ", "খ্রিস্টপূর্ব", "খ্রিপূ", "খ্রি.পূ.", "খ্রীস্টপূর্ব")
_BCE_NUM = rf"{_D}{{1,4}}(?:\s*[-–]\s*{_D}{{1,4}})?"
_BCE = (
    rf"(?:(?P<approx>{_alt('আনু', 'আনুমানিক')})\s+)?{_BCE_NUM}\s*{_BCE_WORD}{_SUFFIX}"
    rf"|{_BCE_WORD}\s+{_BCE_NUM}(?:\s*{_alt('অব্দ')})?{_SUFFIX}"
)
_BENGALI_DATE = (
    rf"(?:{_QUAL}\s+)?(?:{_DAY}\s*)?{_BMONTH}(?:\s+{_MAS})?(?:\s*,?\s*{_BYEAR}(?:\s*{_BSAL})?)?"
    rf"{_SUFFIX}{_PART_AFTER}?"
    # বাংলা ১৩৩৬ ১ বৈশাখ, ১৩৮২ সালের ১লা বৈশাখ: the Bengali year first
    rf"|(?:{_alt('বাংলা')}\s+)?{_BYEAR}\s*(?:(?:{_BSAL}|{_SAL}){_SUFFIX}\s+)?{_DAY}\s*{_BMONTH}"
    rf"{_SUFFIX}"
    rf"|{_BYEAR}\s*{_BSAL}{_SUFFIX}\s+{_BMONTH}(?:\s+{_MAS})?{_SUFFIX}"  # ১৪২৯ বঙ্গাব্দের চৈত্রে
    rf"|{_BYEAR}\s*{_BSAL}{_SUFFIX}"  # ১৪৩০ বঙ্গাব্দে: the whole Bengali year
)
_HIJRI = _alt("হিজরি")
_HIJRI_DATE = (
    rf"(?:{_DAY}\s*{_HMONTH}(?:\s*,?\s*{_HYEAR}(?:\s*{_HIJRI})?)?|{_HYEAR}\s*{_HIJRI}){_SUFFIX}"
)
_BRACKET_DATE = rf"\s*\(\s*(?:{_DAY}\s*{_MONTH}(?:\s*,?\s*{_YEAR})?|{_NUMERIC})\s*\)"
# কাল is also "time", "era" and "doom": not after a word that makes it one (দীর্ঘ কাল,
# প্রাচীন কাল, করোনা কাল, আজ কাল), nor before one (কাল টাকা, কাল বৈশাখী, কাল বিলম্ব না করে,
# তার কাল হলো)
_KAL_TIME_BEFORE = (
    "দীর্ঘ", "অনেক", "বহু", "কিছু", "সেই", "এক", "সে", "ওই", "যে", "আজ", "প্রাচীন", "অতীত",
    "বর্তমান", "ভবিষ্যৎ", "আধুনিক", "অনন্ত", "যুগ", "করোনা", "শীত", "বর্ষা", "মেয়াদ", "শাসন",
)  # fmt: skip
_KAL_NOT_DAY_AFTER = (
    "টাকা", "টাকার", "বৈশাখী", "বৈশাখীর", "বৈশাখীতে", "সাপ", "মেঘ", "বিলম্ব", "হলো", "হল",
    "হয়ে", "কেউটে",
)  # fmt: skip
_DAY_WORD = (
    rf"(?:{_ALEAD}\s+)?(?:{_REL}(?:\s+{_WEEKDAY})?|(?:{_QUAL}|(?P<kal>{_alt('কাল')}))\s+{_WEEKDAY}"
    rf"|{_WEEKDAY}){_SUFFIX}"
    rf"(?:{_BRACKET_DATE}|\s*,?\s*{_DAY}\s*{_ANY_MONTH}(?:\s*,?\s*{_YEAR})?)?"  # রোববার, ১০ সেপ্টেম্বর
    rf"(?:{_TIME}|{_PART_AFTER})?"
    # কাল alone: tomorrow or yesterday as the verb says (find_dates asks it), not after a
    # word that makes it "time" (দীর্ঘ কাল) or before one that makes it "black" (কাল টাকা)
    rf"|(?<!(?<![\p{{L}}\p{{M}}]){_alt(*_KAL_TIME_BEFORE)}\s)(?P<kal>{_alt('কাল')})"
    rf"(?!\s+{_alt(*_KAL_NOT_DAY_AFTER)}(?![\p{{L}}\p{{M}}]))"
    rf"(?:{_TIME}|{_PART_AFTER})?"
)
# এ বছর, গত মাসে, গতবছর; ওই বছর, পরের বছর (anaphoric: the year the text names before it);
# এদিন, সেদিন (a day named only by its place in the story)
_ANAPH_WORDS = (  # + বছর, মাস
    "ওই", "ঐ", "সেই", "সে", "আগের", "পরের", "একই", "পরবর্তী", "ওই একই", "ঐ একই", "সেই একই",
)  # fmt: skip
_ANAPH = "(?P<anaph>" + _alt(*_ANAPH_WORDS) + ")"
# নতুন বছর alone is the occasion (নতুন বছরকে বরণ); its start or end is a time
_ANAPH_OR_NEW = "(?P<anaph>" + _alt(*_ANAPH_WORDS, "নতুন") + ")"
_PMOD = "(?P<pmod>" + _alt(*PERIOD_PARTS) + ")"
_RELATIVE_PERIOD = (  # ওই সালেই: সাল after an anaphoric word is its year
    # এই সপ্তাহের শুরুতে, গত সপ্তাহের শেষে: a part of a week
    rf"{_QUAL}\s*(?P<unit>{_alt('সপ্তাহ')}){_SUFFIX}\s+{_PMOD}"
    # গত বছরটি: a classifier (not on দিন: এ দিনটি is the day the text speaks of)
    rf"|(?:{_QUAL}\s*|{_ANAPH}\s+){_UNIT}(?:(?<!{_alt('দিন')}){_CLASSIFIER})?{_SUFFIX}"
    rf"|{_ANAPH}\s+(?P<unit>{_alt('সাল')}){_SUFFIX}"
    # নতুন বছরটি: the year just begun, named with a classifier (নতুন বছরকে বরণ: the occasion)
    rf"|(?P<anaph>{_alt('নতুন')})\s+(?P<unit>{_alt('বছর')}){_CLASSIFIER}{_SUFFIX}"
)
# (পরদিন, আগের দিন are counted from an event: not DATEs, ANNOTATION.md's event-relative spans)
_ADAY = "(?P<aday>" + _alt("সেদিন", "এদিন", "ওইদিন", "ঐদিন", "সেই দিন", "ওই দিন") + ")"
_ANAPHORIC_DAY = rf"{_ADAY}{_SUFFIX}{_PART_AFTER}?"
_AGO_WORD = _alt("আগে", "আগেই", "আগেও", "আগের")  # বিশ বছর আগের খেলা: of twenty years ago
_AGO = (  # গত written before it too: গত এক সপ্তাহ আগে
    rf"(?:{_alt('গত')}\s+)?(?:(?P<approx>{_alt('প্রায়')})\s+)?(?:(?P<plus_half>{_alt('সাড়ে')})\s+)?"
    rf"{_COUNT}\s*{_UNIT}\s+{_AGO_WORD}"
    rf"|(?P<about>{_alt(*ABOUT_ONE)})\s+{_AGO_WORD}"
)
# ২০০৮-০৯ সালে, ১৯৭১-৭৫, ১৭৩৬-১৮১৯: one compact range (not a count: ২০০০-৩০০০ টাকা)
_YEAR_PAIR = (
    rf"(?<!{_D}[\-/.])(?P<year>{_Y4})\s*[-–/]\s*(?P<year2>{_D}{{4}}|{_D}{{2}})"
    rf"(?!{_D}|[\-/.]{_D})"
)
# ৭৪/৭৫ সালে: a season's two years in two digits each, where সাল says they are years
_SHORT_PAIR = rf"(?<!{_D}[\-/.]?)(?P<year>{_D}{{2}})\s*[-–/]\s*(?P<year2>{_D}{{2}})(?!{_D})"
# ১৮৪৫ ১৯০৮: a lifespan's two years as karim2019 prints it, the hyphen stripped (no third
# number beside them: a list of years is not a range)
_SPACED_PAIR = (
    rf"(?<!{_D}[\-/. \u00a0])(?P<year>{_Y4})[ \u00a0](?P<year2>{_Y4})(?![\-/. \u00a0]?{_D})"
)
_YEAR_RANGE = (
    rf"{_YEAR_PAIR}(?:\s*{_SAL}{_SUFFIX}|(?!\s*{_COUNTED}))|{_SHORT_PAIR}\s*{_SAL}{_SUFFIX}"
    rf"|{_SPACED_PAIR}(?:[ \u00a0]*{_SAL}{_SUFFIX}|(?!\s*{_COUNTED}))"
)
# Bangladesh's fiscal year (July to June): ২০২২-২৩ অর্থবছরে, গত অর্থবছরে, চলতি অর্থবছরের প্রথমার্ধে
_FQUAL = "(?P<fqual>" + _alt(
    "গত", "বিগত", "চলতি", "আগামী", "এ", "এই", "ওই", "ঐ", "সদ্য সমাপ্ত", "সদ্যসমাপ্ত", "আগের", "এর আগের",
    "পরের", "সর্বশেষ", "বর্তমান", "আসন্ন", "নতুন", "পরবর্তী", "বিদায়ী",
) + ")"  # fmt: skip
# ২০১৮-১৯ অর্থবছরে also as karim2019 prints it: ২০১৮ ১৯, or cut at the hyphen: ১৯ অর্থবছরে
_FISCAL = (
    rf"(?:{_FQUAL}\s+|{_YEAR_PAIR}\s*(?:{_SAL}{_SUFFIX}\s+)?|(?P<fyear>{_Y4})\s*(?:{_SAL}{_SUFFIX})?\s+"
    rf"|(?:{_Y4}\s+)?(?P<fyear2>{_D}{{2}})\s+)"
    rf"{_alt('অর্থবছর', 'অর্থ বছর')}"
    # its half, or a range of its months (গত অর্থবছরের জুলাই-মার্চ সময়ে: not a month alone,
    # which a week or part of it may follow, nor after অর্থবছরে, "up to March" as often)
    rf"(?:{_SUFFIX}\s+(?P<half>{_alt(*HALVES)}){_SUFFIX}"
    rf"|{_alt('ের')}\s+{_MONTH}{_DASH}{_MONTH2}(?:\s+{_MAS})?{_SUFFIX}|{_SUFFIX})"
)
# A month, or a year, and a week or part of it: জানুয়ারির প্রথম সপ্তাহের শেষে, জুন মাসের শেষে,
# মার্চের মাঝামাঝি, চলতি মাসের প্রথম সপ্তাহে, চলতি বছরের শুরুতে, ২০২০ শেষে, বছর শেষে
_MONTH_REF = (
    rf"(?:(?:{_QUAL}\s+)?{_MONTH}(?:\s*,?\s*{_YEAR}(?:\s*{_SAL})?)?(?:\s+{_MAS})?"
    rf"|{_YEAR}\s*{_SAL}{_SUFFIX}\s+{_MONTH}(?:\s+{_MAS})?"
    rf"|{_QUAL}\s+(?P<relmonth>{_MAS}))"
)
_WEEK_OF_MONTH = (
    rf"{_MONTH_REF}{_SUFFIX}\s+(?P<nth>{_alt(*WEEK_ORDINALS)})\s+{_alt('সপ্তাহ')}{_SUFFIX}"
    rf"(?:\s+{_PMOD})?"
)
_MONTH_PART = rf"{_MONTH_REF}{_SUFFIX}\s+{_PMOD}"
_YEAR_PART = (
    rf"(?:{_YEAR}(?:\s*{_SAL}|\s+(?={_alt('এর')}))?"  # ২০০৭ এর শেষের দিকে: এর written apart
    rf"|(?:{_QUAL}|{_ANAPH_OR_NEW})\s+{_BOCHHOR}|(?P<bare>{_BOCHHOR}))"
    rf"{_SUFFIX}\s+{_PMOD}"
)
# আশির দশকে, ১৯৭০-এর দশকের শুরুতে; ১৩শ শতকে, অষ্টম শতাব্দীর
_DECADE_YEAR = r"[৩-৯]০|[3-9]0"  # ৯০ এর দশকে: two digits are the 1900s
_DECADE_OF = rf"\s*-?\s*{_alt('এর', 'র', 'এ')}?\s*{_alt('দশক')}{_SUFFIX}"
_DECADE = (
    rf"(?:(?P<dword>{_alt(*DECADE_WORDS)})"
    rf"|(?P<dyear>{_Y4}|{_DECADE_YEAR}))"
    rf"(?:{_DECADE_OF}(?:\s+{_PMOD})?"
    # ১৯২০ এবং ১৯৩০-এর দশকে: a decade listed before another that দশক completes
    rf"|(?<=[0০])(?=\s+{_alt('ও', 'এবং', 'বা')}\s+(?:{_Y4}|{_DECADE_YEAR}){_DECADE_OF}))"
)
_CENTURY = (
    rf"(?:{_alt('খ্রিস্টীয়', 'খ্রিষ্টীয়')}\s+)?"
    rf"(?P<century>{_D}{{1,2}}(?:{_alt('শ', 'তম', 'শে')})?|{_alt(*CENTURY_ORDINALS)})\s*"
    rf"{_alt('শতক', 'শতাব্দী', 'শতাব্দ')}{_SUFFIX}(?:\s+{_PMOD})?"
)
_NAMED = _alt(*FIXED_DAYS, *MOVABLE_DAYS, *LUNAR, *NAMED_MONTHS)
# বিজয় দিবসে, ঈদের দিন, রমজানে, বিজয়ের মাসে (not when the day is what is celebrated or sold:
# find_dates checks what follows)
_HOLIDAY = (
    rf"(?:(?P<hqual>{_alt('এবার', 'এবারের', 'গত', 'আগামী', 'আসন্ন', 'এই', 'এ')})\s+)?"
    rf"(?:{_alt('মহান')}\s+)?(?P<holiday>{_NAMED}){_SUFFIX}"  # মহান বিজয় দিবসে: the great
    # ঈদের দ্বিতীয় দিন: a day counted within a holiday
    rf"(?:\s+(?:(?P<hnth>{_alt(*WEEK_ORDINALS)})\s+(?=দিন))?"
    rf"(?P<hday>{_alt('দিন', 'মাস')}){_SUFFIX})?{_PART_AFTER}?(?:\s+{_HOUR_WORD})?"
)
_OCCASION_AFTER = regex.compile(rf"\s+{_alt(*OCCASION_NOUNS)}")
_LOCATIVE = tuple(normalize(e).text for e in ("ে", "তে", "য়", "েই", "তেই"))

# The words each pattern cannot match without (any one of them). A pattern scans the whole
# text and most sentences hold no month name, so a pattern whose words are absent is not
# tried: seven searches instead of seventeen scans, the output the same. The standard
# library's engine finds plain alternations ~3x faster than V1; Latin names need \p{L}.
_NEEDS: dict[str, re.Pattern[str] | regex.Pattern[str]] = {
    "digit": re.compile(_D),
    "month": re.compile(_MONTH),
    "emonth": regex.compile(_EMONTH, flags=regex.V1),
    "bmonth": re.compile(rf"{_BMONTH}|{_BSAL}"),
    "hijri": re.compile(rf"{_HMONTH}|{_HIJRI}"),
    "day": re.compile(rf"{_REL}|{_WEEKDAY}|{_alt('কাল')}"),
    "unit": re.compile(rf"{_UNIT}|{_alt(*ABOUT_ONE)}|{_ADAY}|{_alt('সাল')}"),
    "fiscal": re.compile(_alt("অর্থবছর", "অর্থ বছর")),
    "holiday": re.compile(_NAMED),
    "period": re.compile(rf"{_alt('দশক', 'শতক', 'শতাব্দ')}|{_alt(*PERIOD_PARTS)}"),
}
_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("day_month_year", _ISO, ("digit",)),
    ("day_month_year", _TIME_FIRST, ("month", "emonth")),
    ("day_month_year", _MONTH_DAY_EN, ("emonth",)),
    ("day_month_year", _DAY_MONTH_EN, ("emonth",)),
    ("day_month_year", _MONTH_DAY_YEAR, ("month",)),
    ("numeric", rf"{_NUMERIC}(?:{_TIME}|{_PART_AFTER})?", ("digit",)),
    ("fiscal", _FISCAL, ("fiscal",)),
    ("year_range", _YEAR_RANGE, ("digit",)),
    ("week_of_month", _WEEK_OF_MONTH, ("month", "unit")),
    ("month_part", _MONTH_PART, ("period",)),
    ("year_part", _YEAR_PART, ("period",)),
    ("decade", _DECADE, ("period",)),
    ("century", _CENTURY, ("period",)),
    ("holiday", _HOLIDAY, ("holiday",)),
    ("year_day_month", _YEAR_SAL_DAY_MONTH, ("month",)),
    ("relative_year", _RELATIVE_YEAR_DATE, ("month",)),
    ("day_month_year", _DAY_MONTH_YEAR, ("month",)),
    ("day_range", _DAY_RANGE, ("month",)),
    ("day_month_year", _DAY_LISTED, ("month",)),
    ("month_year", _MONTH_YEAR, ("month", "emonth")),
    ("bengali", _BENGALI_DATE, ("bmonth",)),
    ("hijri", _HIJRI_DATE, ("hijri",)),
    ("day_word", _DAY_WORD, ("day",)),
    ("ago", _AGO, ("unit",)),
    ("relative_period", _RELATIVE_PERIOD, ("unit",)),
    ("anaphoric_day", _ANAPHORIC_DAY, ("unit",)),
    ("month_range", _MONTH_RANGE, ("month",)),
    ("month", _QUAL_MONTH, ("month",)),
    ("month", _BARE_MONTH, ("month",)),
    ("year", _YEAR_ONLY, ("digit",)),
    ("bce", _BCE, ("digit",)),
)
_COMPILED = tuple(
    (kind, regex.compile(rf"{_NB}(?:{pat}){_NA}", flags=regex.V1), needs)
    for kind, pat, needs in _PATTERNS
)
# Month names that are also ordinary words need context: মে ("may"), মার্চ ("march").
_AMBIGUOUS_BARE = {normalize(w).text for w in ("মে", "মার্চ")}
# মে + য়ে/য় is মেয়ে ("girl", "daughter"), never "in May": তাঁর দুই মেয়ে, ২ মেয়ে;
_MAY = normalize("মে").text
# and মে + তে is the verb মেতে (আনন্দে মেতে ওঠে: "revel"), "in May" is মে মাসে or মে-তে
_NOT_MAY = tuple(normalize(e).text for e in ("য়", "তে"))


# ১৯৯০ সালের দিকে, প্রায় ২০ বছর আগে: approximate (TimeML mod APPROX), the words inside
_APPROX_AFTER = regex.compile(normalize(r"\s+(?:দিকে|নাগাদ)(?![\p{L}\p{M}])").text)
_APPROX_BEFORE = regex.compile(normalize(r"(?<![\p{L}\p{M}])(?:প্রায়|আনুমানিক)\s+$").text)
_FIXING_BENGALI = frozenset(("day", "byear", "qual"))
_SO_FAR_OR_KAL = regex.compile(normalize(r"\s+(?:অবধি|পর্যন্ত|কাল)(?![\p{L}\p{M}])").text)
_AJ = normalize("আজ").text
_LEADING_NUMBER = regex.compile(r"\d+")
_WEEKLY_BEFORE = regex.compile(
    normalize(
        r"(?<!(?:এ|এই|গত|আগামী|চলতি|ওই|সেই)\s)সপ্তাহের"
        r"(?:\s+[\p{L}\p{M}]+\s*(?:,|ও|এবং))*\s+$"
    ).text
)
_LOOK_BACK = 120  # characters before a date where a frequency word (প্রতি, সপ্তাহে) may stand
_SAID_OF_EVERY_YEAR = frozenset(("month", "month_range", "bengali", "holiday"))
_MONTH_NUMBER = {normalize(w).text: n for n, ws in MONTHS.items() for w in ws}
_BMONTH_WORDS = {normalize(w).text for ws in BENGALI_MONTHS.values() for w in ws}
# রমজান alone may be a name (রমজান আলী); রমজানে, রমজান মাসে is the month
_COUNTED_FROM_AN_EVENT = {normalize(w).text for w in ("আগের", "পরের", "পরবর্তী")}
_DIN = normalize("দিন").text
# নির্বাচনের দুই দিন আগে, ভোটের মাত্র এক সপ্তাহ আগে: counted back from an event the genitive
# names, not from the document date (ANNOTATION.md: event-relative spans are not DATEs)
_EVENT_BEFORE = regex.compile(
    normalize(
        r"(?:[\u09be-\u09cc]|এ)র(?:\s+(?:মাত্র|ঠিক|অন্তত))?"
        # শুরুর দুই থেকে তিন সপ্তাহ আগে, নির্বাচনের দুই-তিন দিন আগে
        r"(?:\s+[\p{N}\p{L}\p{M}]+(?:\s+থেকে\s+|\s*[-–]\s*)|\s+)$"
    ).text
)
_BARE_NAMES = {normalize(w).text for w in ("রমজান", "রমযান")}
# A month or holiday in a sentence about what happens every year is not one point in time
# (docs/annotation.md 4.1: recurring schedules): সাধারণত আশ্বিন মাসে পূজা হয়
_HABITUAL = regex.compile(
    normalize(r"(?<![\p{L}\p{M}])(?:সাধারণত|প্রতি\s?বছর(?!ের মতো)|প্রতি\s?মাসে|বছরে একবার|প্রতিবছরই)").text
)  # (প্রতিবছরের মতো এ বছরও: like every year, this year's)
_EVERY_BEFORE = regex.compile(
    normalize(
        r"(?:প্রতি\s?বছরের|প্রতিবছর|প্রতি\s?মাসের|প্রতি|প্রত্যেক|সপ্তাহে)"
        r"(?:\s+[\p{L}\p{M}]+\s*(?:,|ও|এবং))*\s+$"  # and the next of a list: সপ্তাহে রবিবার ও বুধবার
    ).text
)
# (not হয়: news writes the past passive with it, শ্রদ্ধা জানানো হয়)
_HABITUAL_VERBS = {normalize(w).text for w in ("থাকে", "হতো", "হত", "করত", "করতো")}


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    kind: str
    parts: dict[str, str]


def find_dates(text: str) -> list[DateMatch]:
    """Non-overlapping date expressions in ``text``, longest match first."""
    return scan_dates(text)[0]


def scan_dates(text: str) -> tuple[list[DateMatch], list[DateMatch]]:
    """The date expressions of ``text`` (as :func:`find_dates`) and the matches the
    grammar judged not to be dates (ঈদ শুভেচ্ছা, নির্বাচনের দুই দিন আগে): a tagger's DATE
    on one of those is dropped too (models.dates.merge)."""
    found: list[DateMatch] = []
    vetoed: list[DateMatch] = []
    for d in _candidates(text):
        (found if _plausible(text, d) else vetoed).append(d)
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    chosen: list[DateMatch] = []
    for d in found:
        if all(d.end <= c.start or d.start >= c.end for c in chosen):
            chosen.append(d)
    return [_approximate(text, d) for d in sorted(chosen, key=lambda d: d.start)], vetoed


def _candidates(text: str) -> list[DateMatch]:
    """Every pattern's matches, before the grammar judges them."""
    present = {name for name, words in _NEEDS.items() if words.search(text)}
    if not present:
        return []
    found: list[DateMatch] = []
    for kind, pattern, needs in _COMPILED:
        if present.isdisjoint(needs):
            continue
        for m in pattern.finditer(text, overlapped=False):
            parts = {k: v for k, v in m.groupdict().items() if v is not None}
            if any(
                parts.get(g) == _MAY and text.startswith(_NOT_MAY, m.end(g))
                for g in ("month", "month2")
            ):
                continue
            if (
                kind == "month"
                and parts.get("month") in _AMBIGUOUS_BARE
                and m.group(0) in _AMBIGUOUS_BARE
            ):
                continue
            found.append(DateMatch(m.start(), m.end(), kind, parts))
    return found


def _months_run_forward(d: DateMatch) -> bool:
    """Two months as one stretch: the next month or two (জুলাই-আগস্ট, ডিসেম্বর-জানুয়ারি; two
    month names side by side are a list as often), or any later one where a dash makes a
    range (জুলাই-মার্চ)."""
    first, last = _MONTH_NUMBER[d.parts["month"]], _MONTH_NUMBER[d.parts["month2"]]
    return 1 <= (last - first) % 12 <= (11 if "dash" in d.parts else 2)


def _plausible(text: str, d: DateMatch) -> bool:
    """A compact range runs forward by at most a century (not ১৫০০-১২০০ or a phone
    number); a Bengali month alone, no ending and nothing around it, may be a name (শ্রাবণ)."""
    if d.kind == "year_range":
        first, second = int(_digits(d.parts["year"])), int(_digits(d.parts["year2"]))
        if second < 100:
            second += first // 100 * 100 + (100 if second <= first % 100 else 0)
        return first < second <= first + 100
    if "month2" in d.parts and not _months_run_forward(d):
        return False
    if d.kind == "century":  # ৮৫ শতক জমি: শতক is also a measure of land
        word = d.parts["century"]
        return word in CENTURY_ORDINALS or int(_LEADING_NUMBER.match(_digits(word)).group()) <= 21
    if d.kind == "day_word" and text[d.start : d.end] == _AJ and _SO_FAR_OR_KAL.match(text, d.end):
        return False  # আজ অবধি, আজ পর্যন্ত: so far, as এখন পর্যন্ত; আজ কাল: nowadays
    if d.kind == "day_word" and "kal" in d.parts and "weekday" not in d.parts:
        return tense(text, d.start, d.end) != 0  # কাল alone: a day only where a verb says which
    if d.kind == "day_range":  # ১২-১৩ ডিসেম্বর, not ৩০-২ or a score (২-১ গোলে)
        first, last = int(_digits(d.parts["day"])), int(_digits(d.parts["day2"]))
        return 1 <= first < last <= 31
    if d.kind == "bengali" and text[d.start : d.end] in _BMONTH_WORDS:
        return False  # শ্রাবণ মেঘের দিন, শ্রাবণ ট্র্যাজেডি: a title's word
    if d.kind == "bengali" and _FIXING_BENGALI.isdisjoint(d.parts):
        # a Bengali month alone is the season of a custom or a song (আশ্বিন মাসের দুর্গাপূজা
        # অনুষ্ঠিত হয়, শ্রাবণের মেঘ) unless a verb places it (চৈত্র মাসে খরা হবে, হয়েছে)
        return tense(text, d.start, d.end, reported=False) != 0
    if d.kind == "holiday" and text[d.start : d.end] in _BARE_NAMES:
        return False
    if d.kind == "holiday" and _OCCASION_AFTER.match(text, d.end):
        # ঈদের শুভেচ্ছা, বিজয় দিবস উদযাপন: what is celebrated; বিজয় দিবসে কুচকাওয়াজ: when
        return text[d.start : d.end].endswith(_LOCATIVE)
    # প্রতি বছরের ২৪ অক্টোবর: every year (the words just before it, not the whole text)
    if _EVERY_BEFORE.search(text, max(0, d.start - _LOOK_BACK), d.start):
        return False
    # সপ্তাহের মঙ্গল ও বৃহস্পতিবার: every week's (not এ সপ্তাহের মঙ্গলবার, this week's)
    weekday = d.kind == "day_word" and "weekday" in d.parts and "rel" not in d.parts
    if weekday and _WEEKLY_BEFORE.search(text, max(0, d.start - _LOOK_BACK), d.start):
        return False
    if d.kind == "ago" and _EVENT_BEFORE.search(text, max(0, d.start - 40), d.start):
        return False
    if d.kind == "relative_period" and d.parts.get("anaph") in _COUNTED_FROM_AN_EVENT:
        return d.parts["unit"] != _DIN  # আগের দিন, পরের দিন: event-relative; পরের বছর: a year
    if d.kind in _SAID_OF_EVERY_YEAR and _habitual(_sentence_of(text, d)):
        return "year" in d.parts or "byear" in d.parts or "qual" in d.parts
    return True


def _habitual(sentence: str) -> bool:
    """Said of every year: a marker (সাধারণত, প্রতি বছর) or a habitual verb at the end
    (সেরা সময় থাকে, মেলা বসত)."""
    words = sentence.split()
    return bool(_HABITUAL.search(sentence)) or bool(words and words[-1] in _HABITUAL_VERBS)


def _sentence_of(text: str, d: DateMatch) -> str:
    begin, end = sentence_of(text, d.start, d.end)
    return text[begin:end]


def _digits(text: str) -> str:
    return text.translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))


def _approximate(text: str, d: DateMatch) -> DateMatch:
    after = _APPROX_AFTER.match(text, d.end)
    before = _APPROX_BEFORE.search(text, 0, d.start)
    if not (after or before):
        return d
    start, end = (before.start() if before else d.start), (after.end() if after else d.end)
    return DateMatch(start, end, d.kind, {**d.parts, "approx": "1"})
