"""What a KB match is, said once: the entities a mention's text may name, and which of them
a rule may trust. Span repair and the linker look the KB up only through here.

A text names an entity

* **exactly**: one of its alias forms (the text with a case ending stripped, fewest
  letters first: models.kb.variant_key.surface_forms) is one of the entity's aliases;
* **by variant key**: its key (one string for every spelling and case form) is the
  entity's, where the key is long enough not to collide (acronyms' keys are short);
* **fuzzily**: its key is close to one of an entity's of the same label.

Which candidates a rule trusts is its trust tier (models.kb.sources.TIERS); among several,
the prior picks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from banglaner.models.kb.store import KbEntity, KnowledgeBase
from banglaner.models.kb.variant_key import surface_forms, variant_key


@dataclass(frozen=True, slots=True)
class Candidates:
    kb: KnowledgeBase

    def by_form(self, surface: str) -> Iterator[list[KbEntity]]:
        """The entities each alias form of ``surface`` names, fewest letters stripped first."""
        return (self.kb.by_alias(form) for form in surface_forms(surface))

    def exact(self, surface: str) -> list[KbEntity]:
        """Every entity ``surface`` names exactly, under any of its alias forms."""
        return [c for found in self.by_form(surface) for c in found]

    def exact_first(self, surface: str) -> list[KbEntity]:
        """The entities of the first alias form of ``surface`` that names any."""
        return next((found for found in self.by_form(surface) if found), [])

    def keyed(self, surface: str, min_chars: int = 0) -> list[KbEntity]:
        """The entities of ``surface``'s variant key, if the key has ``min_chars`` or more."""
        key = variant_key(surface)
        return self.kb.by_key(key) if len(key) >= min_chars else []

    def fuzzy(self, surface: str, label: str, min_chars: int, min_ratio: float) -> list[KbEntity]:
        """Entities of ``label`` whose key is close to ``surface``'s, if that is long enough."""
        key = variant_key(surface)
        return self.kb.fuzzy(key, label, min_ratio) if len(key) >= min_chars else []


def most_likely(candidates: Iterable[KbEntity], tier: str | None = None) -> KbEntity | None:
    """The candidate of highest prior, among those of trust ``tier`` or higher if given."""
    trusted = [c for c in candidates if tier is None or c.trusted_as(tier)]
    return max(trusted, key=lambda c: c.prior) if trusted else None
