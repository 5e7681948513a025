"""Bengali word lists (docs/annotation.md): words that are never names on their own
(titles and roles, nationality adjectives, generic nouns, pronouns), and the type words
that belong to a name or follow it. Training data is reconciled with them
(training.reconcile) and span repair, the linker and the variant key use them at
inference: one list for both.
"""

from __future__ import annotations

from functools import lru_cache

from banglaner.models.lang.bn.endings import LIST_ENDINGS
from banglaner.models.normalize import normalize


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
# Administrative and other place-type words after a place stay outside it
# (docs/annotation.md: `সিলেট` বিভাগের, `সাতনা` জেলার, `ধানমণ্ডি` এলাকার, `আফ্রিকা` মহাদেশে).
# রাজ্য, প্রদেশ and অঞ্চল are left to the tagger: they are often part of the official name
# (উত্তর দারফুর রাজ্য, হিমাচল প্রদেশ, আমুর অঞ্চল).
ADMIN_TYPE_WORDS = _words(
    "বিভাগ", "জেলা", "উপজেলা", "থানা", "ইউনিয়ন", "পৌরসভা", "গ্রাম", "শহর", "মহানগর", "মহানগরী",
    "এলাকা", "মহাদেশ",
)  # fmt: skip
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
# Honorifics and roles written before a person's name and kept outside the span
# (docs/annotation.md): with TITLES, matched as written at the start of a PER only, since
# কবির and আয়াত are also names.
HONORIFICS = _words(
    "হাজী", "মৌলভী", "মওলানা", "মৌলানা", "শ্রী", "শ্রীমতী", "কমরেড", "কবি", "সাধু",
    "প্রিন্সিপাল", "অধ্যক্ষ", "আয়া", "ডাক্তার", "শিল্পী", "অভিনেতা", "অভিনেত্রী",
)  # fmt: skip
# People in general and kin: never a PER alone (docs/annotation.md: a group or a relation
# is no name). Matched as written, not by variant key: মায়া and বাবু are names.
PEOPLE_NOUNS = _words(
    "নারী",
    "পুরুষ",
    "শিশু",
    "মানুষ",
    "জনগণ",
    "নাগরিক",
    "শ্রমিক",
    "কৃষক",
    "শিক্ষার্থী",
    "ছাত্র",
    "ছাত্রী",
    "পিতা",
    "মাতা",
    "বাবা",
    "মা",
    "ভাই",
    "বোন",
    "স্ত্রী",
    "স্বামী",
    "ছেলে",
    "মেয়ে",
    "পুত্র",
    "কন্যা",
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
    "সৌদি",
    "আমিরাতি",
    "ইয়েমেনি",
    "লিবীয়",
    "সুদানি",
    "সোমালি",
    "তাইওয়ানি",
    "বর্মি",
    "ইউরোপিয়ান",
    "এশিয়ান",
    "আরবি",
)
# Pronouns: karim2019 tags them PER (training.reconcile drops such mentions).
PRONOUNS = _words(
    "আমি",
    "আমরা",
    "আমার",
    "আমাদের",
    "আমাকে",
    "তুমি",
    "তোমরা",
    "তোমার",
    "তোমাদের",
    "আপনি",
    "আপনারা",
    "আপনার",
    "আপনাদের",
    "সে",
    "তিনি",
    "তাঁরা",
    "তারা",
    "তার",
    "তাঁর",
    "তাদের",
    "তাঁদের",
    "তাকে",
    "তাঁকে",
    "তাদেরকে",
    "উনি",
    "ওনার",
    "ওঁর",
    "ও",
    "ওর",
    "ওরা",
    "ওদের",
    "যিনি",
    "যারা",
    "যাঁরা",
    "যার",
    "যাঁর",
    "কেউ",
    "নিজে",
    "নিজের",
    "সবাই",
    "এরা",
    "এদের",
)
# A route between two places is one LOC (ঢাকা-সিলেট মহাসড়ক), not two names joined by a hyphen.
ROUTE_WORDS = _words("সড়ক", "মহাসড়ক", "রেলপথ", "রেললাইন", "নৌপথ", "পথ", "রুট", "রোড", "হাইওয়ে")
# The head of a state body a place's genitive belongs to (রাশিয়ার নিরাপত্তা পরিষদ is one ORG).
STATE_BODY_HEADS = _words("মন্ত্রণালয়", "পরিষদ", "দপ্তর", "কমিশন")
# A place's forces, and the level words between a place and its council, make one ORG with
# the place as written (docs/annotation.md: `পাকিস্তান সেনাবাহিনীর`, `কামারপুকুর ইউনিয়ন
# পরিষদের`, `পাকিস্তান জাতীয় পরিষদের`).
FORCES = _words("সেনাবাহিনী", "নৌবাহিনী", "বিমানবাহিনী")
BODY_LEVELS = _words("জাতীয়", "উপজেলা", "ইউনিয়ন", "জেলা", "পৌর", "প্রাদেশিক")
DIRECTIONS = _words("উত্তর", "দক্ষিণ", "পূর্ব", "পশ্চিম", "মধ্য", "উত্তর-পূর্ব", "দক্ষিণ-পূর্ব", "নিউ")
# Place-type words that belong to the place's name (docs/annotation.md: কোরীয় উপদ্বীপ).
PLACE_HEADS = (
    "অঞ্চল", "প্রদেশ", "প্রণালী", "উপদ্বীপ", "উপসাগর", "সাগর", "নদী", "নদ", "মহাসাগর",
    "বিদ্যুৎকেন্দ্র", "বিমানবন্দর", "কসমোড্রোম", "অঙ্গরাজ্য", "উপত্যকা",
)  # fmt: skip
# A facility's type word after its name is part of it (docs/annotation.md: মিরপুর
# স্টেডিয়ামে, সোহরাওয়ার্দী উদ্যানের). Not মাঠ or বাজার, which follow a team or a country
# as often (বাংলাদেশ মাঠে নামবে); after a person's or a body's name only the kinds named
# after them (চ্যানেল আই ভবনে).
FACILITY_HEADS = _words(
    "স্টেডিয়াম", "উদ্যান", "ময়দান", "মিলনায়তন", "অডিটোরিয়াম", "ভবন", "পার্ক", "চত্বর", "মন্দির"
)  # fmt: skip
NAMED_AFTER_PEOPLE = _words("স্টেডিয়াম", "উদ্যান", "মিলনায়তন", "অডিটোরিয়াম")
NAMED_AFTER_BODIES = _words("ভবন", "মিলনায়তন", "অডিটোরিয়াম")
# A facility's or body's type word in each of its forms, the first one canonical (the
# variant key makes them one word). Only words that name the same kind of thing in every
# use (পার্টি/দল do not: জাতীয় দল is a national team).
TYPE_WORDS: tuple[tuple[str, ...], ...] = (
    ("কসমোড্রোম", "কসমোড্রম", "মহাকাশ বন্দর", "স্পেসপোর্ট"),
    ("বিমানবন্দর", "বিমান বন্দর", "এয়ারপোর্ট", "এয়ারপোর্ট"),
    ("বিশ্ববিদ্যালয়", "ইউনিভার্সিটি", "ইউনিভার্সিটি"),
    ("হাসপাতাল", "হসপিটাল", "হাসপাতাল"),
    ("মন্ত্রণালয়", "মিনিস্ট্রি", "মন্ত্রক"),
    ("কলেজ", "মহাবিদ্যালয়"),
    ("সেতু", "ব্রিজ"),
    ("প্রাসাদ", "প্যালেস"),
    ("দ্বীপ", "আইল্যান্ড"),
    ("বিদ্যুৎকেন্দ্র", "বিদ্যুৎ কেন্দ্র", "পাওয়ার প্ল্যান্ট", "পাওয়ার প্লান্ট"),
    ("স্টেশন", "ইস্টিশন"),
    ("পরিষদ", "কাউন্সিল"),
    ("সংস্থা", "এজেন্সি"),
    ("আদালত", "কোর্ট"),
    ("প্রদেশ", "প্রভিন্স"),
    ("অঞ্চল", "রিজিয়ন", "ওব্লাস্ট"),
    ("দূতাবাস", "অ্যাম্বাসি", "এমব্যাসি"),
    ("সেনাবাহিনী", "আর্মি"),
    ("নৌবাহিনী", "নেভি"),
    ("বিমানবাহিনী", "এয়ারফোর্স", "এয়ার ফোর্স"),
    ("ব্যাংক", "ব্যাঙ্ক"),
    ("ইনস্টিটিউট", "ইন্সটিটিউট"),
    ("জাদুঘর", "যাদুঘর", "মিউজিয়াম"),
    ("স্কয়ার", "স্কোয়ার"),
    ("নদী", "নদ", "রিভার"),
    ("হ্রদ", "লেক"),
    ("মহাসাগর", "ওশান"),
    ("দপ্তর", "ডিপার্টমেন্ট"),
    ("কোম্পানি", "কম্পানি"),
    ("করপোরেশন", "কর্পোরেশন"),
)

_LIST_ENDINGS = tuple(normalize(e).text for e in LIST_ENDINGS)


def is_listed(text: str, listed: frozenset[str]) -> bool:
    """Whether ``text``, or ``text`` less one case ending (``সরকারের`` → ``সরকার``), is listed."""
    return text in listed or any(
        text.endswith(e) and text[: -len(e)] in listed for e in _LIST_ENDINGS
    )


@lru_cache(maxsize=65536)
def never_a_name(text: str) -> bool:
    """A title, nationality adjective, generic noun or people noun (with a case ending):
    never a name on its own."""
    norm = normalize(text).text
    lists = (TITLES, DEMONYMS, GENERIC_NOUNS, PEOPLE_NOUNS)
    return any(is_listed(norm, listed) for listed in lists)
