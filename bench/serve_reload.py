"""How long `make serve` takes to show an edited content file (the editing loop).

Starts `mkdocs serve` on a free loopback port, edits one content file, and times how long until
the served page shows the edit. Repeats a few times, restores the file, prints the numbers.
It prints; it asserts nothing.  Run: .venv/bin/python bench/serve_reload.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ITEM = ROOT / "content" / "legislation" / "crime-and-disorder-act-1998.md"
URL_PATH = "/legislation/crime-and-disorder-act-1998/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    port = free_port()
    url = f"http://127.0.0.1:{port}{URL_PATH}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    original = ITEM.read_text(encoding="utf-8")
    timings: list[float] = []
    try:
        deadline = time.monotonic() + 120
        while "Crime and Disorder" not in fetch(url):
            if time.monotonic() > deadline:
                print("mkdocs serve did not start")
                return 1
            time.sleep(0.2)
        time.sleep(1.5)  # let the file watcher settle
        for run in range(runs):
            marker = f"Edit marker {run} {time.time_ns()}"
            started = time.monotonic()
            ITEM.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in fetch(url):
                if time.monotonic() - started > 60:
                    print("the edit never appeared")
                    return 1
                time.sleep(0.05)
            timings.append(time.monotonic() - started)
            ITEM.write_text(original, encoding="utf-8")
            time.sleep(3)
    finally:
        ITEM.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    print("edit to served page (s): " + ", ".join(f"{t:.2f}" for t in timings))
    print(f"median {statistics.median(timings):.2f} s, worst {max(timings):.2f} s over {len(timings)} edits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
