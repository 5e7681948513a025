"""The batch annotation job on the tiny model, run as a user runs it: ``banglaner annotate``
in a subprocess. Its CoNLL lines and journal: tests/unit/test_annotate_conll_and_journal.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from banglaner.models.pipeline import Pipeline
from banglaner.service.batch.engines import annotate_chunk
from banglaner.service.batch.exports import build_index
from tests.annotate_run import (
    BAD_RECORDS,
    MAX_CHARS,
    annotate,
    annotate_env,
    kill_after_lines,
    lines,
    write_corpus,
)
from tests.conftest import DATA
from tests.integration.conftest import Fragile

DOCS = 120
# one in-process worker: this file tests the job, test_annotate_engines.py its worker pools
CHUNK = ["--chunk-docs", "4", "--max-chars", MAX_CHARS, "--workers", "1"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    sentences = [
        json.loads(x)["text"] for x in (DATA / "tiny_train.jsonl").read_text("utf-8").splitlines()
    ]
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", sentences, DOCS)


@pytest.fixture(scope="module")
def env(tiny_model, packaged_kb_path) -> dict[str, str]:
    return annotate_env(tiny_model, packaged_kb_path)


@pytest.fixture(scope="module")
def reference(corpus, env, tmp_path_factory) -> Path:
    """An uninterrupted run: the output every other run must reproduce."""
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    annotate(env, str(corpus), "-o", str(out), *CHUNK)
    return out


def _records(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, lines(path))}


def test_output_schema_and_errors(reference, corpus):
    docs = _records(reference)
    assert len(docs) == DOCS + 4  # the odd records are good documents
    entities = [e for d in docs.values() for e in d["entities"]]
    assert len(entities) > 100
    for doc in docs.values():
        for e in doc["entities"]:
            assert doc["text"][e["start"] : e["end"]] == e["text"]
            assert e["label"] in {"PER", "LOC", "ORG", "DATE"}
    first_input = json.loads(lines(corpus)[0])
    assert {k: docs["doc-0"][k] for k in first_input} == first_input  # fields carried through
    assert docs["doc-0"]["date_source"] == "request"
    errors = [json.loads(x) for x in lines(reference.with_name("out.errors.jsonl"))]
    assert [(e["line"], e["id"]) for e in errors] == [(line, i) for line, i, _, _ in BAD_RECORDS]
    for error, (_, _, _, reason) in zip(errors, BAD_RECORDS, strict=True):
        assert reason in error["reason"]


def test_odd_records_are_kept_exactly(reference):
    docs = _records(reference)
    odd = docs["surrogate"]
    assert odd["text"] == "\ufffd শেখ হাসিনা ঢাকায়" and odd["note"] == "\ufffd"
    assert odd["replaced_chars"] == 2
    assert any(e["text"] == "শেখ হাসিনা" and e["start"] == 2 for e in odd["entities"])
    assert docs["nul"]["text"] == "ঢাকা\u0000য় বৃষ্টি\u0000।"
    assert docs["91"]["text"].startswith("ঢাকায়")  # no id: the line number
    collide = docs["collide"]
    assert collide["input_entities"] == ["x"] and collide["input_date_source"] == "feed"
    assert collide["date_source"] == "today" and isinstance(collide["entities"], list)


def test_kill_then_resume_equals_the_uninterrupted_run(reference, corpus, env, tmp_path):
    out = tmp_path / "out.jsonl"
    args = [str(corpus), "-o", str(out), *CHUNK]
    written = kill_after_lines(env, args, out, at_least=9)
    assert 9 <= written < DOCS
    with open(out, "a", encoding="utf-8") as fh:  # a torn last line, as a kill mid-write leaves
        fh.write('{"id": "doc-119", "text": "half a li')
    resumed = annotate(env, *args)
    assert "repaired: 1 torn line" in resumed.stderr
    assert sorted(lines(out)) == sorted(lines(reference))
    errors = lines(out.with_name("out.errors.jsonl"))
    assert sorted(errors) == sorted(lines(reference.with_name("out.errors.jsonl")))
    again = annotate(env, *args)
    assert "0 annotated this run" in again.stderr
    assert sorted(lines(out)) == sorted(lines(reference))


def test_entities_do_not_depend_on_chunking(reference, corpus, env, tmp_path):
    """Chunks are tagged as one batch each: other chunk sizes give every document the same
    entities (the default runtime is batch-independent)."""
    expected = _records(reference)
    assert sum(len(d["entities"]) for d in expected.values()) > 0
    for chunk in ("1", "9", "64"):
        out = tmp_path / f"chunk-{chunk}.jsonl"
        options = [a if a != "4" else chunk for a in CHUNK]
        annotate(env, str(corpus), "-o", str(out), *options)
        found = _records(out)
        assert found.keys() == expected.keys()
        assert all(found[k]["entities"] == expected[k]["entities"] for k in expected)


def test_resume_checks_it_is_the_same_job(corpus, env, tmp_path):
    out = tmp_path / "out.jsonl"
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(lines(corpus)[:12]) + "\n", encoding="utf-8")
    annotate(env, str(small), "-o", str(out), *CHUNK)
    before = out.read_bytes()
    other_input = annotate(env, str(corpus), "-o", str(out), *CHUNK, rc=2)
    assert "E405" in other_input.stderr and "input" in other_input.stderr
    other_options = annotate(env, str(small), "-o", str(out), "--chunk-docs", "8", rc=2)
    assert "E405" in other_options.stderr and "chunk_docs" in other_options.stderr
    assert out.read_bytes() == before  # refused: nothing touched
    restarted = annotate(env, str(corpus), "-o", str(out), *CHUNK, "--restart")
    assert f"{DOCS + 4} annotated this run" in restarted.stderr


def test_never_rewrites_a_file_that_is_not_its_journal(corpus, env, tmp_path):
    out = tmp_path / "notes.jsonl"
    out.write_text('{"mine": 1}\nnot json at all\n', encoding="utf-8")
    for extra in ([], ["--restart"]):
        refused = annotate(env, str(corpus), "-o", str(out), *extra, rc=2)
        assert "E406" in refused.stderr
    assert out.read_text(encoding="utf-8") == '{"mine": 1}\nnot json at all\n'


def test_spacy_and_conll_formats_and_the_entity_index(reference, corpus, env, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    docs = [json.loads(x) for x in lines(reference)]
    spacy_out = tmp_path / "corpus.spacy"
    annotate(env, str(corpus), "-o", str(spacy_out), "--format", "spacy", *CHUNK)
    loaded = list(DocBin().from_disk(spacy_out).get_docs(spacy.blank("bn").vocab))
    assert sorted(d.user_data["id"] for d in loaded) == sorted(d["id"] for d in docs)
    ents = [e for d in loaded for e in d.ents]
    assert ents and any(e.kb_id_ for e in ents), "no canonical ID reached the DocBin"
    assert {e.label_ for e in ents} <= {"PER", "LOC", "ORG", "DATE"}

    conll_out = tmp_path / "corpus.conll"
    index_out = tmp_path / "entities.jsonl"
    annotate(
        env,
        str(corpus),
        "-o",
        str(conll_out),
        "--format",
        "conll",
        "--index",
        str(index_out),
        *CHUNK,
    )
    conll = lines(conll_out)
    assert sum(1 for x in conll if x.startswith("# id = ")) == len(docs)
    b_tags = sum(1 for x in conll if "\tB-" in x)
    mentions = sum(len(d["entities"]) for d in docs)
    assert 0.9 * mentions <= b_tags <= mentions  # only mentions sharing a word share a B-
    index = [json.loads(x) for x in lines(index_out)]
    expected = {row["id"]: row for row in build_index(docs)}
    assert index and len(index) == len(expected)
    for row in index:  # documents and spellings as the reference output has them
        want = expected[row["id"]]
        assert set(row["documents"]) == set(want["documents"])
        assert row["spellings"] == want["spellings"] and row["mentions"] == want["mentions"]


def test_a_document_that_raises_fails_alone(tiny_model, packaged_kb_path):
    real = Pipeline.load(tiny_model, device="cpu", kb_path=packaged_kb_path)
    pipe = Fragile(real.tagger, real.linker)
    results = annotate_chunk(
        pipe,
        [
            ("a", "ঢাকায় আজ বৃষ্টি।", "2024-01-02", True),
            ("b", "💥", "2024-01-02", False),
            ("c", "সিলেটে।", "2024-01-03", False),
        ],
    )
    assert results[1] == {"error": "RuntimeError: boom"}
    assert results[0]["date"] == "2024-01-02" and results[2]["date_source"] == "today"
    expected = real.extract("ঢাকায় আজ বৃষ্টি।", date(2024, 1, 2))
    assert expected and results[0]["entities"] == [e.to_dict() for e in expected]


def test_a_missing_input_or_output_over_input_is_refused(corpus, env, tmp_path):
    missing = annotate(env, str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl"), rc=2)
    assert "E401" in missing.stderr
    same = annotate(env, str(corpus), "-o", str(corpus), rc=2)
    assert "E402" in same.stderr


def test_a_folder_gives_its_txt_files_in_name_order(env, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "b.txt").write_text("ঢাকায় আজ বৃষ্টি হয়েছে।", encoding="utf-8")
    (folder / "a.txt").write_text("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন।", encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    annotate(env, str(folder), "-o", str(out), "--workers", "1", rc=0)
    docs = [json.loads(x) for x in lines(out)]
    assert [d["id"] for d in docs] == ["a.txt", "b.txt"]
    assert not out.with_name("out.errors.jsonl").exists()
