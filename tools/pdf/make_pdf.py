"""Print the whole-guidance page of a built site to an accessible, tagged PDF with Chromium.

Used by `make pdf`: the site is built first (with GUIDANCE_PDF set, so the whole-guidance page links to
the PDF), then this script serves the built site on a loopback port, opens the whole-guidance page in
Debian's Chromium through Playwright (which the browser tests already use) and prints it with
``page.pdf(tagged=True, outline=True)``: a tagged PDF (headings, lists, tables and figure text in the
structure tree, so screen readers can read it), with bookmarks from the headings, the document title
from the page's <title> and the language from <html lang>. WeasyPrint was the alternative; Chromium
was chosen because it prints exactly what the tests check in print-media emulation (the same engine,
the same print style sheet, the same SVG flowchart) and needs no second layout engine or its fonts.

    python tools/pdf/make_pdf.py SITE_DIR OUTPUT.pdf
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags this machine needs: no sandbox as root, and no calls home to Google's services. The browser
# tests launch Chromium with the same (tests/conftest.py).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGE = "whole-guidance/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def print_pdf(page, url: str, output: Path) -> Path:
    """Print the page at ``url`` with a Playwright page (Chromium) to a tagged PDF with bookmarks."""
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    output.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(
        path=str(output),
        format="A4",
        print_background=True,
        margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=(
            '<div style="font-size:8px;width:100%;text-align:center;color:#333">'
            '<span class="title"></span> · page <span class="pageNumber"></span> of '
            '<span class="totalPages"></span></div>'
        ),
        tagged=True,
        outline=True,
    )
    return output


def make_pdf(site: Path, output: Path) -> Path:
    """Serve the built ``site`` on a loopback port and print its whole-guidance page to ``output``."""
    from playwright.sync_api import sync_playwright

    if not (site / PAGE / "index.html").exists():
        raise SystemExit(f"{site / PAGE / 'index.html'} is missing: build the site first (make build).")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make chromium` first.")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                print_pdf(browser.new_page(), f"http://127.0.0.1:{server.server_address[1]}/{PAGE}", output)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return output


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    written = make_pdf(Path(argv[0]), Path(argv[1]))
    print(f"Wrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
