"""Lighthouse scores (mobile preset) for the home page, an item page and the decision tool.

Run with `make lighthouse`: serves site/ on loopback, runs the pinned Lighthouse with Debian's
Chromium, prints one line per page and writes the reports to tools/lighthouse/reports/.
It prints numbers; it asserts nothing.

The site is served as its host serves it: GitHub Pages sends HTML, CSS, JavaScript, JSON, SVG and XML
gzip-compressed to a browser that accepts it. Python's plain file server sends them uncompressed, so
Lighthouse timed a page that no reader gets (the CSS it must wait for six times its real size).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
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


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _LikeTheHost(_Quiet):
    """Text files gzip-compressed (level 6) when the browser accepts it, as GitHub Pages sends them."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSED
            or not path.is_file()
            or not self.path.split("?")[0].endswith(("/", path.name))
        ):
            return super().send_head()  # redirects, errors and other files as the plain server does
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def main() -> int:
    if not (SITE / "index.html").exists():
        print("site/ is missing: run `make build` first", file=sys.stderr)
        return 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_LikeTheHost, directory=str(SITE)))
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
