"""The linker's settings, in one place; the two confidence thresholds are measured on the
world set's dev split by ``bench/tune_linker.py``, the rest on the variant table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LinkerConfig:
    # rapidfuzz ratio on keys, tuned on tests/data/entity_variants.tsv
    fuzzy_min_ratio: float = 90.0
    fuzzy_min_chars: int = 6  # shorter keys differ by one letter between different names
    key_min_chars: int = 5  # span repair trusts a key match only this long (acronyms collide)
    # trust tiers (models.kb.sources.TIERS): span repair acts on the names of users' and
    # curated entities, countries, divisions and districts; the first three's label wins
    repair_min_tier: str = "admin"
    relabel_min_tier: str = "country"
    # a lone place name the tagger missed is added if it is a capital (national or provincial)
    # of a million people or more: prior = 100 + 50 (capital) + 10 log10(population)
    added_place_min_prior: float = 210.0
    kb_label_max_score: float = 0.95  # below it the KB label outvotes the tagger (dev split)
    confirm_min_score: float = 0.7  # an unknown name this sure may lend its ID (dev split)
    common_max_score: float = 0.9  # a mention of common words only, less sure, is dropped
    gazetteer_score: float = 0.8  # score of a KB name, or a repeat, the tagger missed
