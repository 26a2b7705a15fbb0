"""Render an HTML map to PNG in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Usage: python scripts/screenshot.py output/map.html output/map.png [WIDTHxHEIGHT] [--view LAT,LON,ZOOM]
Tiles are blocked, so the picture shows what the page draws by itself, offline. --view sets the map's centre
and zoom before the picture is taken (e.g. --view 48.3,38.0,10 for Donbas at zoom 10).
"""

from __future__ import annotations

import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main(argv: list[str]) -> int:
    view = None
    if "--view" in argv:
        at = argv.index("--view")
        try:
            view = [float(v) for v in argv[at + 1].split(",")]
            assert len(view) == 3
        except (IndexError, ValueError, AssertionError):
            print("screenshot: --view takes LAT,LON,ZOOM", file=sys.stderr)
            return 2
        argv = argv[:at] + argv[at + 2:]
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    page_path, png_path = Path(argv[0]).resolve(), Path(argv[1])
    width, height = (int(v) for v in (argv[2] if len(argv) > 2 else "1400x900").split("x"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        def route(route_):
            try:
                route_.abort() if route_.request.url.startswith("http") else route_.continue_()
            except Exception:  # the page closed while a tile request was pending
                pass

        page.route("**/*", route)
        page.goto(page_path.as_uri())
        page.wait_for_function("window.geomapMap !== undefined", timeout=15000)
        if view:
            page.evaluate("v => { window.geomapMap.setView([v[0], v[1]], v[2], {animate: false}); }", view)
        page.wait_for_timeout(800)
        page.screenshot(path=str(png_path))
        browser.close()
    print(f"screenshot: {png_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
