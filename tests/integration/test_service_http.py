"""The HTTP service on the tiny model: a real uvicorn server for what crosses the wire (and
the OpenAPI contract, fuzzed), and the app in-process for what needs a controlled pipeline
(a document that raises, a model kept busy). Its settings: tests/unit/test_service_settings.py."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from banglaner.models.pipeline import Pipeline
from banglaner.service.app import create_app
from banglaner.service.settings import Settings
from tests.conftest import PARAGRAPH, until
from tests.integration.conftest import Fragile
from tests.server import running_server

# zero-width joiner/non-joiner, NBSP, decomposed o-kar (ে + া), precomposed য়, a symbol-font bullet
MESSY = (
    "\uf06c রাশিয়ার প্রেসিডেন্ট\u00a0ভ্লাদিমির পু\u200cতিন গতকাল বুধবার ভস্\u200dতোচনি "
    "কসমোড্রোমে কে\u09beরিয়ার নেতার সঙ্গে বৈঠক করেন। র\u200d্যাব জানায়, ১৩ সেপ্টেম্বর, ২০২৩ তারিখে।"
)


@pytest.fixture(scope="module")
def server(tiny_model, packaged_kb_path):
    with running_server(
        tiny_model, packaged_kb_path, max_text_chars="5000", max_batch_docs="5"
    ) as srv:
        yield srv.url


def test_extract_offsets_and_dates(server) -> None:
    r = httpx.post(
        server + "/extract", json={"text": MESSY, "id": "doc-1", "date": "2023-09-14"}, timeout=60
    )
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "doc-1" and body["model"]["name"] and body["timing_ms"] > 0
    assert (body["date"], body["date_source"]) == ("2023-09-14", "request")
    assert body["entities"]
    for e in body["entities"]:
        assert MESSY[e["start"] : e["end"]] == e["text"]
        # every name has a canonical ID and display name; a DATE has a value instead
        assert (e["id"] is None) == (e["label"] == "DATE") == (e["name"] is None)
    values = {e["text"]: e["value"] for e in body["entities"] if e["label"] == "DATE"}
    assert values["গতকাল বুধবার"] == "2023-09-13"
    assert values["১৩ সেপ্টেম্বর, ২০২৩"] == "2023-09-13"
    undated = httpx.post(server + "/extract", json={"text": "আজ"}, timeout=60).json()
    assert undated["date_source"] == "today" and undated["entities"][0]["value"] == undated["date"]


def test_batch_keeps_order(server) -> None:
    docs = [
        {"id": str(i), "text": t} for i, t in enumerate(["ঢাকায় আজ", "", PARAGRAPH, "English text"])
    ]
    r = httpx.post(server + "/extract/batch", json={"documents": docs}, timeout=60)
    assert r.status_code == 200
    results = r.json()["results"]
    assert [d["id"] for d in results] == ["0", "1", "2", "3"] and results[1]["entities"] == []
    single = httpx.post(server + "/extract", json={"text": PARAGRAPH}, timeout=60).json()
    assert results[2]["entities"] and results[2]["entities"] == single["entities"]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"text": "ক" * 5001}, 413),
        ({"documents": [{"text": "ক"}] * 6}, 413),
        ({"txt": "ঢাকা"}, 422),
        ({"text": 42}, 422),
        ({"text": "ঢাকা", "date": "2023-13-45"}, 422),
        ({"text": "ঢাকা", "date": 0}, 422),
        ({"text": "ঢাকা", "id": 7}, 422),
    ],
)
def test_bad_input_gets_a_clear_error_body(server, payload, status) -> None:
    path = "/extract/batch" if "documents" in payload else "/extract"
    r = httpx.post(server + path, json=payload, headers={"X-Request-ID": "req-42"}, timeout=60)
    assert r.status_code == status
    body = r.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["request_id"] == "req-42" == r.headers["X-Request-ID"]
    if status == 422:
        assert body["errors"] and all(isinstance(e["msg"], str) for e in body["errors"])


def test_malformed_bodies_and_odd_unicode(server) -> None:
    for raw in (b'{"text": "\xe0\xa6\x95', b"\xff\xfe\x00", b"[1, 2"):
        r = httpx.post(
            server + "/extract", content=raw, headers={"content-type": "application/json"}
        )
        assert r.status_code == 422 and "malformed" in r.json()["detail"]
    found = []
    putin = "ভ্লাদিমির পুতিন"  # a curated name: found by the knowledge base whatever the tagger
    odd = ["Latin only", "😀👍🏽🇧🇩", f"{putin}\x00\x07\x1b কথা", f"中文 {putin}"]
    odd.append(f"\u202e{putin}\u202c")
    for text in odd:
        r = httpx.post(server + "/extract", json={"text": text}, timeout=30)
        assert r.status_code == 200, text
        found += [(text, e) for e in r.json()["entities"]]
    assert len(found) >= 3, "the odd texts with a curated name in them gave no entities"
    for text, e in found:
        assert text[e["start"] : e["end"]] == e["text"]
    lone_surrogate = '{"text": "\\ud800রাশিয়া"}'.encode()  # JSON allows it, UTF-8 cannot
    r = httpx.post(
        server + "/extract", content=lone_surrogate, headers={"content-type": "application/json"}
    )
    assert r.status_code == 200 and r.json()["entities"][0]["text"] == "রাশিয়া"


def test_fifty_concurrent_requests_equal_sequential_ones(server) -> None:
    texts = [
        f"{PARAGRAPH} সংখ্যা {i}।" if i % 3 else f"ঢাকায় {i} জন আহত, গতকাল বুধবার।" for i in range(50)
    ]
    expected = [
        httpx.post(server + "/extract", json={"text": t}, timeout=60).json()["entities"]
        for t in texts
    ]
    assert all(expected)

    async def fire() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=120) as client:
            return await asyncio.gather(
                *(client.post(server + "/extract", json={"text": t}) for t in texts)
            )

    responses = asyncio.run(fire())
    assert [r.status_code for r in responses] == [200] * 50
    # micro-batches mix the requests: the default runtime is batch-independent
    assert [r.json()["entities"] for r in responses] == expected


def test_ready_metrics_demo_page_and_docs_are_served(server) -> None:
    assert httpx.get(server + "/ready").json()["status"] == "ready"
    metrics = httpx.get(server + "/metrics").text
    assert 'banglaner_requests_total{route="/extract",status="200"}' in metrics
    assert "banglaner_request_seconds_bucket" in metrics and "banglaner_model_info" in metrics
    assert (
        "banglaner_entities_total" in metrics and "banglaner_extraction_failures_total" in metrics
    )
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "extract-form" in page.text
    assert httpx.get(server + "/docs").status_code == 200


@pytest.fixture(scope="module")
def default_server(tiny_model, packaged_kb_path):
    """The server with its default limits, as users run it."""
    with running_server(tiny_model, packaged_kb_path) as srv:
        yield srv.url


def test_openapi_contract_holds_under_fuzzing(default_server) -> None:
    """Schemathesis, every check, a fixed seed: each status and body the server answers is
    the one its OpenAPI document states (bench/fuzz_api.py runs 20,000 cases)."""
    server = default_server
    proc = subprocess.run(
        [
            sys.executable, "-m", "schemathesis.cli", "run", f"{server}/openapi.json",
            "--checks", "all", "--max-examples", "75", "--seed", "20261127",
            "--generation-database", "none",
        ],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert "No issues found" in proc.stdout


def test_an_api_key_guards_extraction_and_metrics_not_health(tiny_model, packaged_kb_path) -> None:
    with running_server(tiny_model, packaged_kb_path, api_key="s3cret") as srv:
        assert httpx.get(srv.url + "/health").status_code == 200  # open
        for headers in ({}, {"Authorization": "Bearer nope"}):
            r = httpx.post(srv.url + "/extract", json={"text": "ঢাকা"}, headers=headers)
            assert r.status_code == 401 and "API key" in r.json()["detail"]
        assert httpx.get(srv.url + "/metrics").status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        assert httpx.post(srv.url + "/extract", json={"text": "ঢাকা"}, headers=good).is_success


# --- in process: a pipeline the test controls ---------------------------------------------
class Held(Pipeline):
    """The real pipeline, its first call held at the door until the test opens it (requests
    sent meanwhile queue up); records how many texts each call got."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls: list[int] = []

    def extract_many(self, texts, doc_dates=None):
        self.calls.append(len(texts))
        if len(self.calls) == 1:
            self.entered.set()
            self.release.wait(timeout=60)
        return super().extract_many(texts, doc_dates)


class HeldFragile(Held, Fragile):
    """Held at the door first, then raising on 💥."""


@pytest.fixture(scope="module")
def real(tiny_model, packaged_kb_path) -> Pipeline:
    return Pipeline.load(tiny_model, device="cpu", kb_path=packaged_kb_path)


def _settings(**overrides) -> Settings:
    return Settings(link_entities=True, **overrides)


def test_a_document_that_raises_fails_only_its_request(real) -> None:
    """Four requests share one micro-batch; the one that makes the pipeline raise gets a
    500 naming its request id, the others their entities, and /metrics counts it."""
    pipe = HeldFragile(real.tagger, real.linker)
    app = create_app(_settings(micro_batch_docs=8), pipeline=pipe)
    texts = ["ঢাকায় আজ বৃষ্টি।", "💥", "রাশিয়ার প্রেসিডেন্ট পুতিন", "সিলেটে বন্যা।"]
    with TestClient(app) as client:
        results: dict[int, httpx.Response] = {}

        def send(i: int, text: str) -> None:
            results[i] = client.post(
                "/extract", json={"text": text}, headers={"X-Request-ID": f"r{i}"}
            )

        threads = [threading.Thread(target=send, args=pair) for pair in enumerate(["ঢাকা"])]
        threads[0].start()
        assert pipe.entered.wait(timeout=30)  # the model is busy: the four queue up
        threads += [threading.Thread(target=send, args=(i + 1, t)) for i, t in enumerate(texts)]
        for t in threads[1:]:
            t.start()
        until(lambda: app.state.runner.queued == 4)
        pipe.release.set()
        for t in threads:
            t.join()
        assert pipe.calls[:2] == [1, 4]  # then each of the four alone, after the batch raised
        assert [results[i].status_code for i in range(1, 5)] == [200, 500, 200, 200]
        failed = results[2].json()
        assert failed["request_id"] == "r2" and "r2" in failed["detail"]
        assert results[3].json()["entities"]
        assert "banglaner_extraction_failures_total 1.0" in client.get("/metrics").text


def test_a_busy_model_answers_503_then_504(real) -> None:
    """One request holds the model; with a queue of one, the next waits and the one after is
    refused at once (503 + Retry-After); the waiting one runs past its time limit (504)."""
    pipe = Held(real.tagger, real.linker)
    app = create_app(_settings(max_queue=1, request_timeout_s=0.5), pipeline=pipe)
    with TestClient(app) as client:
        first: list[httpx.Response] = []
        holder = threading.Thread(
            target=lambda: first.append(client.post("/extract", json={"text": "ঢাকা"}))
        )
        holder.start()
        assert pipe.entered.wait(timeout=30)
        waiting: list[httpx.Response] = []
        waiter = threading.Thread(
            target=lambda: waiting.append(client.post("/extract", json={"text": "ঢাকা"}))
        )
        waiter.start()
        until(lambda: app.state.runner.queued == 1)  # the waiter holds the one place
        refused = client.post("/extract", json={"text": "ঢাকা"})
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "1"
        waiter.join()
        pipe.release.set()
        holder.join()
        assert waiting[0].status_code == 504
        assert "BANGLANER_REQUEST_TIMEOUT_S" in waiting[0].json()["detail"]
        assert first[0].status_code == 504  # the held one too ran past 0.5 s
