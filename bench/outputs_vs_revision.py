"""This checkout's entities against an earlier git revision's, byte for byte: the check
behind "outputs identical" in the README (a speed-up must not change what is found).

    .venv/bin/python bench/outputs_vs_revision.py --base 351a843

Each side runs bench/dump_outputs.py in a process of its own with its own code (the
revision in a git worktree) and its own knowledge base built from its own sources, on
Rifat test and every gold set (articles, world, real, dates_real): the same texts in the
same batches, so int8 activations are scaled alike. Prints the texts and entities on each
side and how many texts differ; exits 1 when any does. The revision needs models.loading
(351a843 on).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.revision import ROOT, build_kb, code_env, worktree


def outputs(code: Path, kb: Path, out: Path) -> list:
    """Every text's entities as ``code`` finds them (bench/dump_outputs.py of this checkout,
    run on ``code``'s modules)."""
    build_kb(code, kb)
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "dump_outputs.py"), str(out)],
        cwd=code, env=code_env(code, kb), check=True, capture_output=True,
    )  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, worktree(args.base, Path(tmp) / "code") as code:
        before = outputs(code, Path(tmp) / "kb-base.sqlite", Path(tmp) / "base.json")
        after = outputs(ROOT, Path(tmp) / "kb-head.sqlite", Path(tmp) / "head.json")
    differing = sum(a != b for a, b in zip(before, after, strict=True))
    print(
        json.dumps(
            {
                "base": args.base,
                "texts": len(after),
                "entities": {"base": sum(map(len, before)), "this": sum(map(len, after))},
                "texts_differing": differing,
            },
            indent=2,
        )
    )
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
