"""Your own entities and a Wikidata import, in the one KB file (packaged sources only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from banglaner.models.kb.store import (
    KbInputs,
    KnowledgeBase,
    build_kb,
    is_current,
    read_build_record,
)
from banglaner.models.kb.user import UserEntityError
from banglaner.models.kb.wikidata import import_dump
from banglaner.models.linker import Linker
from tests.conftest import DATA, PACKAGED_SOURCES, mentions

USER = [  # made-up entities of a Khulna desk: names no built-in source has
    {"id": "khulna:rupsha-textile", "label": "ORG", "name": "রূপসা টেক্সটাইল লিমিটেড",
     "aliases": ["রূপসা টেক্স"], "name_en": "Rupsha Textile Ltd"},
    {"id": "khulna:nazmul-huda-rubel", "label": "PER", "name": "নাজমুল হুদা রুবেল",
     "aliases": ["রুবেল হুদা"], "description": "ward councillor"},
    {"id": "khulna:un-desk", "label": "ORG", "name": "জাতিসংঘ"},  # shadows a built-in name
]  # fmt: skip


def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _build(tmp_path: Path, inputs: KbInputs) -> Path:
    path = tmp_path / "kb.sqlite"
    build_kb(Path("/nonexistent"), path, sources=PACKAGED_SOURCES, inputs=inputs)
    assert is_current(path, inputs) and not is_current(path)
    return path


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> Path:
    staging = tmp_path_factory.mktemp("wd") / "wikidata.sqlite"
    record = import_dump(DATA / "wikidata-sample.json", staging)
    assert record["entities_by_label"] == {"PER": 1, "LOC": 2, "ORG": 2}
    return staging


def test_user_entities_get_their_own_ids_in_every_form(tmp_path) -> None:
    user = _jsonl(tmp_path / "desk.jsonl", USER)
    linker = Linker(KnowledgeBase.open(_build(tmp_path, KbInputs((user,)))))
    text = "রূপসা টেক্সের শ্রমিকদের সঙ্গে নাজমুল হুদা রুবেলের বৈঠক হয়। পরে রুবেল হুদা চিঠি দেন জাতিসংঘের কাছে।"
    # the tagger found one name; the user's others are added as trusted KB names
    ents = linker.link(mentions(text, [("নাজমুল হুদা রুবেলের", "PER")]), text)
    ids = {e.text: e.id for e in ents}
    assert ids == {
        "রূপসা টেক্সের": "khulna:rupsha-textile",
        "নাজমুল হুদা রুবেলের": "khulna:nazmul-huda-rubel",
        "রুবেল হুদা": "khulna:nazmul-huda-rubel",
        "জাতিসংঘের": "khulna:un-desk",  # the user's entity wins a name a built-in one has
    }
    record = read_build_record(tmp_path / "kb.sqlite")
    assert (
        record["entities_by_tier"]["user"] == 3 and record["records_by_source"]["user:desk.jsonl"]
    )


def test_a_csv_file_reads_like_jsonl(tmp_path) -> None:
    csv = tmp_path / "desk.csv"
    csv.write_text(
        "id,label,name,aliases,name_en\n"
        "khulna:rupsha-textile,ORG,রূপসা টেক্সটাইল লিমিটেড,রূপসা টেক্স|রূপসা টেক্সটাইল,Rupsha Textile\n",
        "utf-8",
    )
    linker = Linker(KnowledgeBase.open(_build(tmp_path, KbInputs((csv,)))))
    assert linker.lookup("রূপসা টেক্সটাইলের", "ORG")[0].id == "khulna:rupsha-textile"


def test_a_malformed_file_names_every_problem_and_changes_nothing(tmp_path) -> None:
    good = _jsonl(tmp_path / "good.jsonl", USER[:1])
    path = _build(tmp_path, KbInputs((good,)))
    before = path.read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "label": "PER", "name": "ক খ"}),
                json.dumps({"id": "b", "label": "GPE", "name": "গ ঘ"}),
                json.dumps({"id": "c", "label": "ORG", "name": " "}),
                json.dumps({"id": "a", "label": "ORG", "name": "চ ছ"}),
                json.dumps({"id": "d", "label": "LOC", "name": "জ ঝ", "aliases": ["ক খ"]}),
                "{not json",
            ]
        )
        + "\n",
        "utf-8",
    )
    with pytest.raises(UserEntityError) as error:
        build_kb(Path("/x"), path, sources=PACKAGED_SOURCES, inputs=KbInputs((good, bad)))
    message = str(error.value)
    for line, problem in (
        (2, "label 'GPE'"),
        (3, "name must be"),
        (4, "duplicate id 'a' (first on line 1)"),
        (5, "also a name of 'a' (line 1)"),
        (6, "not JSON"),
    ):
        assert f"bad.jsonl:{line}: " in message and problem in message, message
    assert "E310" in message and path.read_bytes() == before


def test_a_wikidata_import_is_one_tier_of_the_one_kb(tmp_path, staged) -> None:
    path = _build(tmp_path, KbInputs((), staged))
    record = read_build_record(path)
    assert record["entities_by_tier"]["wikidata"] == 4  # the fifth became a curated entity's
    assert record["wikidata"]["qids_given_to_local"] == 1
    kb = KnowledgeBase.open(path)
    assert all(e.tier != "wikidata" for e in kb.entities.values())  # read by index, not held
    linker = Linker(kb)
    assert linker.lookup("তাহমিদুল করিম শ্রাবন্তের", "PER")[0].id == "Q99000001"
    assert linker.lookup("টি কে শ্রাবন্ত", "PER")[0].id == "Q99000001"  # a Bengali alias
    assert linker.lookup("রূপসা নদীবন্দরে", "LOC")[0].id == "Q99000002"  # via P279 twice
    assert linker.lookup("খুলনা নদী একাডেমির", "ORG")[0].id == "Q99000003"
    assert linker.lookup("Mirzapur Weavers Cooperative", "ORG")[0].id == "Q99000004"
    # a curated entity without a QID that names one imported entity takes its QID
    assert linker.lookup("ভস্তোচনি কসমোড্রোমে", "LOC")[0].id == "Q99000007"
    assert linker.lookup("শুধু একটি শব্দ", "ORG")[0] is None  # a film is no entity
