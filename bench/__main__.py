"""Benchmark the generator against a plain Material site holding the same pages and menu.

    .venv/bin/python -m bench [--sizes real,500,2000] [--runs 3] [--out bench/results.json]
    .venv/bin/python -m bench --profile --sizes 2000 [--profile-plain]

For every size it builds, in a temporary folder, a generator project (projects.py: a synthetic corpus
of N items, or a copy of the real project), its plain Material twin and the floor (plain.py: the twin
with the stack's two plugins on, doing nothing), then times strict builds of all three (measure.py)
and prints the table, the ratios, growth and the goals (report.py).
It reports; it never asserts. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import GZIP_LEVEL, prepare, run_case, summary
from bench.profiling import profile
from bench.projects import ROOT
from bench.report import goals, machine, print_goals, print_machine, print_summary, print_table, project_state


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="real,500,2000", help="comma-separated: real and/or item counts")
    parser.add_argument("--runs", type=int, default=3, help="builds of each variant per size (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument(
        "--profile", action="store_true", help="skip the timings; build the largest size once under cProfile"
    )
    parser.add_argument(
        "--profile-plain", action="store_true", help="with --profile: also profile the plain twin, for comparison"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if size != "real" and not (size.isdigit() and int(size) > 0):
            parser.error(f"size '{size}' is neither 'real' nor a number of items")

    started = time.perf_counter()
    state = project_state()
    info = machine()
    print_machine(info)
    print(
        f"Generator at commit {state['head']} with {len(state['uncommitted'])} uncommitted file(s) in "
        "macros/, overrides/, mkdocs.yml, content/, docs/",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="isg-bench-"))
    try:
        if args.profile:
            run_profiles(sizes, work, with_plain=args.profile_plain, keep=args.keep)
            print(f"\nWhole script: {time.perf_counter() - started:.1f} s")
            return

        results: dict[str, Any] = {}
        for size in sizes:
            case = prepare(size, work)
            run_case(case, args.runs, work)
            results[size] = summary(case)
        print_table(results)
        print_summary(results)
        verdicts = goals(results)
        print_goals(verdicts)
        print_machine(info)
        total = time.perf_counter() - started
        print(f"\nWhole script: {total:.1f} s")
        report = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "command": " ".join([Path(sys.executable).name, "-m", "bench", *sys.argv[1:]]),
            "project_state_at_start": state,
            "project_state_at_end": project_state(),
            "machine": info,
            "method": {
                "wall": "time.perf_counter() around one `python -m mkdocs build --strict -q` child process",
                "peak_memory": "ru_maxrss of that child from os.wait4() (per process, KiB -> MB)",
                "runs": f"{args.runs} per variant, taking turns generator/plain/floor, median reported",
                "gzip_level": GZIP_LEVEL,
                "page_js_css": "same-origin <script src> and <link rel=stylesheet> of one item page, gzipped one by one",
            },
            "goals": verdicts,
            "results": results,
            "script_wall_s": total,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"Results written to {args.out}")
    finally:
        if args.keep:
            print(f"Kept the projects in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_profiles(sizes: list[str], work: Path, *, with_plain: bool, keep: bool) -> None:
    largest = max(sizes, key=lambda s: -1 if s == "real" else int(s))
    case = prepare(largest, work)
    generator = profile(case, work, "generator")
    if with_plain:
        plain = profile(case, work, "plain", verbose=False)
        if generator["ok"] and plain["ok"]:
            g, p = generator["own_time_by_package_s"], plain["own_time_by_package_s"]
            print("Own time, generator minus plain, by package:")
            for name in sorted(set(g) | set(p), key=lambda n: -(g.get(n, 0.0) - p.get(n, 0.0)))[:8]:
                print(f"  {name:28} {g.get(name, 0.0) - p.get(name, 0.0):+8.2f} s")
    if not keep:
        print("(the .prof files go with the temporary folder; pass --keep to keep them)")


if __name__ == "__main__":
    main()
