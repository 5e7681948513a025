"""Start the real service (``banglaner serve`` in a uvicorn process) on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    pid: int


@contextlib.contextmanager
def running_server(model_dir: Path, kb_path: Path, **settings: str) -> Iterator[Server]:
    """Yield a server that is ready (model and knowledge base loaded); stop it afterwards."""
    port = free_port()
    env = {**os.environ, "BANGLANER_MODEL_DIR": str(model_dir), "BANGLANER_KB_PATH": str(kb_path)}
    env.update({f"BANGLANER_{k.upper()}": v for k, v in settings.items()})
    headers = {"Authorization": f"Bearer {settings['api_key']}"} if "api_key" in settings else {}
    # the server's log goes to a file: a pipe nobody reads would fill up with access-log
    # lines and stall the server after a thousand requests or so
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "banglaner", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = _wait_ready(proc, f"http://127.0.0.1:{port}", headers, log)
            yield Server(url, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _wait_ready(proc: subprocess.Popen, base: str, headers: dict[str, str], log) -> str:
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError("server exited: " + log.read().decode(errors="replace"))
        try:
            if httpx.get(base + "/ready", headers=headers, timeout=2).status_code == 200:
                return base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("server not ready in 180 s")
