"""The dev text `banglaner export` gates runtimes on: Rifat dev and the real-text gold's
dev split, never its test split."""

from __future__ import annotations

from banglaner.models.settings import CoreSettings
from banglaner.service.cli import _export_dev
from banglaner.training.corpora.held_out import REAL_GOLD
from banglaner.training.gold_corpora import read_gold


def test_export_scores_on_rifat_dev_and_the_real_golds_dev_split_only() -> None:
    data_dir = CoreSettings().data_dir
    docs = _export_dev(None, data_dir)
    rifat = read_gold("rifat-dev", data_dir)[1]
    real_dev = read_gold(str(REAL_GOLD[0]), data_dir, "dev")[1]
    assert real_dev and len(docs) == len(rifat) + len(real_dev)
    assert [d.text for d in docs[: len(rifat)]] == [d.text for d in rifat]  # timed first
    assert {d.split for d in docs[len(rifat) :]} == {"dev"}
    assert len(_export_dev(["rifat-dev"], data_dir)) == len(rifat)
