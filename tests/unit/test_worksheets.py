"""Hand annotations to gold: surfaces become offsets, and what breaks the guide is refused."""

from __future__ import annotations

import json

import pytest

from banglaner.models.dates.values import is_date_value
from banglaner.training.worksheets import SheetError, build


def _sheet(tmp_path, rows: list[dict]):
    path = tmp_path / "sheet.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_surfaces_become_offsets_in_reading_order(tmp_path) -> None:
    text = "ঢাকা থেকে ঢাকা হয়ে বিএনপি-জামায়াতের নেতারা ২০০৮-০৯ সালে গেলেন"
    entities = [
        {"t": "ঢাকা", "l": "LOC", "e": "dhaka"},
        {"t": "ঢাকা", "l": "LOC", "e": "dhaka", "q": "Q1354"},
        {"t": "বিএনপি", "l": "ORG", "e": "bnp"},
        {"t": "জামায়াতের", "l": "ORG", "e": "jamaat"},
        {"t": "২০০৮-০৯ সালে", "l": "DATE", "v": "2008/2009"},
    ]
    sheet = _sheet(tmp_path, [{"id": "r1", "text": text, "entities": entities}])
    gold = tmp_path / "gold.jsonl"
    assert build(gold, [sheet]) == 1
    row = json.loads(gold.read_text("utf-8"))
    found = [(e["start"], e["end"], e["label"]) for e in row["entities"]]
    assert [text[s:e] for s, e, _ in found] == [e["t"] for e in entities]
    assert found[0][0] == 0 and found[1][0] == text.index("ঢাকা", 1)
    assert row["split"] in ("dev", "test") and row["entities"][4]["value"] == "2008/2009"


def test_a_later_round_adds_to_the_gold_and_a_repeated_row_is_refused(tmp_path) -> None:
    gold = tmp_path / "gold.jsonl"
    first = _sheet(tmp_path, [{"id": "r1", "text": "২০২৩ সালে", "entities": []}])
    build(gold, [first])
    later = tmp_path / "later.jsonl"
    later.write_text(
        json.dumps({"id": "r2", "split": "dev", "text": "গতকাল", "entities": []})
        + "\n"
        + json.dumps({"id": "r3", "split": "train", "text": "আজ", "entities": []})
    )
    assert build(gold, [later], add=True) == 3
    lines = gold.read_text("utf-8").splitlines()
    rows = {json.loads(line)["id"]: json.loads(line) for line in lines}
    assert set(rows) == {"r1", "r2", "r3"}
    assert (rows["r2"]["split"], rows["r3"]["split"]) == ("dev", "train")  # a row's own split
    with pytest.raises(SheetError, match="twice"):
        build(gold, [later], add=True)
    assert len(gold.read_text("utf-8").splitlines()) == 3


@pytest.mark.parametrize(
    ("mention", "problem"),
    [
        ({"t": "ঢাক", "l": "LOC"}, "whole words"),  # part of a word
        ({"t": "ঢাকা", "l": "GPE"}, "label"),
        ({"t": "২০২৩", "l": "DATE", "v": "2023-13"}, "value"),
        ({"t": "ঢাকা", "l": "LOC", "q": "Dhaka"}, "QID"),
        ({"t": "২০২৩", "l": "DATE", "m": "LATE"}, "mod"),
    ],
)
def test_what_breaks_the_guide_is_refused_with_its_row(tmp_path, mention, problem) -> None:
    sheet = _sheet(tmp_path, [{"id": "r7", "text": "ঢাকায় ২০২৩ সালে ঢাকা", "entities": [mention]}])
    with pytest.raises(SheetError, match=f"sheet.jsonl:1 \\(r7\\).*{problem}"):
        build(tmp_path / "gold.jsonl", [sheet])
    assert not (tmp_path / "gold.jsonl").exists()


def test_date_value_forms() -> None:
    good = "2019 2024-06 2023-09-13 2023-09-13T18:42 2023-09-13T18:42:05 2023-W38 2008/2009 "
    good += "2022-07/2023-06 2023-01-01/2023-01-07 1800/1899"
    bad = "2023-02-30 2023-W54 2009/2008 2023-W01/2023-W02 FY2023 2023-09-13T25:00 23-09-13 "
    bad += "2023/2024/2025"
    assert all(is_date_value(v) for v in good.split())
    assert not any(is_date_value(v) for v in [*bad.split(), ""])
