"""What the benchmark prints and writes: the table, the ratios, growth, the goals, the machine."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Callable
from importlib import metadata
from typing import Any

from bench.projects import ENV, ROOT

# Issue 17's goals. The benchmark reports whether they hold; it never asserts.
GOALS = {
    "ratio": 1.3,  # generator wall time / plain Material's, at every size
    "big_peak_mb": 300.0,
    "growth": 4.5,  # 2,000 vs 500 items: four times the items, near-linear
    "page_js_css_kb": 75.0,
}
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "mkdocs-awesome-nav", "jinja2", "pydantic")

Getter = Callable[[dict[str, Any]], Any]
ROWS: list[tuple[str, Getter, str]] = [
    ("build wall, median (s)", lambda e: e.get("wall_s"), "{:.2f}"),
    ("build CPU, median (s)", lambda e: e.get("cpu_s"), "{:.2f}"),
    ("peak RSS, median (MB)", lambda e: e.get("peak_rss_mb"), "{:.0f}"),
    ("pages", lambda e: e.get("pages"), "{:d}"),
    ("site output (MB)", lambda e: e.get("output_bytes") and e["output_bytes"] / 1e6, "{:.1f}"),
    ("search index (KB)", lambda e: e.get("search_index_bytes") and e["search_index_bytes"] / 1e3, "{:.0f}"),
    ("search index / page (B)", lambda e: e.get("search_index_bytes_per_page"), "{:d}"),
    ("search index gzip (KB)", lambda e: e.get("search_index_gzip") and e["search_index_gzip"] / 1e3, "{:.0f}"),
    ("item page HTML (KB)", lambda e: e.get("sample_page") and e["sample_page"]["page_html_bytes"] / 1e3, "{:.1f}"),
    ("item page HTML gzip (KB)", lambda e: e.get("sample_page") and e["sample_page"]["page_html_gzip"] / 1e3, "{:.1f}"),
    ("item page JS+CSS gzip (KB)", lambda e: e.get("sample_page") and e["sample_page"]["js_css_gzip"] / 1e3, "{:.1f}"),
]


def machine() -> dict[str, Any]:
    """The machine and the versions that were measured."""
    model = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def print_machine(info: dict[str, Any]) -> None:
    print(f"Machine: {info['cpus']} CPU(s) {info['cpu_model']}, {info['platform']}, Python {info['python']}")
    print("Versions: " + ", ".join(f"{name} {version}" for name, version in info["versions"].items()))


def project_state() -> dict[str, Any]:
    """Which generator was measured: macros/ and overrides/ are symlinked live, and others edit them."""

    def run(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, env=ENV).stdout.strip()

    return {
        "head": run("rev-parse", "--short", "HEAD"),
        "uncommitted": run(
            "status", "--porcelain", "--", "macros", "overrides", "mkdocs.yml", "content", "docs"
        ).splitlines(),
    }


def print_table(results: dict[str, Any]) -> None:
    header = f"{'size':>6}  {'metric':28} {'generator':>11} {'plain':>11} {'÷ plain':>7} {'floor':>11} {'÷ floor':>7}"
    print()
    print(header)
    print("-" * len(header))
    for size, result in results.items():
        first = True
        for label, get, fmt in ROWS:
            g, p, f = get(result["generator"]), get(result["plain"]), get(result.get("floor", {}))
            ratios = [f"{g / base:.2f}" if g is not None and base else "–" for base in (p, f)]
            shown = [fmt.format(v) if v is not None else "–" for v in (g, p, f)]
            print(
                f"{size if first else '':>6}  {label:28} {shown[0]:>11} {shown[1]:>11} {ratios[0]:>7}"
                f" {shown[2]:>11} {ratios[1]:>7}"
            )
            first = False
        for note in ("note", "floor_note"):
            if result.get(note):
                print(f"{'':>6}  note: {result[note]}")
        print()


def ratio(result: dict[str, Any], key: str) -> float | None:
    g, p = result["generator"].get(key), result["plain"].get(key)
    return g / p if g is not None and p else None


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    verdicts: list[dict[str, Any]] = []

    def add(goal: str, holds: bool | None, detail: str) -> None:
        verdicts.append({"goal": goal, "holds": holds, "detail": detail})

    for size in ("real", "500", "2000"):
        goal = f"{size} build <= {GOALS['ratio']}x plain Material"
        result = results.get(size)
        wall = ratio(result, "wall_s") if result else None
        if result is None or wall is None:
            add(goal, None, f"{size} not measured")
            continue
        add(goal, wall <= GOALS["ratio"], f"{wall:.2f}x wall ({ratio(result, 'cpu_s') or 0:.2f}x CPU)")

    big = results.get("2000", {}).get("generator", {})
    goal = f"2,000 items peak memory <= {GOALS['big_peak_mb']:.0f} MB"
    if "peak_rss_mb" in big:
        add(goal, big["peak_rss_mb"] <= GOALS["big_peak_mb"], f"{big['peak_rss_mb']:.0f} MB")
    else:
        add(goal, None, "2000 not measured")

    mid = results.get("500", {}).get("generator", {})
    goal = f"growth 2,000 vs 500 items <= {GOALS['growth']}x (items x4)"
    if "wall_s" in big and "wall_s" in mid:
        growth = big["wall_s"] / mid["wall_s"]
        plain = results["2000"]["plain"].get("wall_s", 0) / (results["500"]["plain"].get("wall_s") or 1)
        add(
            goal,
            growth <= GOALS["growth"],
            f"{growth:.2f}x wall ({big['cpu_s'] / mid['cpu_s']:.2f}x CPU; plain Material {plain:.2f}x)",
        )
    else:
        add(goal, None, "needs sizes 500 and 2000")

    per_page = {
        s: r["generator"]["sample_page"]["js_css_gzip"] / 1e3
        for s, r in results.items()
        if "sample_page" in r["generator"]
    }
    goal = f"item page JS+CSS <= {GOALS['page_js_css_kb']:.0f} KB gzipped"
    if per_page:
        worst = max(per_page.values())
        add(goal, worst <= GOALS["page_js_css_kb"], ", ".join(f"{s}: {v:.1f} KB" for s, v in per_page.items()))
    else:
        add(goal, None, "no page measured")

    r2000 = results.get("2000", {})
    g, p = r2000.get("generator", {}).get("search_index_bytes"), r2000.get("plain", {}).get("search_index_bytes")
    goal = "2,000 items search index smaller than plain Material's"
    if g and p:
        add(goal, g < p, f"{g / 1e6:.2f} MB vs {p / 1e6:.2f} MB ({g / p:.2f}x)")
    else:
        add(goal, None, "2000 not measured")
    return verdicts


def print_summary(results: dict[str, Any]) -> None:
    """One line per size: the ratio to plain Material and the peak memory."""
    print("Against plain Material on the same pages and menu (median wall time):")
    for size, result in results.items():
        wall, cpu = ratio(result, "wall_s"), ratio(result, "cpu_s")
        g, p = result["generator"], result["plain"]
        if wall is None:
            print(f"  {size:>5}: not measured (a build failed)")
            continue
        print(
            f"  {size:>5}: {g['wall_s']:6.2f} s vs {p['wall_s']:6.2f} s = {wall:.2f}x wall, {cpu or 0:.2f}x CPU;"
            f" peak memory {g['peak_rss_mb']:.0f} MB vs {p['peak_rss_mb']:.0f} MB"
        )
        floor = result.get("floor", {}).get("wall_s")
        if floor:
            print(
                f"         the floor (plain Material with mkdocs-macros and awesome-nav on, doing nothing):"
                f" {floor:.2f} s = {floor / p['wall_s']:.2f}x plain; the generator is {g['wall_s'] / floor:.2f}x the floor"
            )


def print_goals(verdicts: list[dict[str, Any]]) -> None:
    print("Goals:")
    for verdict in verdicts:
        word = {True: "HOLDS", False: "DOES NOT HOLD", None: "NOT MEASURED"}[verdict["holds"]]
        print(f"  {word:13} {verdict['goal']}: {verdict['detail']}")
