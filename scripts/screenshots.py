"""Screenshots of every page type, phone (360×740) and desktop (1280×800), both languages, to look
at before calling a UI change done (`make screenshots`).

Serves the built site/ on loopback, opens each page in Debian's Chromium through Playwright and
writes, into the output folder (git-ignored): `<lang>-<page>-<device>.png` (what the first screen
shows) and `…-full.png` (the whole page); the referral sheet with four services and the sanctions
overview are also printed to PDF (`…-print.pdf`) and, when `pdftoppm` is installed, each PDF page
as PNG. Nothing leaves the machine: requests to any other origin are refused and listed.

    python scripts/screenshots.py [--site site] [--out screenshots]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import Route, ViewportSize, sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEVICES: dict[str, ViewportSize] = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
SHEET = ["cpas-anderlecht", "baj-bruxelles-nl", "caprev", "cpas-schaerbeek"]
PAGES = {
    "home": "{lang}/",
    "finder": "{lang}/finder/?commune=21015",
    "service": "{lang}/services/cpas-anderlecht/",
    "commune": "{lang}/communes/21015/",
    "referral": "{lang}/referral/",
    "sanctions": "{lang}/guide/sanctions/",
    "guide-print": "{lang}/guide/sanctions/print/",
}
MAX_HEIGHT = 2400
PRINTED = ("referral", "sanctions", "guide-print")  # the page's own @page rules size the paper


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="site", type=Path)
    parser.add_argument("--out", default="screenshots", type=Path)
    args = parser.parse_args()
    if not (args.site / "fr" / "index.html").exists():
        print(f"{args.site}/fr/index.html: no built site; run `make build` first", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(args.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    foreign: list[str] = []
    written = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for device, viewport in DEVICES.items():
                context = browser.new_context(viewport=viewport)

                def guard(route: Route) -> None:
                    if route.request.url.startswith(base) or route.request.url.startswith("data:"):
                        route.continue_()
                    else:
                        foreign.append(route.request.url)
                        route.abort()

                context.route("**/*", guard)
                page = context.new_page()
                page.goto(base + "fr/")
                page.evaluate(f"localStorage.setItem('atlas-referral', {json.dumps(json.dumps(SHEET))})")
                for lang in ("fr", "nl"):
                    for name, path in PAGES.items():
                        page.goto(base + path.format(lang=lang))
                        page.wait_for_load_state("networkidle")
                        stem = args.out / f"{lang}-{name}-{device}"
                        page.screenshot(path=f"{stem}.png")
                        # the page's first three screens or so: enough to judge, small enough to view
                        height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                        page.screenshot(path=f"{stem}-full.png", full_page=True,
                                        clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
                        written += 2
                        if name in PRINTED and device == "desktop":
                            pdf = Path(f"{lang}-{name}-print.pdf")
                            page.emulate_media(media="print")
                            (args.out / pdf).write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
                            page.emulate_media(media="screen")
                            written += 1
                            if shutil.which("pdftoppm"):
                                last = [] if name != "guide-print" else ["-l", "4"]  # cover, contents, matrix
                                subprocess.run(
                                    ["pdftoppm", "-png", "-r", "60", *last, str(args.out / pdf), str(args.out / pdf.stem)],
                                    check=True,
                                )
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    print(f"{written} files in {args.out}/")
    if foreign:
        print("requests to other origins (refused):\n" + "\n".join(sorted(set(foreign))), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
