"""The evaluation report as `banglaner eval` writes it (a subprocess): the tiny model against
a copy of itself on the first two committed gold articles. The scorers:
tests/unit/test_eval_report.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold" / "articles.jsonl"


def test_eval_reports_two_models_on_a_tiny_gold_set(tiny_model, packaged_kb_path, tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = GOLD.read_text(encoding="utf-8").splitlines()[:2]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    candidate = tmp_path / "candidate"  # same model, same name, another folder
    shutil.copytree(tiny_model, candidate, ignore=shutil.ignore_patterns("onnx"))
    env = {**os.environ, "BANGLANER_KB_PATH": str(packaged_kb_path)}
    cmd = [sys.executable, "-m", "banglaner", "eval", "--gold", str(gold), "-o", str(out)]
    proc = subprocess.run(
        [*cmd, "--model", str(tiny_model), "--compare", str(candidate)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    md = (out / "report.md").read_text(encoding="utf-8")
    for section in (
        "## Summary",
        "### Strict",
        "### Partial",
        "### Label confusion",
        "### Canonical IDs",
        "IDs per gold entity",
        "### Worst errors",
        "### Documents (worst first)",
    ):
        assert section in md
    assert "Δ (second − first)" in md and "+0.000" in md  # the same model twice
    head = next(line for line in md.splitlines() if line.startswith("| metric |"))
    assert f"({tiny_model.name})" in head and "(candidate)" in head  # told apart
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and "<mark>" in page
    assert "src=" not in page and "<link" not in page  # self-contained
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    strict = scores["models"][0]["strict"]["micro"]
    gold_mentions = sum(len(json.loads(x)["entities"]) for x in lines)
    assert strict["support"] == gold_mentions
    assert "strict F1, PER/LOC/ORG" in proc.stdout


def test_eval_without_a_step_says_so_and_scores_what_is_left(
    tiny_model, packaged_kb_path, tmp_path
):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOLD.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    env = {**os.environ, "BANGLANER_KB_PATH": str(packaged_kb_path)}
    reports = {}
    for name, extra in (("all", []), ("off", ["--without", "link", "--without", "dates"])):
        out = tmp_path / name
        cmd = [sys.executable, "-m", "banglaner", "eval", "--gold", str(gold), "-o", str(out)]
        proc = subprocess.run(
            [*cmd, "--model", str(tiny_model), *extra],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr
        reports[name] = json.loads((out / "scores.json").read_text(encoding="utf-8"))["models"][0]
    assert "steps switched off" not in reports["all"]["card"]
    assert reports["off"]["card"]["steps switched off"] == "dates, link"
    # the date grammar finds dates the tiny model alone does not
    dates = [reports[name]["strict"]["DATE"] for name in ("all", "off")]
    assert dates[0]["support"] > 0
    assert dates[0]["recall"] > dates[1]["recall"]
    refused = subprocess.run(
        [sys.executable, "-m", "banglaner", "eval", "--gold", str(gold), "--without", "nope"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2 and "invalid choice: 'nope'" in refused.stderr
