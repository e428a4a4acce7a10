"""Build the site with Zensical beside MkDocs and list what differs.

Run with `make zensical`. Zensical builds a copy of the project (its own site_dir would
overwrite site/) into site-zensical/; MkDocs builds into site-mkdocs/. The script then compares
the two page by page and prints what a reader would notice.

It fails (exit 1) when the two engines publish a different audit manifest (audit.json), feed
(feed.xml) or footer build stamp: the generator writes these itself so that they are the same.
Only what must differ between two builds is left out of that comparison: the manifest's
``build.built_at`` (the moment each build ran), and the feed's own ``<updated>`` when it has no
entries (it is then the build's time). Everything else in the table is printed for information.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ZENSICAL = Path(os.environ.get("ZENSICAL", ROOT / ".venv-zensical" / "bin" / "zensical"))
MKDOCS = [sys.executable, "-m", "mkdocs"]

# What a reader would notice, per page: (label, pattern counted in the HTML).
FEATURES = {
    "h1": r"<h1[\s>]",
    "links": r"<a\s",
    "abbreviation tooltips": r"<abbr\s",
    "Referenced by": r'id="referenced-by"',
    "Change history": r'id="change-history"',
    "build stamp": r'class="isg-build-stamp"',
    "footer links": r'class="isg-footer-links"',
    "decision tool": r'class="isg-flow"',
    "Exit this page": r"isg-exit__button",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def title_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.title.split())


def state(path: Path) -> str:
    if not path.exists():
        return "absent"
    return "an unrendered template" if "{{" in path.read_text(encoding="utf-8", errors="ignore") else "written"


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="ignore")
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("assets/")
    }


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    return time.monotonic() - started, result


def main() -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs_site = ROOT / "site-mkdocs"
    zensical_site = ROOT / "site-zensical"
    seconds_mkdocs, result = timed([*MKDOCS, "build", "--strict", "-q", "-d", str(mkdocs_site)], ROOT, env)
    if result.returncode:
        print(result.stdout + result.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "project"
        # A clone carries the history (change history, the stamp) from a checkout or a git worktree
        # alike; the working files are then laid over it, so uncommitted edits are built too.
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(copy)], check=True)
        committed = subprocess.run(["git", "ls-files", "-z"], cwd=copy, capture_output=True, text=True, check=True)
        for name in filter(None, committed.stdout.split("\0")):
            if not (ROOT / name).exists():
                (copy / name).unlink()  # removed here but not committed yet
        listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        files = subprocess.run(listed, cwd=ROOT, capture_output=True, text=True, check=True)
        for name in filter(None, files.stdout.split("\0")):
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if (ROOT / name).is_file():
                shutil.copy2(ROOT / name, target)
        # --clean: Zensical's cache knows the page files, not content/ that the generator reads.
        seconds_zensical, result = timed([str(ZENSICAL), "build", "--clean", "-f", "mkdocs.yml"], copy, env)
        print(f"Zensical: {result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ''}")
        if result.returncode:
            print(result.stdout[-3000:] + result.stderr[-3000:])
            return 1
        shutil.rmtree(zensical_site, ignore_errors=True)
        shutil.copytree(copy / "site", zensical_site)

    print(f"build time: MkDocs {seconds_mkdocs:.1f} s, Zensical {seconds_zensical:.1f} s")
    ours, theirs = pages(mkdocs_site), pages(zensical_site)
    print(f"pages: MkDocs {len(ours)}, Zensical {len(theirs)}")
    for name in sorted(set(ours) - set(theirs)):
        print(f"  only MkDocs built {name}")
    for name in sorted(set(theirs) - set(ours)):
        print(f"  only Zensical built {name}")
    common = sorted(set(ours) & set(theirs))
    print(f"\n{'feature':<24}{'MkDocs pages':>14}{'Zensical pages':>16}")
    for label, pattern in FEATURES.items():
        a = sum(1 for name in common if re.search(pattern, ours[name]))
        b = sum(1 for name in common if re.search(pattern, theirs[name]))
        print(f"{label:<24}{a:>14}{b:>16}{'' if a == b else '   <- differs'}")
    titles = [name for name in common if title_of(ours[name]) != title_of(theirs[name])]
    print(f"\npages whose <title> differs: {len(titles)}")
    for name in titles[:10]:
        print(f"  {name}: {title_of(ours[name])!r} vs {title_of(theirs[name])!r}")
    for extra in ("audit.json", "feed.xml", "search/search_index.json", "search.json"):
        print(f"{extra}: MkDocs {state(mkdocs_site / extra)}, Zensical {state(zensical_site / extra)}")
    differences = same_outputs(mkdocs_site, zensical_site, common)
    for line in differences:
        print(f"  DIFFERS: {line}")
    print(
        "\naudit.json, feed.xml and the footer stamp: "
        + ("the same on both engines" if not differences else f"{len(differences)} difference(s)")
    )
    return 1 if differences else 0


STAMP = re.compile(r'<p class="isg-build-stamp">(.*?)</p>', re.DOTALL)


def stamp_of(html: str) -> str | None:
    found = STAMP.search(html)
    return " ".join(found.group(1).split()) if found else None


def audit(site: Path) -> object:
    manifest = json.loads((site / "audit.json").read_text(encoding="utf-8"))
    manifest.get("build", {}).pop("built_at", None)  # when each build ran
    return manifest


def feed(site: Path) -> str:
    root = ET.parse(site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    if root.find(f"{atom}entry") is None:
        updated = root.find(f"{atom}updated")
        if updated is not None:
            updated.text = ""  # an empty feed is "updated" when it was built
    return ET.tostring(root, encoding="unicode")


def same_outputs(ours: Path, theirs: Path, pages_in_both: list[str]) -> list[str]:
    """What differs between the two builds' audit.json, feed.xml and footer stamps."""
    differences = []
    for name, read in (("audit.json", audit), ("feed.xml", feed)):
        try:
            a, b = read(ours), read(theirs)
        except (OSError, ValueError, ET.ParseError) as error:
            differences.append(f"{name} could not be read from both builds ({error})")
            continue
        if a != b:
            differences.append(f"{name} is not the same")
    for name in pages_in_both:
        if name == "404.html":
            # Drawn by the theme without a page, so without the page metadata that carries the stamp:
            # MkDocs' 404 reads it from config.extra, which Zensical's theme does not see.
            continue
        a, b = (
            stamp_of((ours / name).read_text(encoding="utf-8")),
            stamp_of((theirs / name).read_text(encoding="utf-8")),
        )
        if a != b:
            differences.append(f"footer stamp of {name}: MkDocs {a!r}, Zensical {b!r}")
    return differences


if __name__ == "__main__":
    sys.exit(main())
