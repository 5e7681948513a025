"""The API contract under a long fuzz: schemathesis, every check, against a real server.

    .venv/bin/python bench/fuzz_api.py [--cases 20000] [--model NAME|DIR] [--seed N]

Starts ``banglaner serve`` (default settings) and runs ``schemathesis run --checks all``
with enough examples per operation to reach ``--cases`` in all; prints schemathesis'
summary and exits with its code (0: no failure). The test suite runs the same with
~300 cases (tests/integration/test_service_http.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.loading import ensure_kb
from banglaner.models.settings import CoreSettings
from tests.server import running_server

OPERATIONS = 2  # POST /extract and /extract/batch; GET /health and /ready take no input


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--model", help="model name or dir (default: the default model)")
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    with running_server(settings.resolved_model_dir, ensure_kb(settings)) as srv:
        proc = subprocess.run(
            [
                sys.executable, "-m", "schemathesis.cli", "run", f"{srv.url}/openapi.json",
                "--checks", "all", "--max-examples", str(args.cases // OPERATIONS),
                "--seed", str(args.seed), "--generation-database", "none",
                "--suppress-health-check", "all",
            ],
            capture_output=True, text=True,
        )  # fmt: skip
    summary = proc.stdout[proc.stdout.rfind("SUMMARY") - 40 :]
    print(summary or proc.stdout[-3000:])
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
