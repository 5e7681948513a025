"""The HTTP service in a real uvicorn process on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import PARAGRAPH


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tiny_model):
    port = _free_port()
    env = {**os.environ, "BANGLANER_MODEL_DIR": str(tiny_model), "BANGLANER_MAX_TEXT_CHARS": "5000"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("server did not start: " + proc.stdout.read().decode(errors="replace"))
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def test_extract(server) -> None:
    text = "\u200c" + PARAGRAPH.replace(" ", "\u00a0", 2) + " কে\u09beথায়?"
    r = httpx.post(
        server + "/extract", json={"text": text, "id": "doc-1", "date": "2023-09-14"}, timeout=60
    )
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "doc-1" and body["model"]["name"]
    assert (body["date"], body["date_source"]) == ("2023-09-14", "request")
    for e in body["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]
    values = {e["text"]: e["value"] for e in body["entities"] if e["label"] == "DATE"}
    assert values["গতকাল বুধবার"] == "2023-09-13"
    assert values["১৩ সেপ্টেম্বর, ২০২৩"] == "2023-09-13"
    undated = httpx.post(server + "/extract", json={"text": "আজ"}, timeout=60).json()
    assert undated["date_source"] == "today" and undated["entities"][0]["value"] == undated["date"]


def test_errors(server) -> None:
    assert httpx.post(server + "/extract", json={"text": "ক" * 5001}, timeout=30).status_code == 413
    assert httpx.post(server + "/extract", json={"txt": "ঢাকা"}, timeout=30).status_code == 422
    assert (
        httpx.post(
            server + "/extract", json={"text": "ঢাকা", "date": "2023-13-45"}, timeout=30
        ).status_code
        == 422
    )
    r = httpx.post(server + "/extract", json={"text": ""}, timeout=30)
    assert r.status_code == 200 and r.json()["entities"] == []
