"""Render an HTML map to PNG in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Usage: python scripts/screenshot.py output/map.html output/map.png [WIDTHxHEIGHT]
Tiles are blocked, so the picture shows what the page draws by itself, offline.
"""

from __future__ import annotations

import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    page_path, png_path = Path(argv[0]).resolve(), Path(argv[1])
    width, height = (int(v) for v in (argv[2] if len(argv) > 2 else "1400x900").split("x"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.abort() if route.request.url.startswith("http") else route.continue_())
        page.goto(page_path.as_uri())
        page.wait_for_timeout(800)
        page.screenshot(path=str(png_path))
        browser.close()
    print(f"screenshot: {png_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
