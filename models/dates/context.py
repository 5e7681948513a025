"""Resolving a text's dates together: what the sentence around each one says.

- **Tense.** The first finite verb after a date in its sentence (or, with none after it,
  the last before it) tells whether an open date is ahead (হবে, করবে, যাবেন; the
  progressive আসছে of a plan) or behind (হয়েছে, করেছেন, ছিল, বললেন): বুধবার থেকে শনিবার
  পর্যন্ত বৃষ্টি হবে is next week.
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
from banglaner.models.dates.named import INDEPENDENCE_DAYS
from banglaner.models.dates.resolve import DateContext, ResolvedDate, resolve
from banglaner.models.normalize import normalize

_SENTENCE_END = regex.compile(r"[।?!\n|]")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
# Future: হবে, করবেন, যাবো; the progressive of coming and happening, which news uses for
# what is planned (টিকা আসছে আগস্টে), not every progressive (সাক্ষ্য বহন করছে). Not a
# noun in -ব with a case ending (হিসেবে, জবাবে).
_FUTURE = regex.compile(normalize(r"(?:বে|বেন|বো)$").text)
_PLANNED = frozenset(
    normalize(w).text
    for w in ("হচ্ছে", "হচ্ছেন", "আসছে", "আসছেন", "যাচ্ছে", "যাচ্ছেন", "বসছে", "ফিরছেন", "খুলছে")
)
_NOT_VERB = regex.compile(
    normalize(r"(?:ভাবে|হিসেবে|হিসাবে|জবাবে|প্রস্তাবে|আরবে|খেতাবে|নবাবে|সাহেবে|শবে)$").text
)
_PAST = regex.compile(
    normalize(r"(?:েছে|েছেন|েছিল|েছিলেন|েছিলো|য়েছে|য়েছেন|ছিল|ছিলেন|ছিলো|লেন|লাম|েছি)$").text
)
_PAST_WORDS = frozenset(
    normalize(w).text
    for w in (
        "হলো",
        "হল",
        "গেল",
        "গেলো",
        "দিল",
        "দিলো",
        "নিল",
        "নিলো",
        "করল",
        "করলো",
        "পেল",
        "পেলো",
        "এল",
        "এলো",
        "থাকল",
        "বলল",
        "বললো",
        "জানাল",
        "জানালো",
    )
)
_FROM = regex.compile(normalize(r"^\s+(?:থেকে|হতে|থেকেই)\s+$").text)
_YEAR_IN = regex.compile(r"^(\d{4})")
_FISCAL_IN = regex.compile(r"^(\d{4})-07/")
_INDEPENDENCE = normalize("স্বাধীনতা দিবস").text
_COUNTRY_BEFORE = regex.compile(r"([\p{L}\p{M}]+)\s+$")


def _tense_of(word: str) -> int:
    if len(word) < 3 or _NOT_VERB.search(word):
        return 0
    if word in _PLANNED or _FUTURE.search(word):
        return 1
    return -1 if word in _PAST_WORDS or _PAST.search(word) else 0


def tense(text: str, start: int, end: int) -> int:
    """+1 when the first finite verb after a date (in its sentence) is future, -1 when it
    is past; with none after it (a headline: শিক্ষাপ্রতিষ্ঠান খুলবে ৩০ মার্চ), the last
    one before it; 0 without any."""
    stop = _SENTENCE_END.search(text, end)
    for word in _WORD.findall(text, end, stop.start() if stop else len(text)):
        if found := _tense_of(word):
            return found
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    for word in reversed(_WORD.findall(text, begin, start)):
        if found := _tense_of(word):
            return found
    return 0


def _fixed_day_of_country(text: str, match: DateMatch) -> DateMatch:
    """স্বাধীনতা দিবস after another country's name: that country's day."""
    if not match.parts.get("holiday", "").startswith(_INDEPENDENCE):
        return match
    before = _COUNTRY_BEFORE.search(text, 0, match.start)
    when = INDEPENDENCE_DAYS.get(before.group(1)) if before else None
    if when is None:
        return match
    parts = {**match.parts, "_fixed": f"{when[0]}-{when[1]}"}
    return dataclasses.replace(match, parts=parts)


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


def resolve_all(text: str, matches: Sequence[DateMatch], doc: date) -> list[ResolvedDate]:
    """The values of a text's date matches (in order), each read in its sentence."""
    out: list[ResolvedDate] = []
    anchor_year = anchor_fiscal = None
    written: list[tuple[int, int]] = []  # (where, year) of the years written out so far
    for i, match in enumerate(matches):
        match = _fixed_day_of_country(text, match)
        begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start)), default=0)
        in_sentence = [year for where, year in written if where >= begin]
        ctx = DateContext(
            tense(text, match.start, match.end),
            anchor_year,
            anchor_fiscal,
            in_sentence[-1] if in_sentence else None,
        )
        found = resolve(match, doc, ctx)
        if i:
            found = _ordered(text, (matches[i - 1], out[-1]), match, found)
        out.append(found)
        if "year" in match.parts and found.value and _YEAR_IN.match(found.value):
            written.append((match.start, int(found.value[:4])))
        if found.value:
            year, fiscal = _YEAR_IN.match(found.value), _FISCAL_IN.match(found.value)
            anchor_year = int(year.group(1)) if year else anchor_year
            anchor_fiscal = int(fiscal.group(1)) if fiscal else anchor_fiscal
    return out
