"""The self-contained HTML report, opened in a real browser (headless Chromium via Playwright).

A batch of two drafts (one hostile) is checked by the real pipeline, rendered with
``--format html`` and loaded from a file: the claims are highlighted by verdict, hovering shows
the explanation with the official figure, and the planted markup stays inert text.
Skipped when Playwright or /usr/bin/chromium is missing (tools/install_browser.sh installs it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.cli import main

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

DRAFT = """---
title: Surplus with the US
published: 2025-04-17
---
Japan's trade surplus with the United States surged to 9 trillion yen in the fiscal year
ending March 2025, while the overall deficit for the year came to 5.2 trillion yen.
"""

HOSTILE = """---
title: "<script>window.__pwned = 1</script>"
published: 2025-04-17
---
<script>window.__pwned = 2</script><img src=x onerror="window.__pwned = 3">
Japan posted a trade deficit of 5.2 trillion yen in fiscal 2024 <b>bold</b>.
"""


def test_html_report_highlights_in_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (run tools/install_browser.sh)")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a-surplus.md").write_text(DRAFT, encoding="utf-8")
    (drafts / "b-hostile.md").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    code = main(["check", str(drafts), "--format", "html", "--output", str(out), "--jobs", "1",
                 "--no-progress"])
    assert code == 1  # "surged" is flagged

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri())
            wrong = page.locator('mark.claim[data-verdict="wrong_direction"]')
            assert wrong.count() == 1 and wrong.first.inner_text().startswith("surged")
            right = page.locator('mark.claim[data-verdict="consistent"]')
            assert right.count() >= 2
            assert "rgb(0, 0, 0)" != wrong.first.evaluate("e => getComputedStyle(e).backgroundColor")
            wrong.first.hover()
            tip = wrong.first.locator(".tip")
            assert tip.is_visible()
            assert "fell" in tip.inner_text() or "-1.3%" in tip.inner_text()
            # the hostile article: its markup is text, nothing ran, nothing was fetched
            assert page.evaluate("() => window.__pwned") is None
            assert page.locator("img").count() == 0
            assert "<script>window.__pwned = 2</script>" in page.locator("body").inner_text()
            assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
