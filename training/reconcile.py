"""Bring every corpus to the conventions of docs/annotation.md before training.

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
  demonym adjectives (``মার্কিন``, ``ভারতীয়``) are not entities, nor is a person
  mention that is only a pronoun or a role (karim2019 tags ``তিনি``, ``সম্পাদক`` PER).
* Split names are joined: initials (``এ কে`` + ``এম কাউছার``) and a
  direction word before a place (``দক্ষিণ`` + ``আফ্রিকা``).
* Two names joined by a hyphen are two mentions (``বিএনপি``-``জামায়াতের``),
  unless a route word follows (``ঢাকা-সিলেট মহাসড়ক`` stays one place) or the
  whole is a curated hyphenated name (``নাগোর্নো-কারাবাখ``).
* A place in the genitive before a state body is part of the body's name
  (``ভারতের`` + ``পররাষ্ট্র মন্ত্রণালয়ের`` → one ORG).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from banglaner.models.dates import find_dates
from banglaner.models.kb.sources import curated_files, parse_curated
from banglaner.models.kb.variant_key import alias_form, surface_forms
from banglaner.models.lang.bn.endings import GENITIVE
from banglaner.models.lang.bn.words import (
    DEMONYMS,
    DIRECTIONS,
    GENERIC_NOUNS,
    PRONOUNS,
    ROUTE_WORDS,
    STATE_BODY_HEADS,
    TITLES,
    is_listed,
)
from banglaner.training.corpora.base import Mention, Sentence

_EDGE_PUNCT = "\"'()[]{}«»‘’“”,;:।!?"
# One word of two names: letters on both sides of one hyphen (not কুমিল্লা-৬, not ১৮-দলীয়,
# not an article's আল-).
_HYPHEN_PAIR = regex.compile(r"([\p{L}\p{M}]{3,})-([\p{L}\p{M}]{3,})")
_NEXT_WORD = regex.compile(r" +([\p{L}\p{M}]+)")


@dataclass
class ReconcileStats:
    """Counts of what each rule changed, written into the model card."""

    changes: Counter[str] = field(default_factory=Counter)


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


@lru_cache(maxsize=1)
def _hyphenated_names() -> frozenset[str]:
    """Curated names written with a hyphen (নাগোর্নো-কারাবাখ, গিলগিট-বালতিস্তান): one name each."""
    return frozenset(
        alias_form(name)
        for section in curated_files()
        for record in parse_curated(section.read_text("utf-8"), section.name)
        for name in record.all_names()
        if "-" in name
    )


def _one_name(surface: str) -> bool:
    return any(alias_form(form) in _hyphenated_names() for form in surface_forms(surface))


def _split_hyphen_pairs(text: str, mentions: list[Mention], stats: ReconcileStats) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        pair = _HYPHEN_PAIR.fullmatch(text, m.start, m.end)
        following = _NEXT_WORD.match(text, m.end)
        route = following is not None and is_listed(following[1], ROUTE_WORDS)
        if pair is None or m.label not in ("LOC", "ORG") or route or _one_name(pair[0]):
            out.append(m)
            continue
        out += [Mention(m.start, pair.end(1), m.label), Mention(pair.start(2), m.end, m.label)]
        stats.changes["hyphen-joined names split"] += 1
    return out


def _join_place_and_body(
    text: str, mentions: list[Mention], stats: ReconcileStats
) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.label, m.label) == ("LOC", "ORG")
            and text[prev.end : m.start] == " "
            and text[prev.start : prev.end].endswith(GENITIVE)
            and is_listed(text[m.start : m.end].split()[-1], STATE_BODY_HEADS)
        ):
            out[-1] = Mention(prev.start, m.end, "ORG")
            stats.changes["place joined to its state body"] += 1
            continue
        out.append(m)
    return out


def reconcile(sentence: Sentence, stats: ReconcileStats) -> Sentence:
    """The sentence with its mentions brought to docs/annotation.md conventions."""
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
        if is_listed(mention_text, GENERIC_NOUNS):
            stats.changes["generic noun dropped"] += 1
            continue
        if is_listed(mention_text, DEMONYMS):
            stats.changes["demonym dropped"] += 1
            continue
        if trimmed.label == "PER" and (
            is_listed(mention_text, PRONOUNS) or is_listed(mention_text, TITLES)
        ):
            stats.changes["pronoun or role dropped"] += 1
            continue
        names.append(trimmed)
    names = _merge_split_names(text, names, stats)
    names = _join_place_and_body(text, _split_hyphen_pairs(text, names, stats), stats)
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
