"""The batch annotation job, run as a user runs it: ``banglaner annotate`` in a subprocess."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from models.pipeline import Pipeline
from service.batch.engines import annotate_chunk
from service.batch.exports import build_index, conll_lines
from service.batch.journal import Journal
from training.corpora import load_corpus


@pytest.fixture(scope="module")
def corpus(data_dir, tmp_path_factory) -> Path:
    """120 news-like documents of 6 real sentences each, with a malformed line and bad records."""
    sentences = [s.text for s in load_corpus("rifat-test", data_dir)]
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    lines = [
        json.dumps(
            {
                "id": f"doc-{i}",
                "text": " ".join(sentences[i * 6 : i * 6 + 6]),
                "date": f"2024-03-{i % 28 + 1:02d}",
                "source": "rifat-test",
            },
            ensure_ascii=False,
        )
        for i in range(120)
    ]
    lines.insert(10, '{"id": "broken", "text": "ঢাকা')  # line 11: malformed JSON
    lines.insert(20, json.dumps({"id": "no-text"}))  # line 21
    lines.insert(30, json.dumps({"id": "bad-date", "text": "ঢাকা", "date": "2024-13-40"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env(tiny_model: Path, kb_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BANGLANER_MODEL_DIR": str(tiny_model),
        "BANGLANER_KB_PATH": str(kb_path),
    }


def _annotate(env, *args: str, check_rc: int | None = 1) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "annotate", *args, "--no-progress"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def reference(corpus, tiny_model, kb_path, tmp_path_factory) -> Path:
    """An uninterrupted run: the output every other run must reproduce."""
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    _annotate(
        _env(tiny_model, kb_path),
        str(corpus),
        "-o",
        str(out),
        "--chunk-docs",
        "4",
        "--workers",
        "1",
    )
    return out


def test_output_schema_and_errors(reference, corpus):
    lines = _lines(reference)
    assert len(lines) == 120
    docs = [json.loads(x) for x in lines]
    first_input = json.loads(_lines(corpus)[0])
    for doc in docs:
        assert doc["source"] == "rifat-test"  # other fields carried through
        assert doc["date_source"] == "request"
        for e in doc["entities"]:
            assert doc["text"][e["start"] : e["end"]] == e["text"]
            assert e["label"] in {"PER", "LOC", "ORG", "DATE"}
    assert {k: docs[0][k] for k in first_input} == first_input
    assert sum(len(d["entities"]) for d in docs) > 100
    errors = [json.loads(x) for x in _lines(reference.with_name("out.errors.jsonl"))]
    assert [(e["line"], e["id"]) for e in errors] == [(11, None), (21, "no-text"), (31, "bad-date")]
    assert "not a JSON object" in errors[0]["reason"]
    assert "text must be a string" in errors[1]["reason"]
    assert "YYYY-MM-DD" in errors[2]["reason"]


def test_kill_at_a_random_point_then_resume(reference, corpus, tiny_model, kb_path, tmp_path):
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    env = _env(tiny_model, kb_path)
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "service.cli", "annotate", str(corpus), "-o", str(out)]
    proc = subprocess.Popen(
        [*args, "--chunk-docs", "4", "--workers", "1", "--no-progress"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not out.is_file() and time.monotonic() < deadline:  # let it get going first
        time.sleep(0.05)
    time.sleep(rng.uniform(0, 1.5))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    written = len(_lines(out)) if out.is_file() else 0
    assert written < 120, f"seed {seed}: the run finished before the kill; use a bigger corpus"
    # a torn last line, as a kill inside a write leaves it
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"id": "doc-119", "text": "half a li')
    resumed = _annotate(env, str(corpus), "-o", str(out), "--chunk-docs", "4")
    assert "repaired: 1 torn line" in resumed.stderr
    assert sorted(_lines(out)) == sorted(_lines(reference)), f"seed {seed}"
    errors = _lines(out.with_name("out.errors.jsonl"))
    assert sorted(errors) == sorted(_lines(reference.with_name("out.errors.jsonl")))
    again = _annotate(env, str(corpus), "-o", str(out), "--chunk-docs", "4")
    assert "0 annotated this run" in again.stderr
    assert sorted(_lines(out)) == sorted(_lines(reference))


def test_workers_and_ray_engine_equal_the_local_engine(
    reference, corpus, tiny_model, kb_path, tmp_path
):
    env = _env(tiny_model, kb_path)
    pooled = tmp_path / "pooled.jsonl"
    _annotate(env, str(corpus), "-o", str(pooled), "--chunk-docs", "4", "--workers", "2")
    assert sorted(_lines(pooled)) == sorted(_lines(reference))
    on_ray = tmp_path / "ray.jsonl"
    run = _annotate(env, str(corpus), "-o", str(on_ray), "--chunk-docs", "4", "--engine", "ray")
    assert "120 annotated this run" in run.stderr
    assert sorted(_lines(on_ray)) == sorted(_lines(reference))


def test_formats_and_index(reference, corpus, tiny_model, kb_path, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    env = _env(tiny_model, kb_path)
    docs = [json.loads(x) for x in _lines(reference)]
    spacy_out = tmp_path / "corpus.spacy"
    _annotate(env, str(corpus), "-o", str(spacy_out), "--format", "spacy", "--chunk-docs", "8")
    loaded = list(DocBin().from_disk(spacy_out).get_docs(spacy.blank("bn").vocab))
    assert sorted(d.user_data["id"] for d in loaded) == sorted(d["id"] for d in docs)
    linked = [(e.text, e.kb_id_) for d in loaded for e in d.ents if e.kb_id_]
    assert linked, "no entity carried its canonical ID into the DocBin"
    assert all(e.label_ in {"PER", "LOC", "ORG", "DATE"} for d in loaded for e in d.ents)

    conll_out = tmp_path / "corpus.conll"
    index_out = tmp_path / "entities.jsonl"
    _annotate(
        env, str(corpus), "-o", str(conll_out), "--format", "conll", "--index", str(index_out)
    )
    conll = _lines(conll_out)
    assert sum(1 for x in conll if x.startswith("# id = ")) == len(docs)
    b_tags = sum(1 for x in conll if "\tB-" in x)
    mentions = sum(len(d["entities"]) for d in docs)
    assert 0.9 * mentions <= b_tags <= mentions  # only mentions sharing a word share a B-
    index = [json.loads(x) for x in _lines(index_out)]
    expected = {row["id"]: row for row in build_index(docs)}
    assert [row["mentions"] for row in index] == sorted(
        (row["mentions"] for row in expected.values()), reverse=True
    )
    for row in index:  # documents and spellings as the reference output has them
        want = expected[row["id"]]
        assert set(row["documents"]) == set(want["documents"])
        assert row["spellings"] == want["spellings"]
        assert row["mentions"] == sum(
            1 for d in docs for e in d["entities"] if e.get("id") == row["id"]
        )


def test_conll_tags_words_inside_mentions():
    record = {
        "id": "x",
        "text": "ভ্লাদিমির পুতিন ঢাকায় এলেন।",
        "entities": [
            {"start": 0, "end": 15, "text": "ভ্লাদিমির পুতিন", "label": "PER", "score": 1.0},
            {"start": 16, "end": 22, "text": "ঢাকায়", "label": "LOC", "score": 1.0},
        ],
    }
    assert conll_lines(record) == [
        "# id = x",
        "ভ্লাদিমির\tB-PER",
        "পুতিন\tI-PER",
        "ঢাকায়\tB-LOC",
        "এলেন\tO",
        "।\tO",
        "",
    ]


def test_a_document_that_raises_fails_alone(tiny_model):
    class Fragile(Pipeline):
        """The real pipeline, except that one text makes it raise (a stand-in for a bug)."""

        def extract_many(self, texts, doc_dates=None):
            if any("💥" in t for t in texts):
                raise RuntimeError("boom")
            return super().extract_many(texts, doc_dates)

    real = Pipeline.load(tiny_model, device="cpu")
    pipe = Fragile(real.tagger)
    results = annotate_chunk(
        pipe, [("a", "ঢাকায় আজ বৃষ্টি।", "2024-01-02"), ("b", "💥", None), ("c", "সিলেটে।", None)]
    )
    assert results[1] == {"error": "RuntimeError: boom"}
    assert results[0]["date"] == "2024-01-02" and results[2]["date_source"] == "today"
    expected = real.extract("ঢাকায় আজ বৃষ্টি।", date(2024, 1, 2))
    assert results[0]["entities"] == [e.to_dict() for e in expected]


def test_journal_recovery_drops_torn_and_garbage_lines(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"id": "a"}\nnot json\n{"id": "b"}\n{"id": "c", "te')
    journal = Journal(path)
    assert journal.recover() == 2
    assert [r["id"] for r in journal.records()] == ["a", "b"]
    journal.append([{"id": "c"}])
    journal.close()
    assert path.read_text() == '{"id": "a"}\n{"id": "b"}\n{"id": "c"}\n'


def test_clear_errors_for_bad_arguments(corpus, tiny_model, kb_path, tmp_path):
    env = _env(tiny_model, kb_path)
    missing = _annotate(
        env, str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl"), check_rc=2
    )
    assert "E401" in missing.stderr
    same = _annotate(env, str(corpus), "-o", str(corpus), check_rc=2)
    assert "E402" in same.stderr


def test_folder_of_txt_files(tiny_model, kb_path, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "b.txt").write_text("ঢাকায় আজ বৃষ্টি হয়েছে।", encoding="utf-8")
    (folder / "a.txt").write_text("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন।", encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _annotate(_env(tiny_model, kb_path), str(folder), "-o", str(out), check_rc=0)
    docs = [json.loads(x) for x in _lines(out)]
    assert [d["id"] for d in docs] == ["a.txt", "b.txt"]
    assert not out.with_name("out.errors.jsonl").exists()
