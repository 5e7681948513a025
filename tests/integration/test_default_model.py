"""The real default model on a Bengali news paragraph (built by `make model` if missing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import banglaner
from banglaner.models.pipeline import Pipeline
from banglaner.models.settings import CoreSettings
from tests.conftest import PARAGRAPH

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    settings = CoreSettings()
    if not (settings.resolved_model_dir / "config.json").is_file():
        subprocess.run([sys.executable, "-m", "banglaner", "train", "--if-missing"], check=True)
    return banglaner.load()  # the Python front door, on the settings the environment gives


def test_paragraph(pipeline) -> None:
    entities = pipeline.extract(PARAGRAPH)
    found = {(e.text, e.label) for e in entities}
    for e in entities:
        assert PARAGRAPH[e.start : e.end] == e.text
    expected = {
        ("ভ্লাদিমির পুতিন", "PER"),
        ("রাশিয়ার", "LOC"),
        ("উত্তর কোরিয়ার", "LOC"),
        ("রয়টার্স", "ORG"),
        ("গতকাল বুধবার", "DATE"),
        ("১৩ সেপ্টেম্বর, ২০২৩", "DATE"),
        ("শেখ হাসিনা", "PER"),
        ("দিল্লি", "LOC"),
        ("ঢাকায়", "LOC"),
    }
    hits = expected & found
    assert len(hits) >= 7, f"found {sorted(found)}"
    assert not any(label == "PER" and text in {"প্রেসিডেন্ট", "নেতা"} for text, label in found)


def test_the_python_front_door(pipeline) -> None:
    """The README's example: ``nlp(text, date=...)`` and ``nlp.pipe``."""
    text = "শেখ হাসিনা গতকাল দিল্লি গেছেন।"
    day = date(2024, 3, 12)
    found = {(e.text, e.label, e.value) for e in pipeline(text, date=day)}
    assert {("গতকাল", "DATE", "2024-03-11"), ("দিল্লি", "LOC", None)} <= found, found
    piped = list(pipeline.pipe([text, PARAGRAPH], batch_size=1, dates=[day, day]))
    assert piped == [pipeline(text, date=day), pipeline(PARAGRAPH, date=day)]


def test_paragraph_ids(pipeline) -> None:
    """Canonical IDs on the real model's mentions: QIDs from the KB, names for display."""
    by_text = {e.text: e for e in pipeline.extract(PARAGRAPH)}
    expected = {
        "ভ্লাদিমির পুতিন": "Q7747",
        "রাশিয়ার": "Q159",
        "উত্তর কোরিয়ার": "Q423",
        "রয়টার্স": "Q130879",
        "ঢাকায়": "Q1354",
    }
    found = {t: by_text[t].id for t in expected if t in by_text}
    assert len(found) >= 4 and all(found[t] == expected[t] for t in found), found
    for e in by_text.values():
        assert (e.id is None) == (e.label == "DATE") and (e.name is None) == (e.label == "DATE")


def test_the_card_vostochny_forms_get_one_id(pipeline) -> None:
    """The card's example through the real tagger: four forms, one entity."""
    text = (
        "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিন বুধবার ভস্তোচনি কসমোড্রোমে কিম জং-উনকে স্বাগত জানান। "
        "ভোস্টোচনি মহাকাশ বন্দর আমুর অঞ্চলে। ভোস্টোচনি স্পেসপোর্টের রকেট দেখেন কিম। "
        "পরে ভস্টোচনিতে দুই নেতা নৈশভোজে অংশ নেন।"
    )
    forms = ["ভস্তোচনি কসমোড্রোমে", "ভোস্টোচনি মহাকাশ বন্দর", "ভোস্টোচনি স্পেসপোর্টের", "ভস্টোচনিতে"]
    by_text = {e.text: e for e in pipeline.extract(text)}
    assert all(f in by_text for f in forms), sorted(by_text)
    assert len({by_text[f].id for f in forms}) == 1 and by_text[forms[0]].label == "LOC"
    assert by_text["ভ্লাদিমির পুতিন"].id == "Q7747"


def test_a_wikidata_dump_import_gives_its_qids(pipeline, tmp_path) -> None:
    """As a user would: import a dump in the official format (tests/data holds a small
    one: made-up people, places and an academy, classes reached through P279), then
    extract; the imported entities come back with their QIDs, and a curated entity
    without a QID takes the one the dump gives it."""
    env = {
        **os.environ,
        "BANGLANER_HOME": str(tmp_path),
        "BANGLANER_MODEL_DIR": str(CoreSettings().resolved_model_dir),
    }
    dump = Path(__file__).resolve().parents[1] / "data" / "wikidata-sample.json"
    cli = [sys.executable, "-m", "banglaner"]
    imported = subprocess.run([*cli, "kb", "import-wikidata", str(dump)], env=env, text=True,
                              capture_output=True)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    text = (
        "খুলনা নদী একাডেমির অধ্যক্ষ তাহমিদুল করিম শ্রাবন্ত গতকাল রূপসা নদীবন্দরে এক সভায় "
        "বক্তব্য দেন। পরে তিনি ভস্তোচনি কসমোড্রোমে যান।"
    )
    out = subprocess.run([*cli, "extract", text], env=env, text=True, capture_output=True)
    assert out.returncode == 0, out.stderr
    ids = {e["text"]: e["id"] for e in json.loads(out.stdout)["entities"]}
    assert ids["খুলনা নদী একাডেমির"] == "Q99000003"
    assert ids["তাহমিদুল করিম শ্রাবন্ত"] == "Q99000001"
    assert ids["রূপসা নদীবন্দরে"] == "Q99000002"
    assert ids["ভস্তোচনি কসমোড্রোমে"] == "Q99000007"
