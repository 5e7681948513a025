"""Same text, same answer: on every runtime ``auto`` can pick, a text's entities do not
depend on the texts it is batched with (Pipeline.extract_many, nlp.pipe), and the encoder's
probabilities for it are bit for bit the same alone and in a batch."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banglaner.models.encoders import RUNTIME_INFO, choose_runtime
from banglaner.models.pipeline import Pipeline
from tests.conftest import DATA, PARAGRAPH

# the runtimes auto may choose on a CPU (models.encoders.choose_runtime)
AUTO_CPU = [r for r, info in RUNTIME_INFO.items() if info.batch_independent and info.cpu]
SENTENCES = [
    json.loads(line)["text"]
    for path in (DATA / "tiny_train.jsonl", DATA / "dates_bn.jsonl")
    for line in path.read_text("utf-8").splitlines()
    if line.strip()
]


def test_auto_never_picks_a_batch_dependent_runtime(tiny_model, tmp_path) -> None:
    assert set(AUTO_CPU) == {"torch", "torch-bf16", "onnx", "onnx-int8-static"}
    record = tmp_path / "runtime.json"
    for chosen in ("onnx-int8", "onnx-int8-static"):
        model = tmp_path / chosen
        model.mkdir()
        (model / "onnx").symlink_to(tiny_model / "onnx")
        (model / "runtime.json").write_text(json.dumps({"chosen": chosen, "why": "test"}))
        picked = choose_runtime("auto", "cpu", model).runtime
        assert picked == ("onnx" if chosen == "onnx-int8" else chosen)
    assert not record.exists()


@pytest.fixture(scope="module", params=AUTO_CPU)
def pipeline(request, tiny_model, packaged_kb_path) -> Pipeline:
    pipe = Pipeline.load(tiny_model, device="cpu", kb_path=packaged_kb_path, runtime=request.param)
    assert pipe.runtime.runtime == request.param
    return pipe


def _mentions(entities) -> list[dict]:
    return [e.to_dict() for e in entities]


texts = st.lists(
    st.builds(
        lambda picks, tail: " ".join(SENTENCES[i] for i in picks) + tail,
        st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=6),
        st.sampled_from(["", " ঢাকা", "।", f" {PARAGRAPH[:60]}"]),
    ),
    min_size=2,
    max_size=12,
)


@settings(max_examples=15, deadline=None)
@given(batch=texts, seed=st.integers(0, 2**16))
def test_alone_equals_batched(pipeline, batch, seed) -> None:
    """Entities (scores included) of each text alone equal those it gets in a batch of
    random size and neighbours, in any order. The paragraph joins every batch: a draw of
    sentences with no entities at all (durations, negatives) would compare nothing."""
    batch = [*batch, PARAGRAPH]
    alone = [_mentions(pipeline.extract(t)) for t in batch]
    assert any(alone), "the tiny model finds something in these sentences"
    order = np.random.default_rng(seed).permutation(len(batch))
    shuffled = pipeline.extract_many([batch[i] for i in order])
    assert [_mentions(shuffled[k]) for k in np.argsort(order)] == alone


def test_probabilities_bit_for_bit(pipeline) -> None:
    tagger = pipeline.tagger
    batch = SENTENCES[:40]
    together = tagger.word_probabilities(batch)
    assert len(together) == 40
    for text, probs in zip(batch, together, strict=True):
        assert np.array_equal(tagger.word_probabilities([text])[0], probs)


@pytest.mark.parametrize("runtime", AUTO_CPU)
def test_spacy_pipe_batch_sizes(tiny_model, packaged_kb_path, runtime) -> None:
    import spacy

    nlp = spacy.blank("bn")
    config = {"model_dir": str(tiny_model), "kb_path": str(packaged_kb_path), "device": "cpu"}
    nlp.add_pipe("banglaner", config={**config, "runtime": runtime})
    batch = SENTENCES[:30]
    runs = [
        [[(e.start_char, e.end_char, e.label_, e.kb_id_) for e in d.ents] for d in docs]
        for docs in (nlp.pipe(batch, batch_size=size) for size in (1, 4, 7, 30))
    ]
    assert any(runs[0]) and all(run == runs[0] for run in runs)
