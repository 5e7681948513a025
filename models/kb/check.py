"""Checks on the curated sections, run by the tests and by ``banglaner kb check``.

Curated lines are typed by hand, so three kinds of slip are caught here rather
than in production: one alias given to two entities (the linker would pick
one of them silently), one QID given to two different entities (entries with
one QID are one entity: a body given its city's QID would merge with it), and an
alias or acronym that the built KB resolves to some other entity (a place or
another organisation with the same variant key). An alias two entities really
share is listed in both entries' ``amb``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from banglaner.models.kb.sources import KbRecord, curated_files, parse_curated
from banglaner.models.kb.variant_key import alias_form
from banglaner.models.labels import NAME_LABELS

if TYPE_CHECKING:
    from banglaner.models.kb.store import KbEntity


@dataclass(frozen=True, slots=True)
class CuratedEntry:
    section: str
    record: KbRecord

    @property
    def ref(self) -> str:
        r = self.record
        return f"{self.section}: {r.label} {r.name_bn} ({r.qid or r.name_en or '-'})"


def curated_entries() -> list[CuratedEntry]:
    return [
        CuratedEntry(section.name, record)
        for section in curated_files()
        for record in parse_curated(section.read_text("utf-8"), section.name)
    ]


def _identity(record: KbRecord) -> str:
    """Two entries describe one entity only when they share a QID."""
    return record.qid or f"{record.label}:{alias_form(record.name_bn or '')}"


def shared_aliases(entries: list[CuratedEntry]) -> list[str]:
    """Aliases (in their exact-match form) given to two entities and not marked ``amb``."""
    owners: dict[str, dict[str, CuratedEntry]] = defaultdict(dict)
    for entry in entries:
        for name in entry.record.all_names():
            owners[alias_form(name)].setdefault(_identity(entry.record), entry)
    problems = []
    for form, by_entity in sorted(owners.items()):
        if len(by_entity) < 2:
            continue
        unmarked = [
            e for e in by_entity.values() if form not in {alias_form(a) for a in e.record.shared}
        ]
        if unmarked:
            refs = "; ".join(e.ref for e in by_entity.values())
            problems.append(f"alias {form!r} is shared by {refs} (mark it in amb: or remove it)")
    return problems


def shared_qids(entries: list[CuratedEntry]) -> list[str]:
    """QIDs given to entries of different labels (the International Committee of the Red
    Cross once had Geneva's): entries sharing a QID are read as one entity."""
    labels: dict[str, dict[str, CuratedEntry]] = defaultdict(dict)
    for entry in entries:
        if entry.record.qid:
            labels[entry.record.qid].setdefault(entry.record.label, entry)
    return [
        f"QID {qid} is given to {'; '.join(e.ref for e in by_label.values())} (one is wrong)"
        for qid, by_label in sorted(labels.items())
        if len(by_label) > 1
    ]


def unresolved_aliases(
    entries: list[CuratedEntry], lookup: Callable[[str, str], KbEntity | None]
) -> list[str]:
    """Aliases (acronyms included) of an entry that ``lookup(alias, label) -> KbEntity | None``
    (the linker over the built KB) does not resolve to that entry's entity."""
    problems = []
    for entry in entries:
        r = entry.record
        marked = {alias_form(a) for a in r.shared}
        for alias in r.all_names():
            if alias_form(alias) in marked:
                continue
            hit = lookup(alias, r.label)
            if hit is None or (hit.id != r.qid if r.qid else hit.name_bn != r.name_bn):
                got = "nothing" if hit is None else f"{hit.label} {hit.name} ({hit.id})"
                problems.append(f"{alias!r} of {entry.ref} resolves to {got}")
    return problems


def coverage(entries: list[CuratedEntry]) -> str:
    """Entities per section and label, as a Markdown table (the README's)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for e in entries:
        counts[e.section][e.record.label] += 1
    total = sum(counts.values(), Counter())
    rows = [f"| section | {' | '.join(NAME_LABELS)} | all |", "|---|---|---|---|---|"]
    for name, c in [*sorted(counts.items()), ("**all curated**", total)]:
        rows.append(
            f"| {name} | " + " | ".join(str(c[x]) for x in NAME_LABELS) + f" | {c.total()} |"
        )
    return "\n".join(rows)


def source_conflicts(kb_path: str | Path, limit: int = 20) -> tuple[int, list[str]]:
    """Names two sources give to different entities of one label (a user's entity shadowing
    a curated one, a Wikidata item beside a Natural Earth place): how many, and the first
    ``limit``, most trusted tier first. Where they disagree the more trusted tier wins
    (models.kb.sources.TIERS)."""
    import sqlite3

    sql = """
        SELECT a.alias, e.label, group_concat(e.tier || ' ' || e.id, ' | ')
        FROM aliases a JOIN entities e ON e.id = a.entity_id
        GROUP BY a.alias, e.label HAVING count(DISTINCT e.tier) > 1
    """
    with sqlite3.connect(f"file:{kb_path}?mode=ro", uri=True) as db:
        rows = db.execute(sql).fetchall()
    shown = [f"{label} {alias!r}: {owners}" for alias, label, owners in rows[:limit]]
    return len(rows), shown
