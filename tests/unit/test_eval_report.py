"""The evaluation's scorers and gold sets: cases computed by hand. The report that
`banglaner eval` writes: tests/integration/test_eval_report_command.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from banglaner.eval.evaluate import evaluate
from banglaner.eval.gold import GoldDoc, GoldError, GoldMention, read_gold_jsonl
from banglaner.eval.id_pairs import fragmentation, pairwise_scores
from banglaner.eval.scorer import (
    MISSED,
    SPURIOUS,
    confusion,
    format_columns,
    partial_scores,
    strict_scores,
)
from banglaner.models.dates.values import is_date_value
from banglaner.models.entity import Entity
from banglaner.models.steps import STEP_NAMES

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold" / "articles.jsonl"
WORLD = GOLD.with_name("world.jsonl")


def _prf(s):
    return (s.tp, s.fp, s.fn)


def test_perfect():
    gold = [("d", 0, 5, "PER"), ("d", 10, 15, "LOC"), ("e", 0, 3, "DATE")]
    for scores in (strict_scores(gold, gold), partial_scores(gold, gold)):
        assert scores["micro"].f1 == 1.0 and _prf(scores["micro"]) == (3, 0, 0)
        assert _prf(scores["micro_names"]) == (2, 0, 0)


def test_empty():
    gold = [("d", 0, 5, "PER")]
    s = strict_scores(gold, [])
    assert _prf(s["PER"]) == (0, 0, 1) and s["PER"].precision == 0.0 and s["PER"].f1 == 0.0
    s = strict_scores([], [("d", 0, 5, "PER")])
    assert _prf(s["PER"]) == (0, 1, 0) and s["micro"].recall == 0.0
    assert _prf(strict_scores([], [])["micro"]) == (0, 0, 0)


def test_systems_side_by_side():
    gold = [("d", 0, 5, "PER"), ("d", 10, 15, "LOC")]
    table = format_columns(
        "t", {"a": strict_scores(gold, gold), "b": strict_scores(gold, [("d", 0, 5, "PER")])}
    )
    assert "| | a | b |" in table
    assert "| PER F1 | 1.000 | 1.000" in table and "| LOC F1 | 1.000 | 0.000" in table
    assert "1.000 / 0.500 / **0.667**" in table


def test_boundary_shifted_by_one():
    gold, pred = [("d", 0, 5, "PER")], [("d", 1, 5, "PER")]
    assert _prf(strict_scores(gold, pred)["PER"]) == (0, 1, 1)
    assert _prf(partial_scores(gold, pred)["PER"]) == (1, 0, 0)
    assert confusion(gold, pred) == {("PER", "PER"): 1}


def test_wrong_label():
    gold, pred = [("d", 0, 5, "PER")], [("d", 0, 5, "LOC")]
    strict = strict_scores(gold, pred)
    assert _prf(strict["PER"]) == (0, 0, 1) and _prf(strict["LOC"]) == (0, 1, 0)
    assert _prf(partial_scores(gold, pred)["micro"]) == (0, 1, 1)  # overlap needs the label too
    assert confusion(gold, pred) == {("PER", "LOC"): 1}


def test_partial_overlap_is_one_to_one():
    gold = [("d", 0, 10, "ORG")]
    assert _prf(partial_scores(gold, [("d", 5, 15, "ORG")])["ORG"]) == (1, 0, 0)
    halves = [("d", 0, 4, "ORG"), ("d", 5, 10, "ORG")]
    p = partial_scores(gold, halves)["ORG"]
    assert _prf(p) == (1, 1, 0)  # the larger half matches, the other is spurious
    assert p.precision == 0.5 and p.recall == 1.0 and p.f1 == pytest.approx(2 / 3)


def test_confusion_counts_missed_and_spurious():
    gold = [("d", 0, 5, "PER"), ("d", 10, 15, "LOC"), ("e", 0, 4, "DATE")]
    pred = [("d", 20, 25, "ORG"), ("e", 0, 4, "DATE")]
    assert confusion(gold, pred) == {
        ("PER", MISSED): 1,
        ("LOC", MISSED): 1,
        (SPURIOUS, "ORG"): 1,
        ("DATE", "DATE"): 1,
    }


def test_id_clusters_split_and_merged():
    # one entity (3 mentions) split over two IDs: 1 of its 3 pairs kept together
    split = pairwise_scores(["A", "A", "A", "B"], ["x", "x", "y", "z"])
    assert (split.true_pairs, split.predicted_pairs, split.correct_pairs) == (3, 1, 1)
    assert split.precision == 1.0 and split.recall == pytest.approx(1 / 3)
    # two entities merged into one ID: 6 predicted pairs, 2 of them right
    merged = pairwise_scores(["A", "A", "B", "B"], ["x", "x", "x", "x"])
    assert (merged.true_pairs, merged.predicted_pairs, merged.correct_pairs) == (2, 6, 2)
    assert merged.precision == pytest.approx(1 / 3) and merged.recall == 1.0


class FixedPredictions:
    """Stands in for a pipeline: returns the entities it was given, to test the arithmetic."""

    step_names = STEP_NAMES  # every post-tagger step "ran"

    def __init__(self, entities: dict[str, list[Entity]], docs: list[GoldDoc]) -> None:
        self.by_text = {d.text: entities[d.id] for d in docs}

    def extract_many(self, texts, dates):
        return [self.by_text[t] for t in texts]


def test_evaluate_ids_qids_dates_and_errors(tmp_path):
    text = "পুতিন মস্কোয় গেলেন। পুতিনের সঙ্গে শোইগু গতকাল ছিলেন।"

    def at(word: str, after: int = 0) -> tuple[int, int]:
        i = text.index(word, after)
        return i, i + len(word)

    putin, moscow, putins = at("পুতিন"), at("মস্কোয়"), at("পুতিনের")
    shoigu, yesterday = at("শোইগু"), at("গতকাল")
    doc = GoldDoc(
        "a",
        text,
        date(2024, 1, 2),
        [
            GoldMention(*putin, "PER", "putin", "Q7747"),
            GoldMention(*moscow, "LOC", "moscow", "Q649"),
            GoldMention(*putins, "PER", "putin", "Q7747"),
            GoldMention(*shoigu, "PER", "shoigu"),
            GoldMention(*yesterday, "DATE", value="2024-01-01", value_known=True),
        ],
    )
    found = [
        Entity(*putin, "পুতিন", "PER", 0.9, id="Q7747"),
        Entity(*moscow, "মস্কোয়", "LOC", 0.9, id="Q1"),  # wrong QID
        Entity(*putins, "পুতিনের", "PER", 0.9, id="bn:PER:putin"),  # split from the first
        Entity(*shoigu, "শোইগু", "ORG", 0.6, id="bn:ORG:shoigu"),  # wrong label
        Entity(*yesterday, "গতকাল", "DATE", 0.9, value="2024-01-01"),
    ]
    ev = evaluate(FixedPredictions({"a": found}, [doc]), tmp_path, [doc])
    assert _prf(ev.strict["micro"]) == (4, 1, 1)
    # IDs over the 3 exactly matched names: putin ×2 got two IDs → 1 gold pair, 0 found
    assert (ev.ids.true_pairs, ev.ids.predicted_pairs, ev.ids.correct_pairs) == (1, 0, 0)
    assert ev.fragments.ids_per_entity == pytest.approx(3 / 2)  # putin over 2 IDs, moscow 1
    assert ev.qid == (1, 3)  # the first পুতিন only
    assert ev.date_values == (1, 1)
    assert [(c.kind, c.gold, c.predicted) for c in ev.errors] == [
        ("wrong label", "শোইগু/PER", "শোইগু/ORG")
    ]
    assert ev.errors[0].focus == "শোইগু" and ev.errors[0].left.endswith("সঙ্গে ")


def test_gold_reader_rejects_bad_offsets(tmp_path):
    bad = tmp_path / "bad.jsonl"
    row = {"id": "x", "text": "ঢাকা", "entities": [{"start": 0, "end": 4, "label": "LOC"}]}
    row["entities"][0]["text"] = "ঢাকায়"
    bad.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="E503"):
        read_gold_jsonl(bad)


def test_fragmentation_and_purity_by_hand():
    # A has 3 mentions over 2 IDs, B one ID of its own, C shares ID z with B
    f = fragmentation(["A", "A", "A", "B", "C"], ["x", "x", "y", "z", "z"])
    assert f.entities == 3 and f.ids_per_entity == pytest.approx(4 / 3)
    assert f.split_share == pytest.approx(1 / 3)
    assert (f.ids, f.mixed_ids) == (3, 1) and f.purity == pytest.approx(2 / 3)
    ideal = fragmentation(["A", "A", "B"], ["x", "x", "y"])
    assert (ideal.ids_per_entity, ideal.split_share, ideal.purity) == (1.0, 0.0, 1.0)


def test_world_set_is_valid_split_and_independent():
    docs = read_gold_jsonl(WORLD)
    articles = [d for d in docs if "\n\n" in d.text and len(d.mentions) >= 30]
    mentions = [m for d in docs for m in d.mentions]
    assert len(articles) >= 12 and len(mentions) >= 450
    assert {d.split for d in docs} == {"dev", "test"}
    dev, test = read_gold_jsonl(WORLD, split="dev"), read_gold_jsonl(WORLD, split="test")
    assert len(dev) + len(test) == len(docs) and dev and test
    assert all(m.entity for m in mentions if m.label != "DATE")
    keys_by_label = {}
    for m in mentions:
        if m.entity:
            assert keys_by_label.setdefault(m.entity, m.label) == m.label  # one label per key
    headlines = WORLD.with_name("world-neon-headlines.txt").read_text("utf-8").splitlines()
    assert len(headlines) >= 24
    with pytest.raises(GoldError, match="E504"):
        read_gold_jsonl(GOLD, split="dev")  # the articles set has no splits


def test_committed_gold_set_is_valid_and_big_enough():
    docs = read_gold_jsonl(GOLD)
    mentions = [m for d in docs for m in d.mentions]
    assert len(docs) >= 15 and len(mentions) >= 600
    assert all(d.text.count("\n\n") >= 1 for d in docs)  # multi-paragraph
    assert all(m.entity for m in mentions if m.label != "DATE")
    dates = [m for m in mentions if m.label == "DATE"]
    assert dates and all(m.value is None or is_date_value(m.value) for m in dates)
    # null only where the text does not fix the day (an anaphoric সেদিন: docs/annotation.md)
    assert sum(m.value is None for m in dates) <= 2
