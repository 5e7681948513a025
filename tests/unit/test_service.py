"""The HTTP service in a real uvicorn process on a free loopback port (tiny model)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from tests.conftest import PARAGRAPH
from tests.server import running_server

# zero-width joiner/non-joiner, NBSP, decomposed o-kar (ে + া), precomposed য়, a symbol-font bullet
MESSY = (
    "\uf06c রাশিয়ার প্রেসিডেন্ট\u00a0ভ্লাদিমির পু\u200cতিন গতকাল বুধবার ভস্\u200dতোচনি "
    "কসমোড্রোমে কে\u09beরিয়ার নেতার সঙ্গে বৈঠক করেন। র\u200d্যাব জানায়, ১৩ সেপ্টেম্বর, ২০২৩ তারিখে।"
)


@pytest.fixture(scope="module")
def server(tiny_model, kb_path):
    with running_server(tiny_model, kb_path, max_text_chars="5000", max_batch_docs="5") as srv:
        yield srv.url


def test_extract_offsets_and_dates(server) -> None:
    r = httpx.post(
        server + "/extract", json={"text": MESSY, "id": "doc-1", "date": "2023-09-14"}, timeout=60
    )
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "doc-1" and body["model"]["name"] and body["timing_ms"] > 0
    assert (body["date"], body["date_source"]) == ("2023-09-14", "request")
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
    assert results[2]["entities"] == single["entities"]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"text": "ক" * 5001}, 413),
        ({"documents": [{"text": "ক"}] * 6}, 413),
        ({"txt": "ঢাকা"}, 422),
        ({"text": 42}, 422),
        ({"text": "ঢাকা", "date": "2023-13-45"}, 422),
        ({"text": ""}, 200),
    ],
)
def test_bad_input(server, payload, status) -> None:
    path = "/extract/batch" if "documents" in payload else "/extract"
    r = httpx.post(server + path, json=payload, timeout=60)
    assert r.status_code == status
    assert "detail" in r.json() or status == 200


def test_malformed_json_and_odd_unicode(server) -> None:
    r = httpx.post(
        server + "/extract",
        content=b'{"text": "\xe0\xa6\x95',
        headers={"content-type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 422
    for text in [
        "Latin only",
        "😀👍🏽🇧🇩",
        "ঢাকা\x00\x07\x1b কথা",
        "中文 العربية ঢাকা",
        "\u202eঢাকা\u202c",
        "\n\t\r",
    ]:
        r = httpx.post(server + "/extract", json={"text": text}, timeout=30)
        assert r.status_code == 200, text
        for e in r.json()["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]
    lone_surrogate = (
        b'{"text": "\\ud800\xe0\xa6\xa2\xe0\xa6\xbe\xe0\xa6\x95\xe0\xa6\xbe"}'  # \ud800ঢাকা
    )
    r = httpx.post(
        server + "/extract",
        content=lone_surrogate,
        headers={"content-type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 200


def test_fifty_concurrent_requests(server) -> None:
    texts = [
        f"{PARAGRAPH} সংখ্যা {i}।" if i % 3 else f"ঢাকায় {i} জন আহত, গতকাল বুধবার।" for i in range(50)
    ]
    expected = [
        httpx.post(server + "/extract", json={"text": t}, timeout=60).json()["entities"]
        for t in texts
    ]

    async def fire() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=120) as client:
            return await asyncio.gather(
                *(client.post(server + "/extract", json={"text": t}) for t in texts)
            )

    responses = asyncio.run(fire())
    assert [r.status_code for r in responses] == [200] * 50
    assert [r.json()["entities"] for r in responses] == expected


def test_ready_metrics_demo(server) -> None:
    assert httpx.get(server + "/ready").json()["status"] == "ready"
    metrics = httpx.get(server + "/metrics").text
    assert 'banglaner_requests_total{route="/extract",status="200"}' in metrics
    assert "banglaner_request_seconds_bucket" in metrics and "banglaner_model_info" in metrics
    assert "banglaner_entities_total" in metrics
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "extract-form" in page.text
    assert httpx.get(server + "/docs").status_code == 200


def test_api_key_overload_and_timeout(tiny_model, kb_path) -> None:
    with running_server(
        tiny_model, kb_path, api_key="s3cret", max_queue="1", request_timeout_s="0.05"
    ) as srv:
        base = srv.url
        assert httpx.get(base + "/health").status_code == 200  # open
        assert httpx.post(base + "/extract", json={"text": "ঢাকা"}).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert httpx.post(base + "/extract", json={"text": "ঢাকা"}, headers=wrong).status_code == 401
        assert httpx.get(base + "/metrics").status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        long_text = (PARAGRAPH + "\n") * 60

        async def burst() -> list[httpx.Response]:
            """One long request keeps the model busy; five more arrive while it works."""
            async with httpx.AsyncClient(timeout=60, headers=good) as client:
                first = asyncio.create_task(
                    client.post(base + "/extract", json={"text": long_text})
                )
                await asyncio.sleep(0.5)
                rest = await asyncio.gather(
                    *(client.post(base + "/extract", json={"text": long_text}) for _ in range(5))
                )
                return [await first, *rest]

        codes = sorted(r.status_code for r in asyncio.run(burst()))
        assert set(codes) <= {503, 504} and 504 in codes  # too slow for 50 ms: a clear 504
        assert 503 in codes  # the queue holds one: the rest are refused at once
        deadline = time.time() + 120
        while time.time() < deadline:  # once the busy model drains, a slow request gets a 504
            r = httpx.post(base + "/extract", json={"text": long_text}, headers=good, timeout=60)
            if r.status_code != 503:
                break
            time.sleep(0.5)
        assert r.status_code == 504 and "BANGLANER_REQUEST_TIMEOUT_S" in r.json()["detail"]
