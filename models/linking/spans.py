"""Span repair against the knowledge base: the mentions' edges, before any ID is given.

The tagger's spans are repaired where the KB (or docs/annotation.md) knows better, in order:

1. a mention of words that are never names alone (titles, nationality adjectives,
   generic nouns: models.lang.bn.words) is dropped, and so is one made only of
   common words (models.kb.lexicon) that the tagger was not sure of;
2. two names written together, at least one of them a KB name, become two
   mentions (``ভারত-পাকিস্তান``, ``জেলেনস্কি কিয়েভে``), each with its own label;
   a real hyphenated name (``কিম জং-উন``) is a KB alias and stays one;
3. a KB name plus leading or trailing common words is trimmed to the name
   (``ট্রাম্প প্রশাসনের`` → ``ট্রাম্প``), and a place loses the administrative type word
   after it (``সাতনা জেলার`` → ``সাতনা``);
4. adjacent mentions, or a mention and its neighbour word, that form a KB name
   become one (``দক্ষিণ`` + ``কোরিয়ার``); a place in the genitive and the state
   body after it are one ORG (``রাশিয়ার পররাষ্ট্র মন্ত্রণালয়``); a place takes
   the place-type word after it (``কুরস্ক অঞ্চলে``, ``কোরীয় উপদ্বীপ``);
5. KB names the tagger missed are added: curated and country names, and
   capitals and big cities, where they are not common words.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache

import regex

from banglaner.models.entity import Entity
from banglaner.models.kb.lexicon import is_common
from banglaner.models.kb.store import KbEntity, KnowledgeBase
from banglaner.models.kb.variant_key import (
    TYPE_KEYS,
    alias_form,
    key_words,
    surface_forms,
)
from banglaner.models.labels import COMPATIBLE_LABELS, NAME_LABELS
from banglaner.models.lang.bn.endings import (
    GENITIVE,
    GLIDED_GENITIVE,
    LOCATIVE,
    OBJECT_ENDINGS,
    PARTICLES,
)
from banglaner.models.lang.bn.words import (
    ADMIN_TYPE_WORDS,
    BODY_LEVELS,
    DIRECTIONS,
    FACILITY_HEADS,
    FORCES,
    HONORIFICS,
    NAMED_AFTER_BODIES,
    NAMED_AFTER_PEOPLE,
    PLACE_HEADS,
    ROUTE_WORDS,
    STATE_BODY_HEADS,
    TITLES,
    is_listed,
    never_a_name,
)
from banglaner.models.linking.candidates import Candidates, most_likely
from banglaner.models.linking.config import LinkerConfig
from banglaner.models.normalize import normalize
from banglaner.models.spans import tidy_span

# A name word, hyphenated parts included (কিম জং-উন has two); models.segment's words
# split at hyphens, as the tagger labels each part.
WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*")
PART = regex.compile(r"[\p{L}\p{M}\p{N}]+")
JOINER = regex.compile(r"^[ \t\u00a0\u200c\u200d-]*$")
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_DASHES = "-–—"
_DEMONYM_ENDINGS = tuple(normalize(e).text for e in ("ীয়", "িয়", "িয়ান", "ীয়ান", "ি", "ী", "ন"))
_NEXT_WORD = regex.compile(r"[ \u00a0]+([\p{L}\p{M}]+)")
_MIN_SINGLE_WORD = 3  # characters of a single-word name added or split off on its own
_GENITIVE = regex.compile("(?:" + "|".join(normalize(e).text for e in GENITIVE) + ")$")
# The head of a state body a country's genitive belongs to (docs/annotation.md: রাশিয়ার
# নিরাপত্তা পরিষদ, রাশিয়ার পররাষ্ট্র মন্ত্রণালয় are one ORG each).
# Only a ministry, council, department or commission: "উত্তর কোরিয়ার রাষ্ট্রীয় বার্তা
# সংস্থা" is a place and a description, "চীনের পিপলস লিবারেশন আর্মি" a place and a name.
_BODY_HEADS = frozenset(k for w in STATE_BODY_HEADS for k in key_words(w))
_FORCES = frozenset(k for w in FORCES for k in key_words(w))
_BODY_MAX_WORDS = 3  # words between the genitive place and the head, the head included
_PLACE_HEADS = frozenset(k for w in PLACE_HEADS for k in key_words(w))
# A mention visibly ending in a genitive, or in any ending its hyphen joins (not a bare র,
# which many names end in: মিরপুর)
_INFLECTED = regex.compile(
    "(?:"
    + "|".join(normalize(e).text for e in (*GENITIVE, *GLIDED_GENITIVE) if e != "র")
    + r")$|-[\p{L}\p{M}]+$"
)
_LOCATIVE_END = regex.compile(
    "(?:" + "|".join(normalize(e).text for e in LOCATIVE) + ")(?:" + "|".join(PARTICLES) + ")?$"
)
_FACILITY_HEADS = {
    "LOC": frozenset(k for w in FACILITY_HEADS for k in key_words(w)),
    "PER": frozenset(k for w in NAMED_AFTER_PEOPLE for k in key_words(w)),
    "ORG": frozenset(k for w in NAMED_AFTER_BODIES for k in key_words(w)),
}


_OPENING_TITLES = TITLES | HONORIFICS


@lru_cache(maxsize=65536)
def _is_head(word: str, heads: frozenset[str]) -> bool:
    keys = key_words(word)
    return len(keys) == 1 and keys[0] in heads


@lru_cache(maxsize=65536)
def _extra(word: str) -> bool:
    """A word that is no part of a name: common, a title or a nationality adjective, and
    neither a type word nor a direction (ঢাকা বিশ্ববিদ্যালয়, উত্তর আফ্রিকা)."""
    norm = normalize(word).text
    if is_listed(norm, DIRECTIONS) or _is_head(word, TYPE_KEYS):
        return False
    return is_common(word) or never_a_name(word)


def _is_name(ent: Entity) -> bool:
    return ent.label in NAME_LABELS


def _without_end_dash(ent: Entity) -> Entity:
    """``ent`` less the dashes it ends on: a name never ends on one (docs/annotation.md)."""
    end = ent.start + len(ent.text.rstrip(_DASHES))
    if end == ent.end or end == ent.start:
        return ent
    return Entity(ent.start, end, ent.text[: end - ent.start], ent.label, ent.score)


def _is_word(text: str) -> bool:
    """One word of letters, long enough to be a name on its own."""
    return len(text) >= _MIN_SINGLE_WORD and _LETTERS.fullmatch(text) is not None


def _hyphen_pair(lhit: KbEntity | None, rhit: KbEntity | None, left: str, right: str) -> bool:
    """Across a hyphen two KB names, or one beside a single uncommon word: ভারত-পাকিস্তান,
    বিএনপি-জামায়াতের. Not a constituency (কুমিল্লা-৬) or a route part (ঢাকা-চট্টগ্রাম মহাসড়ক)."""
    if lhit and rhit:
        return True
    other = right if lhit else left
    return bool(lhit or rhit) and _is_word(other) and not is_common(other)


# The object and dative endings: a name carrying one has ended (X-কে Y বলেন is two people).
_OBJECT_ENDING = regex.compile("(?:" + "|".join(normalize(e).text for e in OBJECT_ENDINGS) + ")$")


def _names_side_by_side(
    ent: Entity, left: str, lhit: KbEntity | None, rhit: KbEntity | None
) -> bool:
    """Two names without a hyphen: a person beside a place or body (জেলেনস্কি কিয়েভে,
    ওলাফ শলৎস বার্লিন), two places or bodies tagged as one person (মস্কো কিয়েভ), or a
    left part marked as an object (রহিমকে করিম)."""
    if lhit and rhit and (lhit.label == "PER") != (rhit.label == "PER"):
        return True
    if lhit and rhit and ent.label == "PER" and "PER" not in (lhit.label, rhit.label):
        return True
    last = left.split()[-1]
    return len(last) > 4 and _OBJECT_ENDING.search(normalize(last).text) is not None


def _with_joined_ending(ent: Entity, text: str) -> Entity:
    """``ent`` widened over a case ending a hyphen joins to it (docs/annotation.md)."""
    start, end = tidy_span(text, ent.start, ent.end)
    return Entity(start, end, text[start:end], ent.label, ent.score) if end != ent.end else ent


def _before_a_route(ent: Entity, text: str) -> bool:
    """The mention is followed by a route word: ঢাকা-সিলেট মহাসড়কে is one place."""
    following = _NEXT_WORD.match(text, ent.end)
    return following is not None and is_listed(normalize(following[1]).text, ROUTE_WORDS)


class SpanRepair:
    def __init__(self, kb: KnowledgeBase, config: LinkerConfig) -> None:
        self.kb = kb
        self.config = config
        self.candidates = Candidates(kb)
        self._first_words = kb.multiword_names(config.relabel_min_tier)
        self._single_words = kb.single_word_names()
        # news repeats its words: whether a name may start at one is worked out once per word
        self._name_words = lru_cache(maxsize=65536)(self._most_name_words)
        self._name_hit = lru_cache(maxsize=65536)(self._trusted_name)

    # --- KB look-ups ---------------------------------------------------------------
    def known(self, surface: str, min_tier: str | None = None) -> KbEntity | None:
        """The trusted KB entity ``surface`` names: exactly (after case endings), or by a
        variant key long enough not to collide with an acronym's."""
        floor = self.config.repair_min_tier if min_tier is None else min_tier
        found = self.candidates.exact(surface)
        return most_likely(
            found or self.candidates.keyed(surface, self.config.key_min_chars), floor
        )

    def exact_alias(self, surface: str) -> KbEntity | None:
        """The trusted entity ``surface`` is an exact alias of (after case endings)."""
        return most_likely(self.candidates.exact(surface), self.config.repair_min_tier)

    def _single(self, surface: str) -> KbEntity | None:
        """The one entity a lone word names exactly, if it is curated, a country, or a
        capital or big city with a QID (and the word names nothing else); a user's entity
        whatever else the word names."""
        candidates = {c.id: c for c in self.candidates.exact(surface)}
        users = [c for c in candidates.values() if c.tier == "user"]
        if len(users) == 1:  # a user's entity wins a name a built-in one also has
            return users[0]
        if len(candidates) != 1:
            return None
        (hit,) = candidates.values()
        big_place = (
            hit.label == "LOC" and hit.qid and hit.prior >= self.config.added_place_min_prior
        )
        return hit if hit.trusted_as(self.config.relabel_min_tier) or big_place else None

    # --- the repair, one rule per step (models.steps runs them in this order) ---------
    def drop(self, ents: list[Entity], text: str) -> list[Entity]:
        """1. Names that are never names alone, or common words tagged unsure, dropped."""
        return [e for e in ents if e.label not in NAME_LABELS or not self._spurious(e, text)]

    def split(self, ents: list[Entity], text: str) -> list[Entity]:
        """2. Two names written together become two mentions."""
        return [p for e in ents for p in (self._split(e, text) if _is_name(e) else [e])]

    def trim(self, ents: list[Entity], text: str) -> list[Entity]:
        """3. A KB name less the common words around it; a place less its admin word; a
        name less a dash it ends on (আমেনা-কাদের দম্পতি: the tagger's word kept the hyphen)."""
        return [
            self._without_admin_word(self._trim(_without_end_dash(e), text), text)
            if _is_name(e)
            else e
            for e in ents
        ]

    def untitle(self, ents: list[Entity], text: str) -> list[Entity]:
        """3. A person less the titles and honorifics that open it."""
        return [self._without_title(e, text) for e in ents]

    def join(self, ents: list[Entity], text: str) -> list[Entity]:
        """4. Adjacent mentions that form a KB name, or a place and its type word, one."""
        return self._joined(ents, text)

    def add(self, ents: list[Entity], text: str) -> list[Entity]:
        """5. Trusted KB names the tagger missed added, then joined as in 4 (ভোস্টোচনি, added,
        + মহাকাশ বন্দর)."""
        missed = self._missed_names(ents, text)
        return self._joined(ents + missed, text) if missed else ents

    def _joined(self, ents: list[Entity], text: str) -> list[Entity]:
        merged = self._merge_adjacent(sorted(ents, key=lambda e: e.start), text)
        return [self._extend_by_head(e, text, merged) for e in merged]

    def _spurious(self, ent: Entity, text: str) -> bool:
        """A title, adjective or generic noun alone; a place's demonym; or only common
        words, tagged unsure."""
        if never_a_name(ent.text) or self._demonym(ent):
            return True
        words = WORD.findall(text, ent.start, ent.end)
        common = all(is_common(w) or never_a_name(w) for w in words)
        unsure = ent.score < self.config.common_max_score
        return common and unsure and self.known(ent.text) is None

    def _demonym(self, ent: Entity) -> bool:
        """One word that is a known place and a demonym's ending (ব্রাজিলীয়, ব্রাজিলিয়ান,
        আমেরিকান) and no name itself: an adjective, not a LOC (docs/annotation.md)."""
        word = normalize(ent.text).text
        if ent.label != "LOC" or not _LETTERS.fullmatch(word) or self.known(word) is not None:
            return False
        for ending in _DEMONYM_ENDINGS:
            stem = word.removesuffix(ending)
            place = self.exact_alias(stem) if stem != word and len(stem) > 2 else None
            if place is not None and place.label == "LOC":
                return True
        return False

    # --- 2. split ----------------------------------------------------------------
    def _split(self, ent: Entity, text: str) -> list[Entity]:
        """``ent`` as the names it joins: where a KB name is one of them, or where a word
        inside it is marked as the object (হাসিনাকে মোদি: a case ending ends a name)."""
        if self.known(ent.text) is not None:
            return [ent]
        listed = self._listed_names(ent, text)
        if listed:
            return listed
        route = _before_a_route(ent, text)
        for cut_end, cut_start, hyphen in self._cuts(ent, text):
            if hyphen and route:
                continue
            left, right = text[ent.start : cut_end], text[cut_start : ent.end]
            lhit, rhit = self.known(left), self.known(right)
            if hyphen:
                joined = _hyphen_pair(lhit, rhit, left, right)
            else:
                joined = _names_side_by_side(ent, left, lhit, rhit) or self._place_in_place(
                    ent, left, right
                )
            if joined:
                llabel = lhit.label if lhit else ent.label
                rlabel = rhit.label if rhit else ent.label
                first = Entity(ent.start, cut_end, left, llabel, ent.score)
                rest = Entity(cut_start, ent.end, right, rlabel, ent.score)
                return [first, *self._split(rest, text)]
        return [ent]

    def _listed_names(self, ent: Entity, text: str) -> list[Entity]:
        """Words that each name another entity of the mention's label, a list whose commas
        the text dropped (কোহলি ধোনি রোহিত, লিপযিগ বার্লিন): one mention each; else []."""
        words = list(PART.finditer(text, ent.start, ent.end))
        if len(words) < 2 or any(
            text[a.end() : b.start()] != " " for a, b in itertools.pairwise(words)
        ):
            return []
        hits = [self._single(w.group()) for w in words]
        known = [h for h in hits if h is not None and h.label == ent.label]
        unknown = [w.group() for w, h in zip(words, hits, strict=True) if h is None]
        if len(known) < 2 or len(known) + len(unknown) < len(words):
            return []
        if len({h.id for h in known}) < len(known) or len(unknown) > 1:
            return []
        if unknown and not (_is_word(unknown[0]) and not is_common(unknown[0])):
            return []
        return [Entity(w.start(), w.end(), w.group(), ent.label, ent.score) for w in words]

    def _place_in_place(self, ent: Entity, left: str, right: str) -> bool:
        """A known place in the genitive, then a name of a place within it, tagged as one
        (ভারতের মধ্য প্রদেশ, চট্টগ্রামের পতেঙ্গা): two places; not a place's street or a
        person's shrine (ঢাকার রাস্তায়, লালনের আখড়া)."""
        if ent.label != "LOC" or " " in left:
            return False
        place = self._genitive_of(left)
        return place is not None and place.label == "LOC" and not _extra(right.split()[0])

    @staticmethod
    def _cuts(ent: Entity, text: str) -> Iterator[tuple[int, int, bool]]:
        """Places a mention may join two names: (end of the left, start of the right, hyphen)."""
        parts = list(PART.finditer(text, ent.start, ent.end))
        for a, b in itertools.pairwise(parts):
            gap = text[a.end() : b.start()]
            if gap in (" ", "-", "\u00a0"):
                yield a.end(), b.start(), gap == "-"

    # --- 3. trim -------------------------------------------------------------------
    def _trim(self, ent: Entity, text: str) -> Entity:
        """The KB name inside ``ent`` when everything around it is common words. A person
        loses only leading titles (``এ`` may be an initial) and trailing common words; a
        type word (হাসপাতাল) or a direction (উত্তর) is part of a name, never trimmed."""
        words = list(WORD.finditer(text, ent.start, ent.end))
        n = len(words)
        if n < 2 or self.known(ent.text) is not None:
            return ent
        lead_rule = never_a_name if ent.label == "PER" else _extra
        for size in range(n - 1, 0, -1):
            for i in range(n - size + 1):
                lead, trail = words[:i], words[i + size :]
                if not all(lead_rule(w.group()) for w in lead):
                    continue
                if not all(_extra(w.group()) for w in trail):
                    continue
                start, end = words[i].start(), words[i + size - 1].end()
                hit = self.known(text[start:end])
                if hit is not None and ent.label in COMPATIBLE_LABELS[hit.label]:
                    return Entity(start, end, text[start:end], ent.label, ent.score)
        return ent

    def _without_title(self, ent: Entity, text: str) -> Entity:
        """A person less the titles and honorifics that open the span (আলহাজ আবদুল জব্বার,
        প্রিন্সিপাল নূর নাহার), unless the whole is a KB name."""
        words = list(WORD.finditer(text, ent.start, ent.end))
        if ent.label != "PER" or self.known(ent.text) is not None:
            return ent
        k = 0
        while k < len(words) - 1 and normalize(words[k].group()).text in _OPENING_TITLES:
            k += 1
        start = words[k].start() if k else ent.start
        return Entity(start, ent.end, text[start : ent.end], ent.label, ent.score) if k else ent

    def _without_admin_word(self, ent: Entity, text: str) -> Entity:
        """A place less the administrative type word that ends it (`সাতনা` জেলার), unless
        the whole is a KB name or only common words would remain (নতুন শহর)."""
        words = list(WORD.finditer(text, ent.start, ent.end))
        if ent.label != "LOC" or len(words) < 2:
            return ent
        if not is_listed(normalize(words[-1].group()).text, ADMIN_TYPE_WORDS):
            return ent
        if self.known(ent.text) is not None or all(is_common(w.group()) for w in words[:-1]):
            return ent
        end = words[-2].end()
        return Entity(ent.start, end, text[ent.start : end], ent.label, ent.score)

    # --- 4. merge and extend ----------------------------------------------------------
    def _merge_adjacent(self, ents: list[Entity], text: str) -> list[Entity]:
        merged: list[Entity] = []
        for ent in ents:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.label in NAME_LABELS
                and ent.label in NAME_LABELS
                and JOINER.match(text[prev.end : ent.start])
                and (label := self._joined_label(prev, ent, text))
            ):
                span = text[prev.start : ent.end]
                merged[-1] = Entity(prev.start, ent.end, span, label, min(prev.score, ent.score))
            else:
                merged.append(ent)
        for i, ent in enumerate(merged):
            if ent.label in NAME_LABELS:
                lo = merged[i - 1].end if i else 0
                hi = merged[i + 1].start if i + 1 < len(merged) else len(text)
                merged[i] = self._extend_by_word(ent, text, lo, hi)
        return merged

    def _joined_label(self, prev: Entity, ent: Entity, text: str) -> str | None:
        """The label of two adjacent mentions as one: a KB name, a place and its place-type
        word tagged apart (ভোস্টোচনি + মহাকাশ বন্দর), or a place's state body."""
        if hit := self.exact_alias(text[prev.start : ent.end]):
            return hit.label
        if prev.label == "LOC" and _is_head(ent.text, _PLACE_HEADS):
            return "LOC"
        if ent.label == "ORG" and self.known(ent.text) is None:
            return "ORG" if self._is_state_body(prev, ent.end, text) else None
        return None

    def _is_state_body(self, place: Entity, end: int, text: str) -> bool:
        """A place in the genitive, then at most three words ending in a body's head:
        রাশিয়ার নিরাপত্তা পরিষদ, জাপানের পরিবহন মন্ত্রণালয় (the genitive read only where
        the stem is a known name: দেবীদ্বার is not দেবীদ্বা + র); or a place in any form,
        then its forces (আজারবাইজান সেনাবাহিনীর, ভারতের সেনাবাহিনী), or a level word and its
        council (কামারপুকুর ইউনিয়ন পরিষদের)."""
        words = WORD.findall(text, place.end, end)
        if place.label != "LOC" or not 0 < len(words) <= _BODY_MAX_WORDS:
            return False
        if _is_head(words[-1], _BODY_HEADS) and self._genitive_of(place.text) is not None:
            return True
        if len(words) == 1:
            return _is_head(words[0], _FORCES)
        return (
            len(words) == 2
            and is_listed(normalize(words[0]).text, BODY_LEVELS)
            and _is_head(words[1], _BODY_HEADS)
        )

    def _genitive_of(self, surface: str) -> KbEntity | None:
        """The known entity ``surface`` is the genitive of: its stem is a name, itself is not."""
        ending = _GENITIVE.search(surface)
        if ending is None or self.kb.by_alias(surface):
            return None
        return self.known(surface[: ending.start()])

    def _extend_by_word(self, ent: Entity, text: str, lo: int, hi: int) -> Entity:
        before = [
            m for m in WORD.finditer(text, lo, ent.start) if JOINER.match(text[m.end() : ent.start])
        ]
        after = WORD.match(text, ent.end + 1, hi) if ent.end < hi and text[ent.end] == " " else None
        for start, end in (
            (before[-1].start() if before else None, ent.end),
            (ent.start, after.end() if after else None),
        ):
            if start is None or end is None:
                continue
            added = text[start : ent.start] or text[ent.end : end]
            hit = self.exact_alias(text[start:end])
            # a common word joins only a body's name (ওয়াশিংটন পোস্টে: the paper)
            if hit and (hit.label == "ORG" or not _extra(added.strip(" -"))):
                return Entity(start, end, text[start:end], hit.label, ent.score)
        return ent

    def with_place_head(self, ent: Entity, text: str, ents: list[Entity]) -> Entity:
        """``ent`` widened over the place-type word or state body after it (a mention found
        after span repair, such as a name the document repeats)."""
        widened = self._extend_by_head(ent, text, ents)
        if widened is ent or widened.label != ent.label:  # a body is another entity
            return ent
        widened.id, widened.name, widened.name_en = ent.id, ent.name, ent.name_en
        return widened

    def _extend_by_head(self, ent: Entity, text: str, ents: list[Entity]) -> Entity:
        """A place takes the place-type word right after it (কুরস্ক অঞ্চলে, ভোস্টোচনি মহাকাশ
        বন্দর: one word or a two-word head with one key), a genitive
        place the state body after it (জাপানের পরিবহন মন্ত্রণালয়), up to the next mention."""
        nxt = min((e.start for e in ents if e.start >= ent.end), default=len(text))
        if facility := self._facility(ent, text, nxt):
            return facility
        if ent.label != "LOC":
            return ent
        following: list[regex.Match[str]] = []
        pos = ent.end
        for m in WORD.finditer(text, ent.end, nxt):
            if len(following) == _BODY_MAX_WORDS or text[pos : m.start()] != " ":
                break
            following.append(m)
            pos = m.end()
        for head in reversed(following[:2]):  # a two-word head first: মহাকাশ বন্দর
            if _is_head(text[following[0].start() : head.end()], _PLACE_HEADS):
                return self._widened(ent, head.end(), "LOC", text)
        for m in following:
            if self._is_state_body(ent, m.end(), text):
                return self._widened(ent, m.end(), "ORG", text)
        return ent

    def _facility(self, ent: Entity, text: str, nxt: int) -> Entity | None:
        """A place, or a person or body a facility is named after, and the facility's type
        word right after it: one LOC (মিরপুর স্টেডিয়ামে, প্রগতি ময়দানে, সোহরাওয়ার্দী উদ্যানের).
        Not after a name with a case ending (ঢাকার ভবনে, আওয়ামী লীগের ভবনে, ঢাকা-র ভবনে: the
        building of Dhaka), nor after one that already ends in such a word; a person only
        before the word's bare or genitive form (শেখ হাসিনা মিলনায়তনে প্রবেশ করেন: she
        entered the hall)."""
        heads = _FACILITY_HEADS.get(ent.label)
        following = _NEXT_WORD.match(text, ent.end)
        if heads is None or following is None or following.end() > nxt:
            return None
        words = WORD.findall(ent.text)
        if not words:  # a name written as a symbol (🇵🇱, a flag)
            return None
        head, last = following[1], words[-1]
        if not _is_head(head, heads) or _is_head(last, _FACILITY_HEADS["LOC"]):
            return None
        if _INFLECTED.search(normalize(ent.text).text) or self._inflected_name(ent.text):
            return None
        if ent.label == "PER" and _LOCATIVE_END.search(normalize(head).text):
            return None
        return self._widened(ent, following.end(), "LOC", text)

    @staticmethod
    def _widened(ent: Entity, end: int, label: str, text: str) -> Entity:
        return Entity(ent.start, end, text[ent.start : end], label, ent.score)

    # --- 5. names the tagger missed ----------------------------------------------------
    def _missed_names(self, entities: list[Entity], text: str) -> list[Entity]:
        """Trusted KB names in text no mention covers (ভস্তোচনি কসমোড্রোমে, হামাস, দোহায়)."""
        taken = [(e.start, e.end) for e in entities]
        ends = {e.end: e for e in entities}
        words = list(PART.finditer(text))
        found: list[Entity] = []
        i = 0
        while i < len(words):
            hit = self._name_at(words, i, text)
            if (
                hit is not None
                and hit.end == words[i].end()
                and self._inside_a_name(words, i, text, ends)
            ):
                hit = None
            if hit is not None:  # with a case ending joined by a hyphen: এএনসি-র
                hit = _with_joined_ending(hit, text)
            if hit is not None and not any(s < hit.end and hit.start < e for s, e in taken):
                found.append(hit)
                i += len(PART.findall(text, hit.start, hit.end))
            else:
                i += 1
        return found

    def _inside_a_name(
        self, words: list[regex.Match[str]], i: int, text: str, ends: dict[int, Entity]
    ) -> bool:
        """A lone word after an uncommon word it is written with: মাদ্রিদ in রিয়াল মাদ্রিদ,
        মিউনিখ in বায়ার্ন মিউনিখ (docs/annotation.md: no name inside a name). Not after a
        known name with a case ending, which has ended there (রাশিয়ার ক্রিমিয়া, পোল্যান্ডে
        ন্যাটোকে, ট্রাম্পকে ওবামা), nor after a mention of the entity it names too (its
        acronym, the brackets lost: বাংলাদেশ অলিম্পিক অ্যাসোসিয়েশন বিওএ)."""
        if i == 0 or text[words[i - 1].end() : words[i].start()] != " ":
            return False
        mention = ends.get(words[i - 1].end())
        if mention is not None and self._same_entity(mention.text, words[i].group()):
            return False
        before = words[i - 1].group()
        if not _is_word(before) or is_common(before) or never_a_name(before):
            return False
        return not self._inflected_name(before)

    def _same_entity(self, mention: str, word: str) -> bool:
        """``word`` names the trusted KB entity ``mention`` names."""
        named, again = self.known(mention), self._name_hit(word, False)
        return named is not None and again is not None and named.id == again.id

    def _inflected_name(self, word: str) -> bool:
        """``word`` names a trusted KB entity only once a case ending is stripped."""
        whole, *stems = self.candidates.by_form(word)
        return (
            not whole
            and most_likely((c for found in stems for c in found), self.config.repair_min_tier)
            is not None
        )

    def _most_name_words(self, word: str) -> int:
        """How many words a trusted KB name starting with ``word`` may have (0: none does)."""
        form = alias_form(word)
        if form in self._first_words:
            return self._first_words[form]
        return 1 if any(f in self._single_words for f in surface_forms(word)) else 0

    def _trusted_name(self, surface: str, several_words: bool) -> KbEntity | None:
        """The trusted KB entity a stretch of text names: any known name of several words; a
        lone word only if it is no common word and names one entity (:meth:`_single`)."""
        if several_words:
            return self.known(surface, self.config.relabel_min_tier)
        return self._single(surface) if _is_word(surface) and not is_common(surface) else None

    def _name_at(self, words: list[regex.Match[str]], i: int, text: str) -> Entity | None:
        """The longest trusted KB name starting at word ``i``, if any."""
        longest = self._name_words(words[i].group())
        for j in range(min(i + longest, len(words)) - 1, i - 1, -1):
            if not all(
                JOINER.match(text[words[k].end() : words[k + 1].start()]) for k in range(i, j)
            ):
                continue
            start, end = words[i].start(), words[j].end()
            surface = text[start:end]
            hit = self._name_hit(surface, j > i)
            if hit is not None:
                return Entity(start, end, surface, hit.label, self.config.gazetteer_score)
        return None
