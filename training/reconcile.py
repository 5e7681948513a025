"""Bring every corpus to the conventions of ANNOTATION.md before training.

The corpora disagree with our guidelines, and a model learns whatever its data
teaches. Each rule below fixes one measured disagreement:

* DATE is re-derived with the date grammar (models.dates): Rifat tags only
  the month word of ``১৮ সেপ্টেম্বর`` and part-of-day words; neon tags
  durations; MultiCoNER has no dates at all.
* Quotes and brackets at a mention's edges go outside it, and a trailing
  Wikipedia disambiguator (``রেখা (অভিনেত্রী)``) is cut off.
* Titles and roles leading a person mention are not part of the name
  (``প্রেসিডেন্ট ভ্লাদিমির পুতিন`` → ``ভ্লাদিমির পুতিন``).
* Generic nouns (``সরকার``, ``পুলিশ``, ``দেশের``) and nationality or
  demonym adjectives (``মার্কিন``, ``ভারতীয়``) are not entities.
* Split names are joined: initials (``এ কে`` + ``এম কাউছার``) and a
  direction word before a place (``দক্ষিণ`` + ``আফ্রিকা``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from models.dates import find_dates
from models.normalize import normalize
from training.corpora.base import Mention, Sentence


def _words(*ws: str) -> frozenset[str]:
    return frozenset(normalize(w).text for w in ws)


TITLES = _words(
    "প্রেসিডেন্ট",
    "রাষ্ট্রপতি",
    "প্রধানমন্ত্রী",
    "মন্ত্রী",
    "পররাষ্ট্রমন্ত্রী",
    "স্বরাষ্ট্রমন্ত্রী",
    "প্রতিরক্ষামন্ত্রী",
    "অর্থমন্ত্রী",
    "প্রতিমন্ত্রী",
    "উপমন্ত্রী",
    "সাবেক",
    "নেতা",
    "নেত্রী",
    "চেয়ারম্যান",
    "অধ্যাপক",
    "প্রফেসর",
    "ড.",
    "ডা.",
    "ডক্টর",
    "পোপ",
    "প্রেরিত",
    "বিচারপতি",
    "ব্যারিস্টার",
    "অ্যাডভোকেট",
    "মেজর",
    "জেনারেল",
    "কর্নেল",
    "ক্যাপ্টেন",
    "লেফটেন্যান্ট",
    "মিস্টার",
    "মি.",
    "মিসেস",
    "জনাব",
    "সম্রাট",
    "রাজা",
    "রানি",
    "রাণী",
    "যুবরাজ",
    "রাজকুমার",
    "রাজকুমারী",
    "সেন্ট",
    "ইমাম",
    "মাওলানা",
    "মুফতি",
    "সাংসদ",
    "এমপি",
    "মেয়র",
    "গভর্নর",
    "সচিব",
    "সভাপতি",
    "সম্পাদক",
    "মহাসচিব",
    "উপাচার্য",
    "কোচ",
    "অধিনায়ক",
)
GENERIC_NOUNS = _words(
    "সরকার",
    "দেশ",
    "পুলিশ",
    "ব্যাংক",
    "কোম্পানি",
    "যাদুঘর",
    "জাদুঘর",
    "জলাধার",
    "সদর দপ্তর",
    "রেল স্টেশন",
    "স্টেশন",
    "বিমানবন্দর",
    "ডাকঘর",
    "বন্দর",
    "বিশ্ববিদ্যালয়",
    "হাসপাতাল",
    "আদালত",
    "মন্ত্রণালয়",
    "দল",
    "সংস্থা",
    "সেনাবাহিনী",
    "বাহিনী",
    "কলেজ",
    "স্কুল",
    "সংসদ",
    "শহর",
    "গ্রাম",
    "দেশটি",
    "প্রশাসন",
    "কমিশন",
    "কমিটি",
    "পরিষদ",
    "রাজ্য",
    "রাজধানী",
    "জেলা",
    "উপজেলা",
    "থানা",
)
DEMONYMS = _words(
    "মার্কিন",
    "ভারতীয়",
    "চীনা",
    "ইসরাইলি",
    "ইসরায়েলি",
    "ব্রিটিশ",
    "বাংলাদেশি",
    "বাংলাদেশী",
    "ফিলিস্তিনি",
    "রুশ",
    "জাপানি",
    "পাকিস্তানি",
    "ইরানি",
    "আফগান",
    "তুর্কি",
    "কোরীয়",
    "ফরাসি",
    "জার্মান",
    "ইতালীয়",
    "আমেরিকান",
    "রোহিঙ্গা",
    "মুসলিম",
    "হিন্দু",
    "ইউরোপীয়",
    "এশীয়",
    "আফ্রিকান",
    "আরব",
    "ইউক্রেনীয়",
    "রাশিয়ান",
    "ইংরেজ",
    "বাঙালি",
    "কাশ্মীরি",
    "ইহুদি",
    "খ্রিস্টান",
    "বৌদ্ধ",
    "শিয়া",
    "সুন্নি",
    "কুর্দি",
    "মিসরীয়",
    "সিরীয়",
    "ইরাকি",
    "লেবানিজ",
    "কাতারি",
    "নেপালি",
    "ভুটানি",
    "শ্রীলঙ্কান",
    "মালয়েশীয়",
    "ইন্দোনেশীয়",
    "থাই",
    "ভিয়েতনামি",
    "অস্ট্রেলীয়",
    "কানাডীয়",
    "স্প্যানিশ",
    "পর্তুগিজ",
    "গ্রিক",
    "ডাচ",
    "সুইস",
    "পোলিশ",
    "আইরিশ",
    "স্কটিশ",
    "ওয়েলশ",
)
DIRECTIONS = _words("উত্তর", "দক্ষিণ", "পূর্ব", "পশ্চিম", "মধ্য", "উত্তর-পূর্ব", "দক্ষিণ-পূর্ব", "নিউ")
# Case endings and plural/particle suffixes tried off a word before the look-ups above.
_ENDINGS = tuple(
    normalize(e).text
    for e in ("দেরকে", "দের", "রা", "ের", "এর", "র", "কে", "তে", "য়", "এ", "ে", "ও", "ই", "টি")
)
_EDGE_PUNCT = "\"'()[]{}«»‘’“”,;:।!?"


@dataclass
class ReconcileStats:
    """Counts of what each rule changed, written into the model card."""

    changes: Counter[str] = field(default_factory=Counter)


def _is_listed(text: str, listed: frozenset[str]) -> bool:
    """Whether ``text``, or ``text`` less one case ending (``সরকারের`` → ``সরকার``), is listed."""
    return text in listed or any(text.endswith(e) and text[: -len(e)] in listed for e in _ENDINGS)


def _trim(text: str, m: Mention, stats: ReconcileStats) -> Mention | None:
    start, end = m.start, m.end
    paren = text.rfind(" (", start, end)
    if paren > start and text[end - 1] == ")":
        end = paren
        stats.changes["disambiguator cut"] += 1
    while start < end and (text[start] in _EDGE_PUNCT or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1].isspace()):
        end -= 1
    if m.label == "PER":
        while True:
            first, _, rest = text[start:end].partition(" ")
            if rest and first in TITLES:
                start += len(first) + 1
                stats.changes["title removed"] += 1
            else:
                break
    if start >= end:
        return None
    return Mention(start, end, m.label)


def _merge_split_names(text: str, mentions: list[Mention], stats: ReconcileStats) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].label == m.label and text[out[-1].end : m.start] == " ":
            prev = out[-1]
            prev_text = text[prev.start : prev.end]
            initials = m.label == "PER" and all(len(w.rstrip(".")) <= 2 for w in prev_text.split())
            direction = m.label in ("LOC", "ORG") and prev_text in DIRECTIONS
            if initials or direction:
                out[-1] = Mention(prev.start, m.end, m.label)
                stats.changes["split name joined"] += 1
                continue
        out.append(m)
    return out


def reconcile(sentence: Sentence, stats: ReconcileStats) -> Sentence:
    """The sentence with its mentions brought to ANNOTATION.md conventions."""
    text = sentence.text
    names: list[Mention] = []
    for m in sorted(sentence.mentions, key=lambda m: m.start):
        if m.label == "DATE":
            stats.changes["corpus DATE replaced by grammar"] += 1
            continue
        trimmed = _trim(text, m, stats)
        if trimmed is None:
            continue
        mention_text = text[trimmed.start : trimmed.end]
        if _is_listed(mention_text, GENERIC_NOUNS):
            stats.changes["generic noun dropped"] += 1
            continue
        if _is_listed(mention_text, DEMONYMS):
            stats.changes["demonym dropped"] += 1
            continue
        names.append(trimmed)
    names = _merge_split_names(text, names, stats)
    dates = [
        Mention(d.start, d.end, "DATE")
        for d in find_dates(text)
        if all(d.end <= n.start or d.start >= n.end for n in names)
    ]
    stats.changes["grammar DATE added"] += len(dates)
    uncertain = [
        (s, e) for s, e in sentence.uncertain if all(e <= d.start or s >= d.end for d in dates)
    ]
    mentions = sorted([*names, *dates], key=lambda m: m.start)
    return Sentence(text, mentions, sentence.source, uncertain)
