"""Open a geomap page in Debian's headless Chromium with Playwright, offline, and report what happened."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
TILE_HOSTS = ("tile.openstreetmap.org",)


@dataclass
class PageReport:
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # requests that failed, tiles excluded
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt: script that ran
    tile_requests: int = 0


@contextmanager
def open_page(path: Path, width: int = 1280, height: int = 800):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed; .ci/run installs it")
    playwright = pytest.importorskip("playwright.sync_api")
    report = PageReport()
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})

        def route(route_):
            url = route_.request.url
            if any(host in url for host in TILE_HOSTS):
                report.tile_requests += 1
                return route_.abort()  # no network: tiles fail, and only tiles may
            if url.startswith(("http://", "https://")):
                report.failed.append(url)
                return route_.abort()
            return route_.continue_()

        page.route("**/*", route)
        page.on("pageerror", lambda exc: report.errors.append(str(exc)))
        page.on("requestfailed", lambda req: None if any(h in req.url for h in TILE_HOSTS)
                else report.failed.append(req.url))
        page.on("dialog", lambda dialog: (report.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function("window.geomapMap !== undefined", timeout=15000)
        try:
            yield page, report
        finally:
            browser.close()
