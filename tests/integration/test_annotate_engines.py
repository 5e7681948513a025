"""The batch job on real corpus text: killed several times and resumed, and on every engine,
it writes exactly the lines of one uninterrupted run."""

from __future__ import annotations

from pathlib import Path

import pytest

from banglaner.training.corpora import load_corpus
from tests.annotate_run import (
    MAX_CHARS,
    annotate,
    annotate_env,
    kill_after_lines,
    lines,
    write_corpus,
)

DOCS = 240
ARGS = ["--chunk-docs", "4", "--max-chars", MAX_CHARS]


@pytest.fixture(scope="module")
def corpus(data_dir, tmp_path_factory) -> Path:
    sentences = [s.text for s in load_corpus("rifat-test", data_dir)]
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", sentences, DOCS)


@pytest.fixture(scope="module")
def env(corpus_model, kb_path) -> dict[str, str]:
    return annotate_env(corpus_model, kb_path)


@pytest.fixture(scope="module")
def reference(corpus, env, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    annotate(env, str(corpus), "-o", str(out), *ARGS, "--workers", "1")
    return out


def test_killed_three_times_then_resumed(reference, corpus, env, tmp_path):
    out = tmp_path / "out.jsonl"
    args = [str(corpus), "-o", str(out), *ARGS, "--workers", "1"]
    written = [kill_after_lines(env, args, out, at_least=n) for n in (5, 60, 150)]
    assert written == sorted(written) and written[-1] < DOCS + 4
    annotate(env, *args)
    assert sorted(lines(out)) == sorted(lines(reference))
    errors = out.with_name("out.errors.jsonl")
    assert sorted(lines(errors)) == sorted(lines(reference.with_name("out.errors.jsonl")))


def test_workers_and_ray_engine_equal_the_local_engine(reference, corpus, env, tmp_path):
    pooled = tmp_path / "pooled.jsonl"
    annotate(env, str(corpus), "-o", str(pooled), *ARGS, "--workers", "2")
    assert sorted(lines(pooled)) == sorted(lines(reference))
    on_ray = tmp_path / "ray.jsonl"
    run = annotate(env, str(corpus), "-o", str(on_ray), *ARGS, "--engine", "ray")
    assert f"{DOCS + 4} annotated this run" in run.stderr
    assert sorted(lines(on_ray)) == sorted(lines(reference))
