"""The real default model on a Bengali news paragraph (built by `make model` if missing)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from service.loading import load_pipeline

from models.pipeline import Pipeline
from service.settings import get_settings
from tests.conftest import PARAGRAPH

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    model_dir = get_settings().resolved_model_dir
    if not (model_dir / "config.json").is_file():
        subprocess.run([sys.executable, "-m", "service.cli", "train", "--if-missing"], check=True)
    return load_pipeline(get_settings())


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
