"""Importing Wikidata: every entity Wikidata knows in Bengali (or English), at dump scale.

``import_dump`` streams the official JSON dump (``latest-all.json.gz`` or ``.bz2``: a JSON
array with one entity per line) or any filtered subset of it in the same format, twice:

1. the class hierarchy: every item with ``P279`` (subclass of) edges, so a class maps to
   PER, LOC or ORG when it is one of ``CLASS_ROOTS`` or a subclass of one;
2. the entities: an item whose ``P31`` (instance of) is such a class, with a Bengali or
   English label, becomes an entity: its QID, Bengali label and aliases, English label,
   and a prior from its sitelink count (the number of Wikipedias that have a page on it).

It writes them, a few thousand rows at a time, into a staging SQLite file
(``$BANGLANER_HOME/kb/wikidata.sqlite``) in bounded memory (the class map and one batch);
``build_kb`` merges that file into the one KB (``merge_wikidata``): imported entities form
the ``wikidata`` tier, looked up in SQLite by index rather than held in memory, and a
curated or local entity without a QID that names exactly one imported entity of its label
takes that QID (imported QIDs are certain by construction).
"""

from __future__ import annotations

import bz2
import gzip
import json
import math
import sqlite3
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from banglaner.models.kb.schema import TABLES
from banglaner.models.kb.variant_key import alias_form, variant_key

# The classes an item's P31 must reach (itself or by P279) to be an entity, by label.
# PER before ORG before LOC: an item that is both a human and a place is a human.
CLASS_ROOTS: dict[str, tuple[str, ...]] = {
    "PER": ("Q5",),  # human
    "ORG": (
        "Q43229",  # organization
        "Q4830453",  # business
        "Q7278",  # political party
        "Q327333",  # government agency
        "Q2385804",  # educational institution
        "Q1002697",  # periodical literature (newspapers)
        "Q15265344",  # broadcaster
        "Q476028",  # association football club
    ),
    "LOC": (
        "Q6256",  # country
        "Q486972",  # human settlement
        "Q56061",  # administrative territorial entity
        "Q82794",  # geographic region
        "Q618123",  # geographical feature
        "Q41176",  # building
        "Q811979",  # architectural structure
        "Q1248784",  # airport
        "Q2221906",  # geographic location
    ),
}
LABEL_ORDER = ("PER", "ORG", "LOC")
BATCH = 5000
STAGING_INDEX = "CREATE INDEX IF NOT EXISTS aliases_key ON aliases (key)"
# an entity as the dump's JSON gives it
EntityJson = dict[str, Any]
# rows of the staging file's tables (models.kb.schema): entities (id, label, name_bn,
# name_en, qid, sources, prior, country, tier) and aliases (alias, key, entity_id, source)
EntityRow = tuple[str, str, str | None, str | None, str, str, float, None, str]
AliasRow = tuple[str, str, str, str]


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_dump(path: Path) -> Iterator[EntityJson]:
    """The entities of a dump: one JSON object per line inside a JSON array."""
    with _open(path) as fh:
        for line in fh:
            line = line.strip().rstrip(",")
            if line in ("", "[", "]"):
                continue
            yield json.loads(line)


def _claim_ids(entity: EntityJson, prop: str) -> list[str]:
    out = []
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            out.append(value["id"])
    return out


def class_labels(path: Path) -> dict[str, str]:
    """Every class the dump says is a root's subclass (or is a root), with its label."""
    children: dict[str, list[str]] = defaultdict(list)
    for entity in read_dump(path):
        for parent in _claim_ids(entity, "P279"):
            children[parent].append(entity["id"])
    labels: dict[str, str] = {}
    for label in LABEL_ORDER:
        queue = deque(CLASS_ROOTS[label])
        while queue:
            cls = queue.popleft()
            if cls in labels:
                continue
            labels[cls] = label
            queue.extend(children.get(cls, ()))
    return labels


def _label_of(entity: EntityJson, classes: dict[str, str]) -> str | None:
    found = {classes[c] for c in _claim_ids(entity, "P31") if c in classes}
    return next((label for label in LABEL_ORDER if label in found), None)


def _text(entity: EntityJson, field: str, lang: str) -> str | None:
    value = entity.get(field, {}).get(lang)
    return value.get("value") if isinstance(value, dict) else None


def _rows(entity: EntityJson, label: str) -> tuple[EntityRow, list[AliasRow]] | None:
    """The entity row and its alias rows, or None without a Bengali or English label."""
    qid = entity["id"]
    bn, en = _text(entity, "labels", "bn"), _text(entity, "labels", "en")
    if not (bn or en):
        return None
    names = [n for n in (bn, en) if n]
    names += [a["value"] for a in entity.get("aliases", {}).get("bn", []) if a.get("value")]
    prior = 50.0 + 10 * math.log10(1 + len(entity.get("sitelinks", {})))
    entity_row = (qid, label, bn, en, qid, "wikidata", prior, None, "wikidata")
    aliases = {alias_form(n): variant_key(n) for n in names if alias_form(n)}
    return entity_row, [(form, key, qid, "wikidata") for form, key in aliases.items()]


def import_dump(
    path: Path, staging: Path, progress: Callable[[int], None] | None = None
) -> dict[str, object]:
    """Write the dump's entities into ``staging`` (replaced atomically); returns counts."""
    started = time.perf_counter()
    classes = class_labels(path)
    tmp = staging.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    counts: dict[str, int] = defaultdict(int)
    with sqlite3.connect(tmp) as db:
        db.executescript(TABLES)
        entities: list[EntityRow] = []
        aliases: list[AliasRow] = []
        for n, entity in enumerate(read_dump(path), 1):
            label = _label_of(entity, classes) if entity.get("type", "item") == "item" else None
            rows = _rows(entity, label) if label else None
            if label and rows is not None:
                entities.append(rows[0])
                aliases += rows[1]
                counts[label] += 1
            if len(entities) >= BATCH:
                _flush(db, entities, aliases)
            if progress and n % 10000 == 0:
                progress(n)
        _flush(db, entities, aliases)
        db.execute(STAGING_INDEX)
        record = {
            "dump": str(path),
            "entities_by_label": dict(counts),
            "classes": len(classes),
            "seconds": round(time.perf_counter() - started, 1),
        }
        db.execute("INSERT INTO meta VALUES ('import', ?)", (json.dumps(record),))
    tmp.replace(staging)
    return record


def _flush(db: sqlite3.Connection, entities: list[EntityRow], aliases: list[AliasRow]) -> None:
    db.executemany("INSERT OR IGNORE INTO entities VALUES (?,?,?,?,?,?,?,?,?)", entities)
    db.executemany("INSERT OR IGNORE INTO aliases VALUES (?,?,?,?)", aliases)
    entities.clear()
    aliases.clear()


def merge_wikidata(db: sqlite3.Connection, staging: Path) -> dict[str, object]:
    """Add the imported tier to a KB being built (``db``, its core written), and give the
    core's QID-less entities the QID of the one imported entity of their label and name."""
    db.commit()
    db.execute("ATTACH DATABASE ? AS wd", (f"file:{staging}?mode=ro",))
    try:
        given = _give_qids(db)
        db.execute(
            "INSERT INTO entities SELECT * FROM wd.entities "
            "WHERE id NOT IN (SELECT id FROM main.entities)"
        )
        db.execute(
            "INSERT OR IGNORE INTO aliases SELECT a.* FROM wd.aliases a "
            "JOIN main.entities e ON e.id = a.entity_id"
        )
        imported = db.execute("SELECT value FROM wd.meta WHERE name = 'import'").fetchone()
    finally:
        db.commit()
        db.execute("DETACH DATABASE wd")
    return {**(json.loads(imported[0]) if imported else {}), "qids_given_to_local": given}


def _give_qids(db: sqlite3.Connection) -> int:
    """Local (QID-less) core entities whose name's key names exactly one imported entity of
    their label become that QID: they keep their names and take the imported ones (the
    imported row is then skipped: its QID is the core entity's)."""
    local = db.execute(
        "SELECT id, label, name_bn FROM main.entities WHERE qid IS NULL AND name_bn IS NOT NULL"
    ).fetchall()
    given = 0
    for old, label, name in local:
        found = db.execute(
            "SELECT DISTINCT w.entity_id FROM wd.aliases w JOIN wd.entities e ON e.id = w.entity_id"
            " WHERE w.key = ? AND e.label = ? LIMIT 2",
            (variant_key(name), label),
        ).fetchall()
        if len(found) != 1:
            continue
        (qid,) = found[0]
        if db.execute("SELECT 1 FROM main.entities WHERE id = ?", (qid,)).fetchone():
            continue  # the QID is already a core entity's
        db.execute("UPDATE main.entities SET id = ?, qid = ? WHERE id = ?", (qid, qid, old))
        db.execute("UPDATE main.aliases SET entity_id = ? WHERE entity_id = ?", (qid, old))
        given += 1
    return given
