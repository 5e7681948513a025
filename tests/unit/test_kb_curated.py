"""The curated sections: big enough, one line per entity, no alias silently shared, no QID
given to two entities, every alias and acronym resolving to its own entity (on the packaged
KB; the integration tier repeats the last check with every source)."""

from __future__ import annotations

from collections import Counter

from banglaner.models.kb.check import (
    CuratedEntry,
    coverage,
    curated_entries,
    shared_aliases,
    shared_qids,
    unresolved_aliases,
)
from banglaner.models.kb.sources import curated_files, parse_curated


def test_coverage_by_label_and_section() -> None:
    entries = curated_entries()
    labels = Counter(e.record.label for e in entries)
    assert labels["ORG"] >= 900 and labels["PER"] >= 400
    table = coverage(entries)
    assert f"| **all curated** | {labels['PER']} | {labels['LOC']} | {labels['ORG']} |" in table
    sections = {e.section for e in entries}
    assert {
        "bd-state.yaml",
        "bd-politics-media.yaml",
        "world-orgs.yaml",
        "people-world.yaml",
    } <= sections
    for section in curated_files():
        lines = section.read_text("utf-8").splitlines()
        assert lines[0].startswith("#") and any(line.startswith("# ---") for line in lines)
        entities = [line for line in lines if line.startswith("- {")]
        assert entities and all(line.endswith("}") for line in entities)  # one line each


def test_no_alias_is_shared_unless_marked() -> None:
    assert shared_aliases(curated_entries()) == []


def test_no_qid_is_given_to_two_entities() -> None:
    assert shared_qids(curated_entries()) == []
    slip = parse_curated(
        "- {l: LOC, bn: জেনেভা, en: Geneva, qid: Q71}\n"
        "- {l: ORG, bn: আন্তর্জাতিক রেড ক্রস কমিটি, en: ICRC, qid: Q71}\n"
        "- {l: LOC, bn: জেনিভা, en: Geneva, qid: Q71}\n",
        "slip.yaml",
    )
    problems = shared_qids([CuratedEntry("slip.yaml", r) for r in slip])
    assert len(problems) == 1 and "Q71" in problems[0] and "রেড ক্রস" in problems[0]


def test_every_alias_resolves_to_its_entity(linker) -> None:
    problems = unresolved_aliases(curated_entries(), lambda a, label: linker.lookup(a, label)[0])
    assert problems == [], "\n".join(problems[:20])
