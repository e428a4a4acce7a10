"""Score a search worker on tests/search_queries.yml without a browser, per class (top 3).

    python tools/search-bench/compare.py SITE_DIR WORKER_JS [--misses]

The real benchmark types into the search box in Chromium (tests/test_search.py); this runs the
same worker code in Node in a second, to compare engines and settings while working.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    site, worker = sys.argv[1], sys.argv[2]
    rows = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
    result = subprocess.run(
        ["node", str(Path(__file__).with_name("run_worker.js")), site, worker],
        input=json.dumps([row["query"] for row in rows]),
        capture_output=True,
        text=True,
        check=True,
    )
    answers = json.loads(result.stdout)
    totals: dict[str, list[int]] = {}
    misses = []
    for row, answer in zip(rows, answers):
        expect = row["expect"] if isinstance(row["expect"], list) else [row["expect"]]
        hit = any(page in answer["pages"][:3] for page in expect)
        totals.setdefault(row["class"], [0, 0])
        totals[row["class"]][0] += hit
        totals[row["class"]][1] += 1
        if not hit:
            misses.append(f"  MISS [{row['class']}] {row['query']!r}: wanted {expect}, got {answer['pages'][:3]} {answer['hint'] or ''}")
    for name, (hits, count) in totals.items():
        print(f"{name}: {hits}/{count} ({hits / count:.1%})")
    if "--misses" in sys.argv:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
