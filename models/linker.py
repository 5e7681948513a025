"""The linker: a canonical ID and display name for every PER, LOC and ORG mention.

Per mention, first hit wins: exact alias → variant key → fuzzy match on keys
(same label) → a local ID from label and key. Then the document speaks: a
surname or given name alone takes the ID of the full name used in the same
document, an acronym the ID of its expansion written beside it or spelled by
its initials, and an unknown short place or organisation name the ID of the
longer one it begins. Before all that, the KB repairs spans (adjacent
mentions, or a mention and its neighbouring word, that together form a name
the KB knows become one mention; a multi-word curated or country name the
tagger missed is added) and labels (a curated or country name the tagger
gave another label gets the KB's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from models.entity import Entity
from models.kb.acronyms import initials, read_acronym
from models.kb.store import KbEntity, KnowledgeBase, local_id
from models.kb.variant_key import (
    alias_form,
    key_words,
    surface_forms,
    surface_stem,
    variant_key,
)
from models.labels import NAME_LABELS

# A tagger's ORG for a country standing for its government is still that country.
_COMPATIBLE = {"PER": ("PER",), "LOC": ("LOC", "ORG"), "ORG": ("ORG", "LOC")}
# A name word, hyphenated parts included (কিম জং-উন has two); models.segment's words
# split at hyphens, as the tagger labels each part.
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*")
_JOINER = regex.compile(r"^[ \t\u00a0\u200c\u200d-]*$")
_BRACKETED_AFTER = regex.compile(r"^\s*[(\[]\s*$")
# Latin letters a Bengali word can start an acronym with (কোরিয়ান → K, সেন্ট্রাল → C).
_INITIAL_LETTERS = {
    "ইউ": "U",
    "ওয়": "W",
    "হোয়": "W",
    "ক্ষ": "K",
    "ক": "KCQ",
    "খ": "K",
    "গ": "G",
    "ঘ": "G",
    "চ": "C",
    "ছ": "C",
    "জ": "JGZ",
    "ঝ": "J",
    "ট": "T",
    "ঠ": "T",
    "ড": "D",
    "ঢ": "D",
    "ত": "T",
    "থ": "T",
    "দ": "D",
    "ধ": "D",
    "ন": "N",
    "প": "P",
    "ফ": "FP",
    "ব": "BV",
    "ভ": "VB",
    "ম": "M",
    "য": "JY",
    "র": "R",
    "ল": "L",
    "শ": "SC",
    "ষ": "S",
    "স": "SC",
    "হ": "H",
    "অ": "AO",
    "আ": "A",
    "ই": "IE",
    "ঈ": "I",
    "উ": "U",
    "এ": "EA",
    "ও": "OW",
    "ঐ": "A",
    "ঔ": "O",
}
_INITIALS_LONGEST_FIRST = sorted(_INITIAL_LETTERS, key=len, reverse=True)
_MINOR_BN = {"অব", "দ্য", "অ্যান্ড", "ও", "এবং", "দি", "অফ"}


@dataclass(frozen=True, slots=True)
class Identity:
    id: str
    name: str | None
    name_en: str | None
    known: bool  # the KB knows the entity (else ``id`` is a local ID)


@dataclass(frozen=True)
class LinkerConfig:
    # rapidfuzz ratio on keys, tuned on tests/data/entity_variants.tsv
    fuzzy_min_ratio: float = 90.0
    fuzzy_min_chars: int = 6  # shorter keys differ by one letter between different names
    repair_min_prior: float = 400.0  # span repair trusts curated, country and district names only
    relabel_min_prior: float = 900.0  # the KB overrules the tagger's label: curated and countries
    gazetteer_score: float = 0.8  # score of a multi-word KB name the tagger missed


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


def _nearest_before(candidates: list[Entity], position: int) -> Entity | None:
    """The nearest candidate before ``position``, else the first after it."""
    before = [c for c in candidates if c.start < position]
    if before:
        return max(before, key=lambda c: c.start)
    return min(candidates, key=lambda c: c.start) if candidates else None


class Linker:
    def __init__(self, kb: KnowledgeBase, config: LinkerConfig | None = None) -> None:
        self.kb = kb
        self.config = config or LinkerConfig()
        self._first_words = kb.multiword_names(self.config.relabel_min_prior)

    # --- one mention ---------------------------------------------------------
    @staticmethod
    def _pick(candidates: Sequence[KbEntity], label: str, strict: bool = False) -> KbEntity | None:
        for allowed in (label,) if strict else _COMPATIBLE[label]:
            fitting = [c for c in candidates if c.label == allowed]
            if fitting:
                return max(fitting, key=lambda c: c.prior)
        return None

    def lookup(self, mention: str, label: str) -> tuple[KbEntity | None, str]:
        """The KB entity a mention names, and how it was found (alias, key, fuzzy or none)."""
        for form in surface_forms(mention):
            if hit := self._pick(self.kb.by_alias(form), label):
                return hit, "alias"
        key = variant_key(mention)
        if hit := self._pick(self.kb.by_key(key), label):
            return hit, "key"
        if len(key) >= self.config.fuzzy_min_chars:
            fuzzy = self.kb.fuzzy(key, label, self.config.fuzzy_min_ratio)
            if hit := self._pick(fuzzy, label, strict=True):
                return hit, "fuzzy"
        return None, "none"

    def explain(self, mention: str, label: str) -> dict[str, str | None]:
        """What ``banglaner kb lookup`` prints: the key, how the mention was found, the ID."""
        hit, how = self.lookup(mention, label)
        row: dict[str, str | None] = {
            "mention": mention,
            "label": label,
            "key": variant_key(mention),
            "found_by": how,
        }
        if hit is not None:
            row |= {"id": hit.id, "name": hit.name, "name_en": hit.name_en}
        return row

    def identify(self, mention: str, label: str) -> Identity:
        """The canonical identity of one mention on its own, without document context."""
        hit, _ = self.lookup(mention, label)
        if hit is not None:
            return Identity(hit.id, hit.name, hit.name_en, known=True)
        key = variant_key(mention) or "unnamed"
        return Identity(local_id(label, key), surface_stem(mention), None, known=False)

    def _relabel(self, ent: Entity) -> None:
        """A tagger's PER on ক্রেমলিন: where only a curated or country name of another label
        matches exactly, the KB's label is the better bet."""
        for form in surface_forms(ent.text):
            candidates = self.kb.by_alias(form)
            if candidates and not any(c.label == ent.label for c in candidates):
                best = max(candidates, key=lambda c: c.prior)
                if best.prior >= self.config.relabel_min_prior:
                    ent.label = best.label
                return

    def _assign(self, ent: Entity) -> bool:
        """Give ``ent`` its ID and name; True where the KB knew it."""
        self._relabel(ent)
        who = self.identify(ent.text, ent.label)
        ent.id, ent.name, ent.name_en = who.id, who.name, who.name_en
        return who.known

    # --- span repair ---------------------------------------------------------
    def _known_name(self, surface: str, min_prior: float | None = None) -> KbEntity | None:
        candidates = self.kb.by_alias(surface) or self.kb.by_key(variant_key(surface))
        floor = self.config.repair_min_prior if min_prior is None else min_prior
        trusted = [c for c in candidates if c.prior >= floor]
        return max(trusted, key=lambda c: c.prior) if trusted else None

    def repair_spans(self, entities: list[Entity], text: str) -> list[Entity]:
        """Adjacent mentions, or a mention and its neighbour word, that form a KB name: one."""
        ents = sorted(entities, key=lambda e: e.start)
        merged: list[Entity] = []
        for ent in ents:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.label in NAME_LABELS
                and ent.label in NAME_LABELS
                and _JOINER.match(text[prev.end : ent.start])
                and (hit := self._known_name(text[prev.start : ent.end]))
            ):
                merged[-1] = Entity(
                    prev.start,
                    ent.end,
                    text[prev.start : ent.end],
                    hit.label,
                    min(prev.score, ent.score),
                )
            else:
                merged.append(ent)
        for i, ent in enumerate(merged):
            if ent.label in NAME_LABELS:
                lo = merged[i - 1].end if i else 0
                hi = merged[i + 1].start if i + 1 < len(merged) else len(text)
                merged[i] = self._extend_by_word(ent, text, lo, hi)
        return sorted(merged + self._missed_names(merged, text), key=lambda e: e.start)

    def _missed_names(self, entities: list[Entity], text: str) -> list[Entity]:
        """Multi-word curated or country names (ভস্তোচনি কসমোড্রোমে) in text no mention covers."""
        taken = [(e.start, e.end) for e in entities]
        words = list(_WORD.finditer(text))
        found: list[Entity] = []
        i = 0
        while i < len(words):
            hit = self._name_at(words, i, text)
            if hit is not None and not any(s < hit.end and hit.start < e for s, e in taken):
                found.append(hit)
                i += len(list(_WORD.finditer(text, hit.start, hit.end)))
            else:
                i += 1
        return found

    def _name_at(self, words: list[regex.Match[str]], i: int, text: str) -> Entity | None:
        """The longest trusted multi-word KB name starting at word ``i``, if any."""
        longest = self._first_words.get(alias_form(words[i].group()), 0)
        for j in range(min(i + longest, len(words)) - 1, i, -1):
            if not all(
                _JOINER.match(text[words[k].end() : words[k + 1].start()]) for k in range(i, j)
            ):
                continue
            start, end = words[i].start(), words[j].end()
            if hit := self._known_name(text[start:end], self.config.relabel_min_prior):
                return Entity(start, end, text[start:end], hit.label, self.config.gazetteer_score)
        return None

    def _extend_by_word(self, ent: Entity, text: str, lo: int, hi: int) -> Entity:
        before = [
            m
            for m in _WORD.finditer(text, lo, ent.start)
            if _JOINER.match(text[m.end() : ent.start])
        ]
        after = (
            _WORD.match(text, ent.end + 1, hi) if ent.end < hi and text[ent.end] == " " else None
        )
        for start, end in (
            (before[-1].start() if before else None, ent.end),
            (ent.start, after.end() if after else None),
        ):
            if start is None or end is None:
                continue
            if hit := self._known_name(text[start:end]):
                return Entity(start, end, text[start:end], hit.label, ent.score)
        return ent

    # --- the document --------------------------------------------------------
    def link(self, entities: list[Entity], text: str) -> list[Entity]:
        """Repair spans, then give every name mention an ID and name, using the whole document."""
        ents = self.repair_spans(entities, text)
        names = [e for e in ents if e.label in NAME_LABELS]
        known = {id(e): self._assign(e) for e in names}
        self._other_readings(names, known)
        self._short_names(names, known)
        self._acronyms(names, text)
        return ents

    @staticmethod
    def _other_readings(names: list[Entity], known: dict[int, bool]) -> None:
        """An unknown বাখমুতে (read বাখমু + তে) is বাখমুত + ে where the document says বাখমুত."""
        ids = {e.id: e for e in names}
        for ent in names:
            if known[id(ent)]:
                continue
            for form in surface_forms(ent.text)[1:]:
                other = ids.get(local_id(ent.label, variant_key(form)))
                if other is not None and other.id != ent.id:
                    ent.id, ent.name = other.id, other.name
                    break

    def _short_names(self, names: list[Entity], known: dict[int, bool]) -> None:
        """পুতিন after ভ্লাদিমির পুতিন takes its ID; an unknown short place or organisation
        name takes the ID of the longer one it begins."""
        keys = {id(e): key_words(e.text) for e in names}
        for ent in names:
            words = keys[id(ent)]
            if not words or (ent.label != "PER" and known[id(ent)]):
                continue
            fitting = [
                other
                for other in names
                if other.label == ent.label
                and len(keys[id(other)]) > len(words)
                and _contains(keys[id(other)], words, anywhere=ent.label == "PER")
            ]
            best = _nearest_before(fitting, ent.start)
            if best is not None:
                ent.id, ent.name, ent.name_en = best.id, best.name, best.name_en

    def _acronyms(self, names: list[Entity], text: str) -> None:
        """An acronym takes its expansion's ID: bracketed beside it, or spelled by its initials."""
        for i, ent in enumerate(names):
            acronym = read_acronym(ent.text) or read_acronym(surface_stem(ent.text))
            if acronym is None or ent.label == "PER":
                continue
            if i and _BRACKETED_AFTER.match(text[names[i - 1].end : ent.start]):
                expansion = names[i - 1]
            else:
                expansion = next(
                    (
                        o
                        for o in names
                        if o is not ent
                        and o.label in _COMPATIBLE[ent.label]
                        and (
                            (o.name_en and initials(o.name_en) == acronym)
                            or _bengali_initials_match(surface_stem(o.text).split(), acronym)
                        )
                    ),
                    None,
                )
            if expansion is None or expansion.id == ent.id:
                continue
            # a KB identity wins over a local one, whichever of the two has it
            if ent.id and not ent.id.startswith("bn:") and expansion.id.startswith("bn:"):
                for o in names:
                    if o.id == expansion.id:
                        o.id, o.name, o.name_en = ent.id, ent.name, ent.name_en
            else:
                old = ent.id
                for o in names:
                    if o.id == old:
                        o.id, o.name, o.name_en = expansion.id, expansion.name, expansion.name_en
