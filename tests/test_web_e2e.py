"""The real page in headless Chromium (Debian's ``chromium``, driven by Playwright for Python).

Skipped when Playwright or /usr/bin/chromium is missing (``tools/install_browser.sh`` installs
the browser). The server is uvicorn on 127.0.0.1 on a free port, in a thread of this process;
its checks run in the app's worker processes, which must be gone once the server has stopped.
Screenshots go to pytest's tmp_path (kept for the last runs under the basetemp folder).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from extractor.model import ArticleReport, Claim, Finding, Official
from extractor.periods import Period
from extractor.web import WebSettings, create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (run tools/install_browser.sh)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    p = context.new_page()
    outside: list[str] = []
    p.on(
        "request",
        lambda r: None if r.url.startswith("http://127.0.0.1:") else outside.append(r.url),
    )
    p.outside_requests = outside
    try:
        yield p
    finally:
        context.close()
    assert outside == [], f"the page reached outside this machine: {outside}"


# -- the page's mechanics, on a fixed report -------------------------------------------------
HOSTILE = (
    'Exports rose 3.9% in March. <script>alert("xss")</script><img src=x onerror=alert(2)> '
    "The record deficit was 5 trillion yen."
)


def fixed_report(text: str, *, published=None, path=None, config=None) -> ArticleReport:
    """Three claims: consistent, contradicted, and a not-checked one holding the contradicted."""
    official = Official(
        value=-5.4e11,
        unit="JPY",
        period="2025-03",
        partner="World",
        flow="balance",
        status="provisional",
        release_date=dt.date(2025, 4, 17),
        source="reference test row",
    )
    spec = [
        ("3.9%", "consistent", "info", None),
        ("record deficit was 5 trillion yen", "not_checked", "info", None),
        ("5 trillion yen", "contradicted", "error", official),
    ]
    findings = []
    for needle, verdict, severity, off in spec:
        start = text.index(needle)
        claim = Claim(needle, start, start + len(needle), "level", "balance",
                      period=Period.parse("2025-03"))  # fmt: skip
        findings.append(
            Finding(
                claim,
                verdict,
                severity,
                "value.mismatch",
                f"message for {needle}",
                off,
                "write 0.54 trillion yen" if off else None,
            )  # fmt: skip
        )
    return ArticleReport(path=path, text=text, published=published, findings=tuple(findings))


def test_page_mechanics(page: Any, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    app = create_app(settings=WebSettings(checker=fixed_report))
    with running(app) as base:
        page.goto(base + "/")
        page.fill("#draft", HOSTILE)
        page.fill("#published", "2025-04-20")
        page.click("#check-button")
        page.wait_for_selector("#article mark")
        article = page.locator("#article")
        assert article.inner_text() == HOSTILE  # shown as text, not parsed as HTML
        assert page.locator("#article script, #article img").count() == 0
        assert dialogs == []
        assert page.locator("#article mark.v-ok").inner_text() == "3.9%"
        bad = page.locator("#article mark.v-bad")
        assert bad.inner_text() == "5 trillion yen"
        assert page.locator("#article mark.v-na mark.v-bad").count() == 1  # nested claims
        summary = page.locator("#summary")
        assert summary.get_attribute("data-flagged") == "1"
        assert summary.get_attribute("data-consistent") == "1"

        # keyboard: Tab reaches the claims; Enter opens the explanation
        page.locator("#article mark.v-ok").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "5 trillion yen"
        page.keyboard.press("Enter")
        detail = page.locator("#detail")
        assert "Contradicted" in detail.inner_text()
        assert "message for 5 trillion yen" in detail.inner_text()
        assert "−540 billion yen" in detail.inner_text()
        assert "provisional, released 2025-04-17" in detail.inner_text()
        assert "write 0.54 trillion yen" in detail.inner_text()
        page.locator("#article mark.v-ok").focus()
        page.keyboard.press(" ")
        assert "Consistent" in detail.inner_text()

        with page.expect_download() as got:
            page.click("#download-json")
        saved = tmp_path / "report.json"
        got.value.save_as(saved)
        assert '"contradicted"' in saved.read_text() and "_index" not in saved.read_text()
        with page.expect_download() as got:
            page.click("#download-html")
        got.value.save_as(tmp_path / "report.html")
        assert (tmp_path / "report.html").read_text().lstrip().lower().startswith("<!doctype html")
        page.screenshot(path=str(tmp_path / "mechanics.png"), full_page=True)
        pids = app.state.runner.pids()
    assert pids  # the check ran in worker processes ...
    for pid in pids:  # ... which uvicorn's shutdown stopped
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_server_errors_are_shown(page: Any) -> None:
    app = create_app(settings=WebSettings(checker=fixed_report, max_bytes=2000))
    with running(app) as base:
        page.goto(base + "/")
        page.fill("#draft", "x" * 5000)
        page.click("#check-button")
        page.wait_for_selector("#status.error")
        assert "limit is 2 KiB" in page.locator("#status").inner_text()
        assert page.locator("#result").is_hidden()


def test_docs_render_offline(page: Any) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    with running(create_app(settings=WebSettings(checker=fixed_report))) as base:
        page.goto(base + "/docs")
        page.wait_for_selector(".opblock", timeout=20_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert {"/api/check", "/api/reference", "/health"} <= {p.strip() for p in paths}
    assert failed == []


# -- the real pipeline, on a draft modelled on a seed article --------------------------------
DRAFT = (
    "TOKYO, April 17, 2025 - Japan's trade surplus with the United States surged in fiscal 2024, "
    "reaching 9 trillion yen, government data showed on Thursday.\n\n"
    "For the fiscal year as a whole, Japan ran a trade deficit of 5.2 trillion yen, the fourth "
    "consecutive year in the red, as energy imports stayed costly."
)


def _mark(page: Any, text: str) -> Any:
    marks = page.locator("#article mark", has_text=text)
    assert marks.count() >= 1, f"no highlighted claim {text!r}"
    return marks.last  # the innermost when claims nest


def test_real_draft(page: Any, tmp_path: Path) -> None:
    with running(create_app()) as base:
        page.goto(base + "/")
        page.fill("#draft", DRAFT)
        page.click("#check-button")
        page.wait_for_selector("#result", state="visible", timeout=60_000)
        assert page.locator("#article-error").is_hidden(), page.locator(
            "#article-error"
        ).inner_text()
        assert page.input_value("#published") == "2025-04-17"  # found in the dateline
        surged = _mark(page, "surged")
        assert "v-bad" in surged.get_attribute("class")
        deficit = _mark(page, "5.2 trillion yen")
        assert "v-ok" in deficit.get_attribute("class")
        surged.click()
        detail = page.locator("#detail").inner_text()
        assert "Official figure" in detail and "United States" in detail and "FY2024" in detail
        shot = tmp_path / "real_draft.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000


def test_real_upload(page: Any, tmp_path: Path) -> None:
    body = DRAFT.split(" - ", 1)[1]  # no dateline: the date comes from the front matter
    draft = tmp_path / "us-surplus.md"
    draft.write_text(f"---\ntitle: Trade\ndate: 2025-04-17\n---\n{body}\n", encoding="utf-8")
    with running(create_app()) as base:
        page.goto(base + "/")
        page.set_input_files("#file", str(draft))
        assert page.locator("#draft").is_disabled()
        page.click("#check-button")
        page.wait_for_selector("#result", state="visible", timeout=60_000)
        assert "front matter" in page.locator("#published-note").inner_text()
        assert page.input_value("#published") == "2025-04-17"
        assert page.locator("#article").inner_text().strip() == body  # front matter stripped
        assert "v-bad" in _mark(page, "surged").get_attribute("class")
        with page.expect_download() as got:
            page.click("#download-html")
        assert got.value.suggested_filename == "us-surplus.factcheck.html"
