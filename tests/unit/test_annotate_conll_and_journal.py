"""Pieces of the batch annotation job, no model: CoNLL lines from a record, and the journal
(its recovery from a torn file, records it cannot write). The job itself:
tests/integration/test_annotate_job.py."""

from __future__ import annotations

from banglaner.service.batch.exports import conll_lines
from banglaner.service.batch.journal import Journal


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


def test_journal_recovery_and_unwritable_records(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"id": "a"}\nnot json\n{"id": "b"}\n{"id": "c", "te')
    journal = Journal(path)
    assert journal.recover() == 2
    assert [r["id"] for r in journal.records()] == ["a", "b"]
    failed = journal.append([{"id": "c"}, {"id": "d", "x": {1, 2}}, {"id": "e\ud800"}, {"id": "f"}])
    journal.close()
    assert [pos for pos, _ in failed] == [1, 2]
    assert "cannot be written as JSON" in failed[0][1]
    assert path.read_text() == '{"id": "a"}\n{"id": "b"}\n{"id": "c"}\n{"id": "f"}\n'
