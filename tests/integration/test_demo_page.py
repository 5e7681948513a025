"""The demo page in headless Chromium (Debian's, driven by Playwright), against a real server."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.server import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def test_demo_page_highlights_entities(corpus_model, kb_path, tmp_path) -> None:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "install Debian's chromium and fonts: apt-get install chromium fonts-noto-core"
    )
    with running_server(corpus_model, kb_path) as srv, sync_playwright() as pw:
        base = srv.url
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(base + "/")
        text = page.input_value("#text")
        assert "ভ্লাদিমির পুতিন" in text  # the sample article is prefilled
        page.click("#submit")
        page.wait_for_selector("#result mark.ent")
        marks = page.eval_on_selector_all(
            "#result mark.ent",
            "els => els.map(e => ({label: e.dataset.label, start: +e.dataset.start,"
            " end: +e.dataset.end, text: e.firstChild.textContent, title: e.title}))",
        )
        assert marks and all(m["label"] in {"PER", "LOC", "ORG", "DATE"} for m in marks)
        chars = list(text)  # offsets are code points
        for m in marks:
            assert "".join(chars[m["start"] : m["end"]]) == m["text"]
        names = [m["title"] for m in marks if m["label"] != "DATE"]
        assert all("(Q" in t or "(bn:" in t for t in names)  # canonical ID on hover
        dates = {m["text"]: m["title"] for m in marks if m["label"] == "DATE"}
        assert "value 2023-09-13" in dates["গতকাল বুধবার"]  # document date 2023-09-14 is prefilled
        assert (
            page.eval_on_selector(".ent.DATE", "e => getComputedStyle(e).backgroundColor")
            == "rgb(191, 225, 217)"
        )
        assert "entities in" in page.text_content("#status")
        assert '"entities"' in page.text_content("#raw")
        # Bengali renders with a real Bengali font, not tofu boxes
        font = page.evaluate("document.fonts.check('16px \"Noto Sans Bengali\"', 'ঢাকা')")
        assert font, "no Bengali font: apt-get install fonts-noto-core"
        shot = tmp_path / "demo.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        browser.close()
    print(f"screenshot: {shot}")
