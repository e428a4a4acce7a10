"""``--profile``: one build under cProfile, the top functions and own time by package."""

from __future__ import annotations

import pstats
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.measure import Case, build_command
from bench.projects import ENV, ROOT


def profile(case: Case, work: Path, variant: str = "generator", *, verbose: bool = True) -> dict[str, Any]:
    """One build of ``variant`` under ``python -m cProfile``; print the top lines and own time by package."""
    project = case.project(variant)
    prof = work / f"profile-{case.size}-{variant}.prof"
    site = work / case.size / f"site-profile-{variant}"
    command = build_command(project, site, python_options=("-m", "cProfile", "-o", str(prof)))
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    output = result.stdout + result.stderr
    # cProfile swallows SystemExit, so an aborted build still exits 0: look at what it wrote and said.
    built = (site / "sitemap.xml").exists() and "Aborted" not in output and "ERROR" not in output
    shutil.rmtree(site, ignore_errors=True)
    if result.returncode != 0 or not built:
        print(f"profiled {variant} build failed:\n{output[-3000:]}")
        return {"ok": False}
    print(f"\nProfile of one {variant} build, size {case.size} ({wall:.1f} s under cProfile, stats in {prof}):")
    stats = pstats.Stats(str(prof))
    if verbose:
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(15)
    by_package: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        name = package_of(filename)
        by_package[name] = by_package.get(name, 0.0) + own
    by_package = dict(sorted(by_package.items(), key=lambda kv: -kv[1]))
    total = sum(by_package.values())
    print(f"Own time by package ({variant}, {total:.1f} s in all):")
    for name, own in list(by_package.items())[:12]:
        print(f"  {name:28} {own:7.2f} s  {100 * own / total:5.1f} %")
    return {"ok": True, "wall_s": wall, "own_time_by_package_s": by_package}


def package_of(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C code)"
    path = Path(filename)
    parts = path.parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if path.suffix == ".html":
        return "theme templates (overrides)"
    if path.is_relative_to(ROOT / "macros") or "macros" in parts:
        return "macros (the generator)"
    if "lib" in parts and any(part.startswith("python3") for part in parts):
        return "stdlib"
    return str(path)
