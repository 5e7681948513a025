"""The tense of a date's sentence: the first finite verb after the date (or, with none
after it, the last before it) says whether a date that leaves its year or week open is
ahead (হবে, করবে, যাবেন; the progressive আসছে of a plan) or behind (হয়েছে, করেছেন, ছিল,
বললেন; the simple present news narrates in, অনুষ্ঠিত হয়, জানান). The grammar asks it too:
a Bengali month alone is a date only in a sentence with a future or an explicit past verb.
"""

from __future__ import annotations

import regex

from banglaner.models.normalize import normalize

SENTENCE_END = regex.compile(r"[।?!\n|]")
WORD = regex.compile(r"[\p{L}\p{M}]+")


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding ``text[start:end]`` begins and ends."""
    begin = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = SENTENCE_END.search(text, end)
    return begin, stop.start() if stop else len(text)


# Future: হবে, করবেন, যাবো; the progressive of coming and happening, which news uses for
# what is planned (টিকা আসছে আগস্টে), not every progressive (সাক্ষ্য বহন করছে); what may
# happen (সিদ্ধান্ত আসতে পারে বুধবার). Not a
# noun in -ব with a case ending (হিসেবে, জবাবে).
_FUTURE = regex.compile(normalize(r"(?:বে|বেন|বো)$").text)
_PLANNED = frozenset(
    normalize(w).text
    for w in (
        *("হচ্ছে", "হচ্ছেন", "আসছে", "আসছেন", "যাচ্ছে", "যাচ্ছেন", "বসছে", "ফিরছেন", "খুলছে"),
        *("পারে", "পারেন"),  # আসতে পারে বুধবার: what may happen is ahead
        *("পাচ্ছে", "পাচ্ছেন", "নামছে", "নামছেন"),  # বাড়ি পাচ্ছেন ২০ জুন, মাঠে নামছেন
        *("অনুষ্ঠেয়", "অনুষ্ঠিতব্য"),  # কাল রোববার অনুষ্ঠেয় নির্বাচন: to be held
    )
)
_NOT_VERB = regex.compile(
    normalize(r"(?:ভাবে|হিসেবে|হিসাবে|জবাবে|প্রস্তাবে|আরবে|খেতাবে|নবাবে|সাহেবে|শবে|ত্বে)$").text
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
# News reports what happened in the simple present (অনুষ্ঠিত হয়, বলেন, জানান, মারা যান): at
# the end of a report's clause these finite forms are past.
_REPORTED = frozenset(
    normalize(w).text
    for w in (
        "হয়", "হন", "বলেন", "জানান", "করেন", "দেন", "নেন", "যান", "আসেন", "আসে", "ঘটে",
        "পৌঁছান", "পৌঁছায়", "ফেরেন", "হারান", "ছাড়েন", "পান", "দেয়", "নেয়", "চালায়", "ঘটায়",
    )
)  # fmt: skip


# A headline ends on a past participle where a report would have its verb: ৭ মার্চ পালিত
# (was observed), হামলায় ৩ জন নিহত. Only as the sentence's last word, and only where no
# finite verb says otherwise (পালিত হবে; শুরু হবে ২৮ জুন, প্রজ্ঞাপন প্রকাশিত).
_HEADLINE_PAST = frozenset(
    normalize(w).text
    for w in (
        *("পালিত", "অনুষ্ঠিত", "উদযাপিত", "উদ্‌যাপিত", "নিহত", "আহত", "গ্রেপ্তার", "গ্রেফতার"),
        *("আটক", "উদ্ধার", "নিখোঁজ", "নির্বাচিত", "সম্পন্ন", "বহিষ্কার", "প্রকাশিত"),
    )
)


def _tense_of(word: str, reported: bool) -> int:
    if len(word) < 3 or _NOT_VERB.search(word):
        return 0
    if word in _PLANNED or _FUTURE.search(word):
        return 1
    past = word in _PAST_WORDS or _PAST.search(word) or (reported and word in _REPORTED)
    return -1 if past else 0


def tense(text: str, start: int, end: int, reported: bool = True) -> int:
    """+1 when the first finite verb after a date (in its sentence) is future, -1 when it
    is past; with none after it (a headline: শিক্ষাপ্রতিষ্ঠান খুলবে ৩০ মার্চ), the last
    one before it; 0 without any. ``reported=False``: the simple present is not read as
    past (it is also the present of what always happens: পূজা অনুষ্ঠিত হয়)."""
    begin, stop = sentence_of(text, start, end)
    after = WORD.findall(text, end, stop)
    for word in after:
        if found := _tense_of(word, reported):
            return found
    for word in reversed(WORD.findall(text, begin, start)):
        if found := _tense_of(word, reported):
            return found
    return -1 if after and after[-1] in _HEADLINE_PAST else 0
