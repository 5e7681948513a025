"""Running ``banglaner annotate`` as a user does (a subprocess), for both test tiers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# Records that must never stop the job; (line in the corpus, id or None, reason substring).
BAD_RECORDS = [
    (11, None, '{"id": "broken", "text": "ঢাকা', "not a JSON object"),
    (21, "no-text", json.dumps({"id": "no-text"}), "text must be a string"),
    (
        31,
        "bad-date",
        json.dumps({"id": "bad-date", "text": "ঢাকা", "date": "2024-13-40"}),
        "YYYY-MM-DD",
    ),
    (41, "doc-0", json.dumps({"id": "doc-0", "text": "আবার"}), "duplicate id (first on line 1)"),
    (
        51,
        "both",
        json.dumps({"id": "both", "text": "ঢাকা", "entities": [], "input_entities": []}),
        "input_entities",
    ),
    (61, "huge", json.dumps({"id": "huge", "text": "ক" * 5001}), "the limit is 5000"),
]
# Records that are odd but good: lone surrogates, NULs, no id, fields the output also writes.
ODD_RECORDS = [
    (71, '{"id": "surrogate", "text": "\\ud800 শেখ হাসিনা ঢাকায়", "note": "\\udfff"}'),
    (81, json.dumps({"id": "nul", "text": "ঢাকা\u0000য় বৃষ্টি\u0000।"})),
    (91, json.dumps({"text": "ঢাকায় আজ বৃষ্টি হয়েছে।"})),  # no id: its line number
    (
        101,
        json.dumps({"id": "collide", "text": "ঢাকা", "entities": ["x"], "date_source": "feed"}),
    ),
]
MAX_CHARS = "5000"


def write_corpus(path: Path, sentences: list[str], docs: int) -> Path:
    """``docs`` documents of six consecutive sentences each, with the bad and odd records
    inserted at their lines."""
    lines = [
        json.dumps(
            {
                "id": f"doc-{i}",
                "text": " ".join(sentences[(i * 6 + k) % len(sentences)] for k in range(6)),
                "date": f"2024-03-{i % 28 + 1:02d}",
                "source": "test",
            },
            ensure_ascii=False,
        )
        for i in range(docs)
    ]
    inserts = [(line, raw) for line, _, raw, _ in BAD_RECORDS] + ODD_RECORDS
    for line, raw in sorted(inserts):
        lines.insert(line - 1, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def annotate_env(model: Path, kb_path: Path) -> dict[str, str]:
    return {**os.environ, "BANGLANER_MODEL_DIR": str(model), "BANGLANER_KB_PATH": str(kb_path)}


def annotate(env, *args: str, rc: int | None = 1) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "banglaner", "annotate", *args, "--no-progress"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if rc is not None:
        assert proc.returncode == rc, proc.stderr
    return proc


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def kill_after_lines(env, args: list[str], output: Path, at_least: int) -> int:
    """Start the job and SIGKILL it as soon as ``output`` holds ``at_least`` lines (checked
    every few milliseconds, so the kill point depends on progress, not on the clock).
    Returns how many lines the output had when the job died."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "banglaner", "annotate", *args, "--no-progress"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if output.is_file() and output.read_bytes().count(b"\n") >= at_least:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.002)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"the job ended on its own (rc {proc.returncode})"
    return len(lines(output))
