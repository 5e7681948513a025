"""The built wheel adds one top-level name, ``banglaner``, with its data, and imports in a
fresh virtual environment (the checkout not on its path)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import banglaner

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = (
    ".venv",
    ".git",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "eval-report",
)


def test_the_wheel_installs_only_banglaner(tmp_path: Path) -> None:
    source, dist = tmp_path / "source", tmp_path / "dist"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))  # builds write there
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = dist.glob("banglaner-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if ".dist-info/" not in n} == {"banglaner"}
    for data in ("models/kb/curated/core.yaml", "models/kb/common_words.tsv",
                 "service/static/index.html", "training/recipes/default.toml",
                 "training/data/real-train.jsonl", "training/data/SOURCE.md"):  # fmt: skip
        assert f"banglaner/{data}" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)  # fmt: skip
    probe = (
        "import banglaner, importlib.resources as r, importlib.util as u; "
        "print(banglaner.__version__, u.find_spec('banglaner.service.cli') is not None, "
        "r.files('banglaner.models.kb').joinpath('curated/core.yaml').is_file(), "
        "u.find_spec('models') is None and u.find_spec('service') is None)"
    )
    out = subprocess.run([python, "-c", probe], cwd=tmp_path, check=True, capture_output=True,
                         text=True).stdout.split()  # fmt: skip
    assert out[1:] == ["True", "True", "True"]
    assert out[0] == banglaner.__version__
