"""Running a checkout's ``banglaner`` as a user would (an earlier git revision in a
worktree, or this one), with this venv: what the comparing benches share
(compare_revisions.py, accuracy_vs_revision.py, host_cost.py, model_table.py)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from banglaner.models.settings import CoreSettings

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def worktree(revision: str, where: Path) -> Iterator[Path]:
    """``revision`` checked out at ``where`` (a detached git worktree), removed afterwards."""
    subprocess.run(["git", "worktree", "add", "--detach", str(where), revision], cwd=ROOT,
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield where
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(where)], cwd=ROOT,
                       capture_output=True)  # fmt: skip


def code_env(code: Path, kb: Path) -> dict[str, str]:
    """Run ``code``'s modules, with its own knowledge base (built from its own sources)."""
    return {
        **os.environ,
        "PYTHONPATH": str(code),
        "BANGLANER_KB_PATH": str(kb),
        "BANGLANER_DATA_DIR": str(CoreSettings().data_dir),
    }


def cli(code: Path) -> list[str]:
    """``banglaner`` as ``code`` runs it: ``python -m banglaner`` since one import name,
    ``python -m service.cli`` in revisions before it."""
    module = "banglaner" if (code / "banglaner" / "__main__.py").is_file() else "service.cli"
    return [sys.executable, "-m", module]


def annotate(
    code: Path, kb: Path, corpus: Path, out: Path, *extra: str, model_dir: Path | None = None
) -> None:
    """``banglaner annotate`` as ``code`` has it (on ``model_dir``, else the default model);
    some failed documents are not an error."""
    env = code_env(code, kb) | ({"BANGLANER_MODEL_DIR": str(model_dir)} if model_dir else {})
    proc = subprocess.run(
        [*cli(code), "annotate", str(corpus), "-o", str(out),
         "--no-progress", *extra],
        cwd=code, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode not in (0, 1):  # 1: some documents failed, counted by the caller
        raise RuntimeError(proc.stderr[-2000:])


def build_kb(code: Path, kb: Path) -> float:
    """Seconds ``banglaner kb build`` takes for ``code`` (its own KB, from its own sources):
    a one-time step, timed apart from the jobs that then read the KB."""
    start = time.perf_counter()
    subprocess.run(
        [*cli(code), "kb", "build", "--kb-path", str(kb)],
        cwd=code, env=code_env(code, kb), check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start
