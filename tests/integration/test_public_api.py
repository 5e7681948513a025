"""The Python front door: ``banglaner.load``, ``nlp(text, date=...)``, ``nlp.pipe``."""

from __future__ import annotations

import json
from datetime import date

import pytest

import banglaner
from tests.conftest import DATA

TRAIN = (DATA / "tiny_train.jsonl").read_text("utf-8").splitlines()
TEXTS = [json.loads(line)["text"] for line in TRAIN if line.strip()][:20]


@pytest.fixture(scope="module")
def nlp(tiny_model, packaged_kb_path):
    return banglaner.load(tiny_model, kb_path=packaged_kb_path, runtime="onnx")


def test_load_reads_settings_by_name(nlp) -> None:
    assert nlp.runtime.runtime == "onnx"
    assert nlp.linker is not None


def test_a_call_resolves_relative_dates_against_the_given_date(nlp) -> None:
    text = "গতকাল ঢাকায় বৈঠক হয়েছে।"
    dates = [e for e in nlp(text, date=date(2024, 3, 12)) if e.label == "DATE"]
    assert [(text[d.start : d.end], d.value) for d in dates] == [("গতকাল", "2024-03-11")]


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_pipe_gives_each_text_what_a_call_gives(nlp, batch_size) -> None:
    texts = TEXTS
    alone = [nlp(t, date=date(2024, 3, 12)) for t in texts]
    assert any(alone), "the tiny model finds something in its own training sentences"
    piped = nlp.pipe(iter(texts), batch_size=batch_size, dates=[date(2024, 3, 12)] * len(texts))
    assert list(piped) == alone


def test_pipe_refuses_dates_that_do_not_match_the_texts(nlp) -> None:
    with pytest.raises(ValueError):
        list(nlp.pipe(["ঢাকা", "খুলনা"], dates=[date(2024, 3, 12)]))
