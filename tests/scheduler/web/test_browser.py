"""A real browser on the dashboard: Debian's headless Chromium, driven by Playwright.

Loads ``/`` and a Korean search on ``/stories``; checks that the chart has one
point per recorded claim, that sorting works, that no request leaves
127.0.0.1 and the console stays clean; saves screenshots (in the test's
folder, and in ``$STATIONWATCH_SCREENSHOTS`` when set).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from scheduler.web.server import WebHandle
from tests.scheduler.web.site import KOREAN_QUERY

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"),
]


def _shots(tmp_path: Path) -> list[Path]:
    folders = [tmp_path]
    if os.environ.get("STATIONWATCH_SCREENSHOTS"):
        folders.append(Path(os.environ["STATIONWATCH_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def test_dashboard_in_headless_chromium(dashboard: WebHandle, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    history = httpx.get(dashboard.url + "api/counts?history=1", timeout=10).json()
    per_place: dict[str, int] = {}
    for claim in history:
        key = (claim["place"] or "world").lower()
        per_place[key] = per_place.get(key, 0) + 1
    requests: list[str] = []
    problems: list[str] = []
    folders = _shots(tmp_path)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
            page.on("pageerror", lambda exc: problems.append(str(exc)))

            page.goto(dashboard.url, wait_until="networkidle")
            for place, count in per_place.items():
                points = page.locator(f"#place-{place} svg.chart circle.claim")
                assert points.count() == count, place
            assert page.locator("#place-world .headline").inner_text().startswith("more than 102")
            first_row = page.locator("#countries tbody tr").first
            assert "Italy" in first_row.inner_text()
            page.locator("#countries th", has_text="Country").click()  # the script sorts: Z to A
            assert "Netherlands" in page.locator("#countries tbody tr").first.inner_text()
            for folder in folders:
                page.screenshot(path=str(folder / "dashboard-figures.png"), full_page=True)

            page.goto(f"{dashboard.url}stories?q={KOREAN_QUERY}", wait_until="networkidle")
            cards = page.locator("li.story")
            assert cards.count() == 1
            assert KOREAN_QUERY in cards.first.inner_text()
            assert page.locator("li.story mark").count() >= 1
            for folder in folders:
                page.screenshot(path=str(folder / "dashboard-search.png"), full_page=True)
        finally:
            browser.close()
    assert requests and all(urlsplit(url).hostname == "127.0.0.1" for url in requests), requests
    assert problems == []
    assert (tmp_path / "dashboard-figures.png").stat().st_size > 10_000
