"""The linker: one joint decision on every PER, LOC and ORG mention's span, label and ID.

Everything the pipeline knows is used, in this order (README, "Canonical IDs"):

1. **Span** (models.linking.spans): split, trim, merge and add mentions against
   the knowledge base, before any ID is given.
2. **Label**: where the KB holds the name exactly as one entity of another label,
   the KB's label wins when the entity is curated or a country, or when the
   tagger was unsure (score below ``kb_label_max_score``, tuned on the world dev
   split); but a mention whose words all belong to a person the document names in full
   is that person (লিমনের beside লিমন হোসেন), unless the KB trusts it as a place or body.
3. **ID**, first hit wins: exact KB alias (after case endings) → variant key →
   fuzzy key (same label) → document context from confirmed mentions
   (models.linking.context) → a local ID from label and key.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from banglaner.models.entity import Entity
from banglaner.models.kb.lexicon import is_common
from banglaner.models.kb.store import KbEntity, KnowledgeBase, local_id
from banglaner.models.kb.variant_key import key_words, surface_stem, variant_key
from banglaner.models.labels import COMPATIBLE_LABELS, NAME_LABELS
from banglaner.models.linking import context
from banglaner.models.linking.candidates import Candidates, most_likely
from banglaner.models.linking.config import (
    LinkerConfig,  # re-exported: Linker(kb, LinkerConfig(...))
)
from banglaner.models.linking.context import Decision
from banglaner.models.linking.spans import WORD, SpanRepair
from banglaner.models.normalize import normalize
from banglaner.models.steps import LINKER_STEPS, Document, run_steps


@dataclass(frozen=True, slots=True)
class Identity:
    id: str
    name: str | None
    name_en: str | None
    known: bool  # the KB knows the entity (else ``id`` is a local ID)


@dataclass(frozen=True)
class _Evidence:
    """What the whole document says about a name's label: the tagger's mean confidence per
    (name key, label), and the words of the multi-word person names it holds."""

    scores: dict[tuple[str, str], float]
    person_words: frozenset[str]

    @classmethod
    def of(cls, names: list[Entity]) -> _Evidence:
        scores: dict[tuple[str, str], list[float]] = {}
        for e in names:
            scores.setdefault((variant_key(e.text), e.label), []).append(e.score)
        person_words = frozenset(
            w
            for e in names
            if e.label == "PER"
            for w in key_words(e.text)
            if len(key_words(e.text)) > 1
        )
        return cls({k: sum(v) / len(v) for k, v in scores.items()}, person_words)

    def tagger_score(self, ent: Entity) -> float:
        return self.scores.get((variant_key(ent.text), ent.label), ent.score)

    def part_of_a_person(self, ent: Entity) -> bool:
        """লিমন or লিমনের where the document also says লিমন হোসেন: the person, not Puerto
        Limón, whatever the tagger read this one mention as. (Every word of the mention is a
        word of some multi-word person name of the document.)"""
        words = key_words(ent.text)
        return bool(words) and set(words) <= self.person_words


class Linker:
    def __init__(self, kb: KnowledgeBase, config: LinkerConfig | None = None) -> None:
        self.kb = kb
        self.config = config or LinkerConfig()
        self.candidates = Candidates(kb)
        self.spans = SpanRepair(kb, self.config)

    # --- one mention ---------------------------------------------------------
    @staticmethod
    def _pick(candidates: Sequence[KbEntity], label: str, strict: bool = False) -> KbEntity | None:
        for allowed in (label,) if strict else COMPATIBLE_LABELS[label]:
            if hit := most_likely(c for c in candidates if c.label == allowed):
                return hit
        return None

    def lookup(self, mention: str, label: str) -> tuple[KbEntity | None, str]:
        """The KB entity a mention names, and how it was found (alias, key, fuzzy or none)."""
        for found in self.candidates.by_form(mention):
            if hit := self._pick(found, label):
                return hit, "alias"
        if hit := self._pick(self.candidates.keyed(mention), label):
            return hit, "key"
        cfg = self.config
        fuzzy = self.candidates.fuzzy(mention, label, cfg.fuzzy_min_chars, cfg.fuzzy_min_ratio)
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
        return self._identity(mention, label)[0]

    def _identity(self, mention: str, label: str) -> tuple[Identity, str]:
        hit, how = self.lookup(mention, label)
        if hit is not None:
            return Identity(hit.id, hit.name, hit.name_en, known=True), how
        key = variant_key(mention) or "unnamed"
        return Identity(local_id(label, key), surface_stem(mention), None, known=False), "local"

    def kb_label(self, ent: Entity, tagger_score: float | None = None) -> str:
        """The label the mention keeps. Where the KB holds the name exactly, only under
        another label, the KB's label wins between a person and a place or body when the
        entity is curated or a country (ক্রেমলিন tagged PER is ORG), or has a QID and the
        tagger was unsure (পিয়ংইয়ং tagged PER is LOC); between place and body (a country
        for its government, a court for its premises) only when the tagger was unsure.
        ``tagger_score``: the tagger's confidence in this label for this name across the
        document (default: this mention's score)."""
        score = ent.score if tagger_score is None else tagger_score
        unsure = score < self.config.kb_label_max_score
        candidates = self._named(ent.text)
        best = most_likely(candidates)
        if best is None or any(c.label == ent.label for c in candidates):
            return ent.label
        if {ent.label, best.label} <= {"LOC", "ORG"}:
            return best.label if unsure else ent.label
        sure = best.trusted_as(self.config.relabel_min_tier)
        return best.label if sure or (best.qid and unsure) else ent.label

    def _named(self, mention: str) -> list[KbEntity]:
        """The entities a mention names exactly (after case endings), else by a variant key
        long enough to be safe (কিইভ = কিয়েভ) where every such entity has one label."""
        if exact := self.candidates.exact_first(mention):
            return exact
        by_key = self.candidates.keyed(mention, self.config.fuzzy_min_chars)
        return by_key if len({c.label for c in by_key}) == 1 else []

    def _decide(self, ent: Entity, text: str, evidence: _Evidence) -> Decision:
        """Label, then ID, for one mention (the document's evidence on its label)."""
        person = evidence.part_of_a_person(ent)
        if person and (ent.label == "PER" or not self._trusted_place_or_body(ent)):
            ent.label = "PER"
        else:
            ent.label = self.kb_label(ent, evidence.tagger_score(ent))
        who, how = self._identity(ent.text, ent.label)
        ent.id, ent.name, ent.name_en = who.id, who.name, who.name_en
        confirmed = who.known or (
            ent.score >= self.config.confirm_min_score and not self._holds_a_kb_name(ent, text)
        )
        return Decision(ent, how, confirmed)

    def _trusted_place_or_body(self, ent: Entity) -> bool:
        """The KB holds the name as a place or body it trusts (a user's or curated entity, or
        a country: ``relabel_min_tier``), so a person who shares a word of it does not make
        it a person (ওয়াশিংটন read as a body beside ডেনজেল ওয়াশিংটন)."""
        return any(
            c.label != "PER" and c.trusted_as(self.config.relabel_min_tier)
            for c in self._named(ent.text)
        )

    def _holds_a_kb_name(self, ent: Entity, text: str) -> bool:
        """A KB name of the mention's own label plus common words (a span that ran on,
        ``ট্রাম্প প্রশাসনের``): not to be trusted as a name of its own."""
        words = list(WORD.finditer(text, ent.start, ent.end))
        for i, j in itertools.combinations(range(len(words) + 1), 2):
            if j - i == len(words):
                continue
            hit = self.spans.known(text[words[i].start() : words[j - 1].end()])
            extra = words[:i] + words[j:]
            if (
                hit is not None
                and hit.label == ent.label
                and any(is_common(w.group()) for w in extra)
            ):
                return True
        return False

    # --- the document --------------------------------------------------------
    def decide(self, ents: Sequence[Entity], text: str) -> list[Decision]:
        """The joint decision, label then ID, on copies of every name mention, using what
        the whole document says about each name's label."""
        names = [replace(e) for e in ents if e.label in NAME_LABELS]
        evidence = _Evidence.of(names)
        return [self._decide(e, text, evidence) for e in names]

    def in_context(
        self, decided: Sequence[Decision], ents: Sequence[Entity], text: str
    ) -> list[Entity]:
        """Document consistency (models.linking.context) on copies of the decisions (the
        names of ``ents``, decided): IDs lent between mentions, and confirmed names found
        again; returns every mention."""
        decisions = [Decision(replace(d.ent), d.how, d.confirmed) for d in decided]
        context.short_names(decisions)
        context.other_readings(decisions)
        context.acronyms(decisions, text)
        added = context.repeats(
            decisions,
            [(e.start, e.end) for e in ents],
            text,
            self.config.gazetteer_score,
            # the KB pass adds exact KB names; a spelling the KB knows only by its variant
            # key (ভস্টোচনিতে for ভস্তোচনি) follows the document's confirmed mention
            lambda surface: self.spans.exact_alias(surface) is not None,
        )
        # a place found again takes its type word as the KB's names do (ভস্টোচনি মহাকাশ বন্দরে)
        repeated = [self.spans.with_place_head(d.ent, text, list(ents)) for d in added]
        others = [e for e in ents if e.label not in NAME_LABELS]
        return sorted(others + [d.ent for d in decisions] + repeated, key=lambda e: e.start)

    def link(self, entities: list[Entity], text: str) -> list[Entity]:
        """Repair spans, then give every name mention its label and ID, using the whole
        document; returns every mention (DATEs untouched), in text order: the linker's
        steps of models.steps, all of them."""
        return run_steps(LINKER_STEPS, Document(normalize(text)), entities, self)
