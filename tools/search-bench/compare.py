"""Score search engines on tests/search_queries.yml without a browser, per class (top 3).

    python tools/search-bench/compare.py SITE_DIR [--engine lunr|minisearch] [--no-layer]
                                         [--tuning '{"correct": false}'] [--queries FILE] [--misses]

Each engine runs as the site's search worker would, in Node, on SITE_DIR's search index:
`lunr` is Material's own worker, `minisearch` a MiniSearch worker (minisearch-backend.js;
`npm ci` in this folder installs it). Both sit behind the site's search layer
(macros/search_worker.js) unless --no-layer. The benchmark that counts types into the real
search box in Chromium (tests/test_search.py); this one takes seconds, to compare engines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def worker_source(site: Path, engine: str, layer: bool) -> str:
    parts = [(ROOT / "macros" / "search_worker.js").read_text(encoding="utf-8")] if layer else []
    if engine == "lunr":
        parts += [
            next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
        ]
    else:
        parts += [
            (HERE / "node_modules" / "minisearch" / "dist" / "umd" / "index.js").read_text(encoding="utf-8"),
            (HERE / "minisearch-backend.js").read_text(encoding="utf-8"),
        ]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--engine", choices=["lunr", "minisearch"], default="lunr")
    parser.add_argument("--no-layer", action="store_true")
    parser.add_argument("--tuning", default="{}")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    args = parser.parse_args()
    rows = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch)
        (site / "search").mkdir()
        index = json.loads((args.site / "search" / "search_index.json").read_text(encoding="utf-8"))
        index["config"].setdefault("isg", {})["tuning"] = json.loads(args.tuning)
        (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
        worker = site / "worker.js"
        worker.write_text(worker_source(args.site, args.engine, not args.no_layer), encoding="utf-8")
        result = subprocess.run(
            ["node", str(HERE / "run_worker.js"), str(site), str(worker)],
            input=json.dumps([row["query"] for row in rows]),
            capture_output=True,
            text=True,
            check=True,
        )
    answers = json.loads(result.stdout)
    totals: dict[str, list[int]] = {}
    misses = []
    for row, answer in zip(rows, answers, strict=True):
        expect = row["expect"] if isinstance(row["expect"], list) else [row["expect"]]
        hit = any(page in answer["pages"][:3] for page in expect)
        totals.setdefault(row["class"], [0, 0])
        totals[row["class"]][0] += hit
        totals[row["class"]][1] += 1
        if not hit:
            misses.append(f"  MISS [{row['class']}] {row['query']!r}: wanted {expect}, got {answer['pages'][:3]}")
    label = f"{args.engine}{'' if args.no_layer else ' + layer'} {args.tuning if args.tuning != '{}' else ''}"
    print(
        label.strip()
        + ": "
        + ", ".join(f"{name} {hits}/{count} ({hits / count:.1%})" for name, (hits, count) in totals.items())
    )
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
