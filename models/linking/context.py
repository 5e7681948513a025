"""The document context: what one mention's identity tells about the others.

Context only fills in: it gives an ID to a mention the KB does not know
(``how == "local"``), never to one the KB matched, and it only lends IDs that
are *confirmed* (KB-linked, or confidently tagged and not a KB name with extra
words around it), so one slipped span cannot spread a made-up ID through the
document. Four rules:

* a surname or given name alone takes the ID of the full name used in the
  document (``ফখরুল`` → ``মির্জা ফখরুল ইসলাম আলমগীর``); a short place or
  organisation name the ID of the longer one it begins, so a facility's bare
  name follows it (``ভস্টোচনিতে`` → ``ভস্তোচনি কসমোড্রোম``);
* an unknown inflected form the ID of its stem used elsewhere (``বাখমুতে``);
* an acronym its expansion's ID (bracketed beside it, or spelled by its
  initials), the KB's identity winning over a local one either way;
* a confirmed name written again where the tagger missed it is added, with the
  same ID (one sense per document), as is a person's surname or a facility's
  bare name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from banglaner.models.entity import Entity
from banglaner.models.kb.acronyms import initials, read_acronym
from banglaner.models.kb.lexicon import is_common
from banglaner.models.kb.variant_key import (
    TYPE_KEYS,
    key_words,
    surface_forms,
    surface_stem,
    variant_key,
)
from banglaner.models.labels import COMPATIBLE_LABELS
from banglaner.models.linking.spans import WORD

_BRACKETED_AFTER = regex.compile(r"^\s*[(\[]\s*$")
# Latin letters a Bengali word can start an acronym with (কোরিয়ান → K, সেন্ট্রাল → C).
_INITIAL_LETTERS = {
    "ইউ": "U", "ওয়": "W", "হোয়": "W", "ক্ষ": "K", "ক": "KCQ", "খ": "K", "গ": "G", "ঘ": "G",
    "চ": "C", "ছ": "C", "জ": "JGZ", "ঝ": "J", "ট": "T", "ঠ": "T", "ড": "D", "ঢ": "D",
    "ত": "T", "থ": "T", "দ": "D", "ধ": "D", "ন": "N", "প": "P", "ফ": "FP", "ব": "BV",
    "ভ": "VB", "ম": "M", "য": "JY", "র": "R", "ল": "L", "শ": "SC", "ষ": "S", "স": "SC",
    "হ": "H", "অ": "AO", "আ": "A", "ই": "IE", "ঈ": "I", "উ": "U", "এ": "EA", "ও": "OW",
    "ঐ": "A", "ঔ": "O",
}  # fmt: skip
_INITIALS_LONGEST_FIRST = sorted(_INITIAL_LETTERS, key=len, reverse=True)
_MINOR_BN = {"অব", "দ্য", "অ্যান্ড", "ও", "এবং", "দি", "অফ"}


@dataclass
class Decision:
    """One name mention and how its ID was decided."""

    ent: Entity
    how: str  # "alias", "key", "fuzzy" (the KB), "local" (a local ID), "context"
    confirmed: bool  # may lend its ID to other mentions of the document

    @property
    def known(self) -> bool:
        return self.how in ("alias", "key", "fuzzy")

    def take(self, other: Decision) -> None:
        self.ent.id, self.ent.name, self.ent.name_en = (
            other.ent.id,
            other.ent.name,
            other.ent.name_en,
        )
        self.how = "context"


def _bengali_initials_match(words: Sequence[str], acronym: str) -> bool:
    words = [w for w in words if w not in _MINOR_BN]
    if len(words) != len(acronym):
        return False
    for word, letter in zip(words, acronym, strict=True):
        for start in _INITIALS_LONGEST_FIRST:
            if word.startswith(start):
                if letter not in _INITIAL_LETTERS[start]:
                    return False
                break
        else:
            return False
    return True


def _contains(words: Sequence[str], part: Sequence[str], anywhere: bool) -> bool:
    """``part`` is a run of ``words``: anywhere (a person's surname) or at the start (a place's)."""
    starts = range(len(words) - len(part) + 1) if anywhere else (0,)
    return any(tuple(words[i : i + len(part)]) == tuple(part) for i in starts)


def _nearest_before(candidates: list[Decision], position: int) -> Decision | None:
    """The nearest candidate before ``position``, else the first after it."""
    before = [c for c in candidates if c.ent.start < position]
    if before:
        return max(before, key=lambda c: c.ent.start)
    return min(candidates, key=lambda c: c.ent.start) if candidates else None


def other_readings(decisions: list[Decision]) -> None:
    """An unknown বাখমুতে (read বাখমু + তে) is বাখমুত + ে where the document says বাখমুত."""
    lenders = {(d.ent.label, variant_key(d.ent.text)): d for d in decisions if d.confirmed}
    for d in decisions:
        if d.how != "local":
            continue
        for form in surface_forms(d.ent.text)[1:]:
            other = lenders.get((d.ent.label, variant_key(form)))
            if other is not None and other is not d:
                d.take(other)
                break


def short_names(decisions: list[Decision]) -> None:
    """পুতিন after ভ্লাদিমির পুতিন takes its ID; a short place or organisation name the ID of
    the longer one it begins (a facility's bare name, its type word left out)."""
    keys = {id(d): key_words(d.ent.text) for d in decisions}
    for d in decisions:
        words = keys[id(d)]
        if not words or d.how != "local":
            continue
        fitting = [
            other
            for other in decisions
            if other.confirmed
            and other.ent.label in COMPATIBLE_LABELS[d.ent.label]
            and len(keys[id(other)]) > len(words)
            and _contains(keys[id(other)], words, anywhere=d.ent.label == "PER")
        ]
        best = _nearest_before(fitting, d.ent.start)
        if best is not None:
            d.take(best)


def _expansion_of(i: int, decisions: list[Decision], text: str, acronym: str) -> Decision | None:
    ent = decisions[i].ent
    if i and _BRACKETED_AFTER.match(text[decisions[i - 1].ent.end : ent.start]):
        return decisions[i - 1]
    return next(
        (
            o
            for o in decisions
            if o is not decisions[i]
            and o.ent.label in COMPATIBLE_LABELS[ent.label]
            and (
                (o.ent.name_en and initials(o.ent.name_en) == acronym)
                or _bengali_initials_match(surface_stem(o.ent.text).split(), acronym)
            )
        ),
        None,
    )


def acronyms(decisions: list[Decision], text: str) -> None:
    """An acronym and its expansion share one ID; the KB's identity wins over a local one."""
    for i, d in enumerate(decisions):
        acronym = read_acronym(d.ent.text) or read_acronym(surface_stem(d.ent.text))
        if acronym is None or d.ent.label == "PER":
            continue
        expansion = _expansion_of(i, decisions, text, acronym)
        if expansion is None or expansion.ent.id == d.ent.id:
            continue
        if d.known and not expansion.known:
            giver, old = d, expansion.ent.id
        elif not d.known and expansion.confirmed:
            giver, old = expansion, d.ent.id
        else:
            continue
        for o in decisions:
            if o.ent.id == old and not o.known:
                o.take(giver)


def _repeat_keys(decisions: list[Decision]) -> dict[tuple[str, ...], Decision]:
    """Names worth finding again, as key words: a confirmed name's, a confirmed person's
    surname, a facility's name without its type word."""
    keys: dict[tuple[str, ...], Decision] = {}
    for d in decisions:
        if not d.confirmed:
            continue
        words = key_words(d.ent.text)
        keys.setdefault(words, d)
        if len(words) > 1 and d.ent.label == "PER":
            keys.setdefault(words[-1:], d)
        if len(words) > 1 and words[-1] in TYPE_KEYS:
            keys.setdefault(words[:-1], d)
    return {k: d for k, d in keys.items() if k and len("".join(k)) >= 3}


def repeats(
    decisions: list[Decision],
    taken: list[tuple[int, int]],
    text: str,
    score: float,
    known: Callable[[str], bool],
) -> list[Decision]:
    """Confirmed names written again where no mention is (one sense per document)."""
    keys = _repeat_keys(decisions)
    if not keys:
        return []
    longest = {k[0]: 0 for k in keys}
    for k in keys:
        longest[k[0]] = max(longest[k[0]], len(k))
    covered = bytearray(len(text))  # 1 where a mention is: one look-up per word, not per span
    for s, e in taken:
        covered[s:e] = b"\x01" * (e - s)
    words = [w for w in WORD.finditer(text) if covered.find(1, w.start(), w.end()) < 0]
    found: list[Decision] = []
    i = 0
    while i < len(words):
        first = key_words(words[i].group())
        n = _repeat_at(words, i, first, longest, keys, text, known)
        if n:
            start, end = words[i].start(), words[i + n - 1].end()
            source = keys[key_words(text[start:end])]
            found.append(
                Decision(
                    Entity(start, end, text[start:end], source.ent.label, score),
                    "context",
                    confirmed=False,
                )
            )
            found[-1].take(source)
        i += n or 1
    return found


def _repeat_at(
    words: list[regex.Match[str]],
    i: int,
    first: tuple[str, ...],
    longest: dict[str, int],
    keys: dict[tuple[str, ...], Decision],
    text: str,
    known: Callable[[str], bool],
) -> int:
    """How many words from ``i`` on repeat a confirmed name (0: none)."""
    if len(first) != 1 or first[0] not in longest:
        return 0
    for n in range(min(longest[first[0]], len(words) - i), 0, -1):
        start, end = words[i].start(), words[i + n - 1].end()
        surface = text[start:end]
        if len(WORD.findall(surface)) != n or (n == 1 and is_common(surface)):
            continue
        if key_words(surface) in keys and not known(surface):
            return n
    return 0
