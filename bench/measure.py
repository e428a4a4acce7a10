"""Timing builds: one strict build per child process, wall and CPU time and that process's peak memory.

Peak memory is the ``ru_maxrss`` the kernel reports for exactly that build process, collected with
``os.wait4()`` on its pid (per process, so no delta arithmetic on a running maximum is needed).
Builds of the generator, its plain twin and the floor take turns (generator, plain, floor,
generator…) so a change in the machine's load hits all three; medians are reported.
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.plain import capture, write_floor_project, write_plain_project
from bench.projects import ENV, write_real_project, write_synthetic_project
from macros.corpus import doc_url

GZIP_LEVEL = 6  # what a typical web server uses
SLOW_BUILD_SECONDS = 60.0  # a size whose first build takes longer than this gets one run only


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")
        elif tag == "link" and "stylesheet" in (values.get("rel") or "").split() and values.get("href"):
            self.urls.append(values["href"] or "")


def page_assets(site: Path, doc: str) -> dict[str, Any]:
    """JS and CSS one page references (same origin), raw and gzipped, and the page itself."""
    page = site / doc_url(doc) / "index.html"
    page_dir = page.parent
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    files, raw, gz = [], 0, 0
    for url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue
        path = (page_dir / parts.path).resolve()
        data = path.read_bytes()
        size_gz = len(gzip.compress(data, GZIP_LEVEL))
        files.append({"file": path.relative_to(site.resolve()).as_posix(), "bytes": len(data), "gzip": size_gz})
        raw += len(data)
        gz += size_gz
    return {
        "page": page.relative_to(site).as_posix(),
        "page_html_bytes": len(html),
        "page_html_gzip": len(gzip.compress(html, GZIP_LEVEL)),
        "js_css_bytes": raw,
        "js_css_gzip": gz,
        "files": files,
    }


def site_metrics(site: Path, sample_doc: str) -> dict[str, Any]:
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    pages = sum(1 for path in site.rglob("*.html") if path.name != "404.html")
    index = site / "search" / "search_index.json"
    index_bytes = index.stat().st_size if index.exists() else 0
    return {
        "output_bytes": total,
        "pages": pages,
        "search_index_bytes": index_bytes,
        "search_index_gzip": len(gzip.compress(index.read_bytes(), GZIP_LEVEL)) if index.exists() else 0,
        "search_index_bytes_per_page": round(index_bytes / pages) if pages else 0,
        "sample_page": page_assets(site, sample_doc),
    }


def build_command(project: Path, site: Path, *, python_options: tuple[str, ...] = ()) -> list[str]:
    """The strict, quiet build every measurement runs; ``python_options`` such as cProfile's go first."""
    return [sys.executable, *python_options, "-m", "mkdocs", "build", "--strict", "-q"] + [
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]


def timed_build(project: Path, site: Path, log: Path) -> dict[str, Any]:
    """One strict build in a fresh process: wall time, CPU time and that process's peak RSS."""
    command = build_command(project, site)
    load = os.getloadavg()[0]  # other work on this machine inflates wall time, not CPU time
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "ok": process.returncode == 0,
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,  # Linux reports KiB
        "loadavg_1m_before": load,
        "log_tail": "" if process.returncode == 0 else log.read_text(errors="replace")[-3000:],
    }


VARIANTS = ("generator", "plain", "floor")
"""Built in turn, so a busy spell slows all three alike: see plain.py for the plain twin and the floor."""


@dataclass
class Case:
    size: str
    generator: Path
    plain: Path
    floor: Path
    sample_doc: str
    items: int
    mirrored_pages: list[str] = field(default_factory=list)
    runs: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {variant: [] for variant in VARIANTS})
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    note: str = ""

    def project(self, variant: str) -> Path:
        """The project folder of one of VARIANTS."""
        if variant not in VARIANTS:
            raise ValueError(f"no variant '{variant}': {', '.join(VARIANTS)}")
        path: Path = getattr(self, variant)
        return path


def prepare(size: str, work: Path) -> Case:
    """The generator project of this size, its plain twin and the floor, in ``work/size``."""
    base = work / size
    generator, plain, floor = base / "generator", base / "plain", base / "floor"
    generator.mkdir(parents=True)
    plain.mkdir(parents=True)
    floor.mkdir(parents=True)
    started = time.perf_counter()
    info = write_real_project(generator) if size == "real" else write_synthetic_project(generator, int(size))
    captured = capture(generator, base / "captured.json", base / "capture-site")
    write_plain_project(generator, plain, captured)
    write_floor_project(generator, plain, floor)
    mirrored = f" (+ real pages {', '.join(info.mirrored_pages)})" if info.mirrored_pages else ""
    print(f"[{size}] prepared {info.items} items{mirrored} in {time.perf_counter() - started:.1f} s", flush=True)
    return Case(
        size=size,
        generator=generator,
        plain=plain,
        floor=floor,
        sample_doc=info.sample_doc,
        items=info.items,
        mirrored_pages=info.mirrored_pages,
    )


def run_case(case: Case, runs: int, work: Path) -> None:
    base = work / case.size
    planned = runs
    run = 0
    while run < planned:
        for variant in VARIANTS:
            project = case.project(variant)
            site = base / f"site-{variant}-{run}"
            result = timed_build(project, site, base / f"build-{variant}-{run}.log")
            if result["ok"] and variant not in case.metrics:
                case.metrics[variant] = site_metrics(site, case.sample_doc)
            case.runs[variant].append(result)
            shutil.rmtree(site, ignore_errors=True)
            status = "ok" if result["ok"] else "FAILED"
            print(
                f"[{case.size}] run {run + 1}/{planned} {variant:9} {status} "
                f"{result['wall_s']:7.2f} s wall {result['cpu_s']:7.2f} s CPU {result['peak_rss_mb']:6.0f} MB"
                f"  (load {result['loadavg_1m_before']:.1f})",
                flush=True,
            )
            if not result["ok"]:
                print(result["log_tail"])
        run += 1
        slowest = max(r["wall_s"] for v in case.runs.values() for r in v)
        if run == 1 and planned > 1 and slowest > SLOW_BUILD_SECONDS:
            case.note = f"first build took {slowest:.0f} s (> {SLOW_BUILD_SECONDS:.0f} s): one run only"
            print(f"[{case.size}] {case.note}", flush=True)
            planned = 1


def summary(case: Case) -> dict[str, Any]:
    out: dict[str, Any] = {
        "items": case.items,
        "sample_doc": case.sample_doc,
        "mirrored_real_pages": case.mirrored_pages,
        "note": case.note,
    }
    for variant in VARIANTS:
        ok = [r for r in case.runs[variant] if r["ok"]]
        entry: dict[str, Any] = {
            "runs": [{k: v for k, v in r.items() if k != "log_tail" or v} for r in case.runs[variant]],
            "failed_runs": len(case.runs[variant]) - len(ok),
        }
        if ok:
            entry["wall_s"] = statistics.median(r["wall_s"] for r in ok)
            entry["cpu_s"] = statistics.median(r["cpu_s"] for r in ok)
            entry["peak_rss_mb"] = statistics.median(r["peak_rss_mb"] for r in ok)
        entry.update(case.metrics.get(variant, {}))
        out[variant] = entry
    plain, floor = case.metrics.get("plain", {}), case.metrics.get("floor", {})
    if any(plain.get(key) != floor.get(key) for key in ("pages", "output_bytes")):
        out["floor_note"] = "the floor did not build the same site as the plain twin: its time is not a floor"
    return out
