"""A newsroom's own entities, as a user adds them: an entity file through BANGLANER_KB_EXTRA
and `banglaner kb add`, picked up by a running server on POST /admin/reload-kb (no
restart), refused line by line when malformed while the previous KB keeps serving, and
the same IDs from the CLI and the batch job."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.server import running_server

DESK = [  # made-up entities: names no built-in source has
    {"id": "khulna:rupsha-textile", "label": "ORG", "name": "রূপসা টেক্সটাইল লিমিটেড",
     "aliases": ["রূপসা টেক্স"]},
    {"id": "khulna:nazmul-huda-rubel", "label": "PER", "name": "নাজমুল হুদা রুবেল",
     "aliases": ["রুবেল হুদা"]},
]  # fmt: skip
MORE = {"id": "khulna:bhairab-ghat", "label": "LOC", "name": "ভৈরব নদীঘাট", "aliases": ["ভৈরব ঘাট"]}
TEXT = "রূপসা টেক্সের শ্রমিকদের সঙ্গে নাজমুল হুদা রুবেলের বৈঠক হয়। পরে তাঁরা যান ভৈরব ঘাটে।"


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _ids(url: str) -> dict[str, str]:
    r = httpx.post(url + "/extract", json={"text": TEXT}, timeout=120)
    assert r.status_code == 200, r.text
    return {e["text"]: e["id"] for e in r.json()["entities"] if e["id"]}


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "banglaner", *args], env=env, capture_output=True, text=True
    )


def test_entity_files_reach_a_running_server_without_a_restart(corpus_model, tmp_path) -> None:
    home = tmp_path / "home"
    desk = _write(tmp_path / "desk.jsonl", DESK)
    env = {"home": str(home), "kb_extra": str(desk)}
    with running_server(corpus_model, home / "kb.sqlite", **env) as srv:
        found = _ids(srv.url)
        assert found["রূপসা টেক্সের"] == "khulna:rupsha-textile"
        assert found["নাজমুল হুদা রুবেলের"] == "khulna:nazmul-huda-rubel"
        assert "ভৈরব ঘাটে" not in found

        _write(desk, [*DESK, MORE])  # the desk adds a place
        r = httpx.post(srv.url + "/admin/reload-kb", timeout=300)
        assert r.status_code == 200 and r.json()["entities_by_tier"]["user"] == 3
        assert _ids(srv.url)["ভৈরব ঘাটে"] == "khulna:bhairab-ghat"

        desk.write_text(desk.read_text("utf-8") + '{"id": "x", "label": "GPE", "name": "ক"}\n')
        refused = httpx.post(srv.url + "/admin/reload-kb", timeout=300)
        assert refused.status_code == 422
        assert "desk.jsonl:4: label 'GPE'" in refused.json()["detail"]
        assert _ids(srv.url)["ভৈরব ঘাটে"] == "khulna:bhairab-ghat"  # the previous KB serves


def test_kb_add_then_the_cli_and_the_batch_job(corpus_model, tmp_path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "BANGLANER_HOME": str(home),
        "BANGLANER_MODEL_DIR": str(corpus_model),
        "BANGLANER_KB_PATH": str(home / "kb.sqlite"),
    }
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "label": "PER", "name": ""}\n', "utf-8")
    refused = _cli(env, "kb", "add", str(bad))
    assert refused.returncode == 2 and "bad.jsonl:1: name must be" in refused.stderr
    assert not (home / "kb" / "user" / "bad.jsonl").exists()  # nothing kept

    added = _cli(env, "kb", "add", str(_write(tmp_path / "desk.jsonl", DESK)))
    assert added.returncode == 0, added.stderr
    assert (home / "kb" / "user" / "desk.jsonl").is_file() and '"user": 2' in added.stdout

    out = json.loads(_cli(env, "extract", TEXT).stdout)
    found = {e["id"] for e in out["entities"]}
    assert found >= {"khulna:rupsha-textile", "khulna:nazmul-huda-rubel"}
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": TEXT}, ensure_ascii=False) + "\n", "utf-8")
    job = _cli(env, "annotate", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--no-progress")
    assert job.returncode == 0, job.stderr
    record = json.loads((tmp_path / "out.jsonl").read_text("utf-8"))
    assert "khulna:nazmul-huda-rubel" in {e["id"] for e in record["entities"]}
