"""Lighthouse scores (mobile preset) for the home page, an item page and the decision tool.

Run with `make lighthouse`: serves site/ on loopback, runs the pinned Lighthouse with Debian's
Chromium, prints one line per page and writes the reports to tools/lighthouse/reports/.
It prints numbers; it asserts nothing.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE.parent.parent / "site"
PAGES = {"home": "", "item page": "legislation/children-act-2004/", "decision tool": "decide/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> int:
    if not (SITE / "index.html").exists():
        print("site/ is missing: run `make build` first", file=sys.stderr)
        return 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    reports = HERE / "reports"
    reports.mkdir(exist_ok=True)
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    print(f"{'page':<15}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, path in PAGES.items():
        out = reports / f"{name.replace(' ', '-')}.json"
        subprocess.run(
            [
                str(HERE / "node_modules" / ".bin" / "lighthouse"),
                base + path,
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--quiet",
            ],
            env=env,
            check=True,
        )
        result = json.loads(out.read_text(encoding="utf-8"))
        scores = [round((result["categories"][c]["score"] or 0) * 100) for c in CATEGORIES]
        print(f"{name:<15}" + "".join(f"{s:>16}" for s in scores))
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
