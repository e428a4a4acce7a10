"""The generator projects the benchmark builds: a synthetic corpus of N items, or a copy of the real one.

Both link the real generator (``macros/``, ``overrides/``), so whatever is in the working tree now is
measured, and both carry a git history (the generator reads it for amendments and releases).
Page files, the menu file and the config are made the way the project makes them: stubs with
``macros.pages.stub_text``, the menu as ``docs/.nav.yml`` (one section per kind, a glob per folder),
``mkdocs.yml`` read with ``macros.cli.read_config``.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench.synthetic import KIND_ORDER, SEED, Synth, Writer, item_front_matter, plan_items
from macros.cli import read_config
from macros.pages import NAV_FILE, nav_paths, stub_text
from macros.schema import KINDS

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Real hand-written pages that name real items or flows cannot go into a synthetic project.
_NAMES_REAL_THINGS = re.compile(r"\b(ref|decision_tool|item_page|kind_index)\s*\(")
_CALLS_MACRO = re.compile(r"\{\{\s*\w+\s*\(")
_MD_LINK = re.compile(r"\]\(([^)#\s]+\.md)")
# The whole guidance draws a real flow beside a real item: the synthetic corpus has neither.
_REAL_FIGURES = re.compile(r"figures=\{[^}]*\},\s*")


@dataclass
class Project:
    """A generator project ready to build, and what the measurements need to know about it."""

    path: Path
    items: int
    sample_doc: str
    """An item's page file (under docs/) whose HTML and assets are measured."""
    mirrored_pages: list[str] = field(default_factory=list)


def index_text(kind: str) -> str:
    """The whole of a kind's index page file (what macros.pages.check_pages asks for)."""
    return f'{{{{ kind_index("{kind}") }}}}\n'


def write_synthetic_project(project: Path, n: int) -> Project:
    """A valid project of ``n`` synthetic items for the real generator, with a git history."""
    rng = random.Random(SEED + n)
    items = plan_items(n, rng)
    writer = Writer(rng, items)
    content, docs = project / "content", project / "docs"
    for item in items:
        data = item_front_matter(item, writer, rng)
        body = writer.body()
        path = content / item.folder / f"{item.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        # One line per value: a quoted value carried over lines reads as a slip to the generator.
        front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        if item.doc:
            page = docs / item.doc
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(stub_text(item.id), encoding="utf-8")

    # The menu as the real docs/.nav.yml has it: a section per kind, its index page first, then a
    # glob for the folder; a kind without pages of its own is one page (the glossary).
    nav: list[Any] = [{"Home": "index.md"}]
    for kind in KIND_ORDER:
        if not any(item.kind == kind for item in items):
            continue
        info = KINDS[kind]
        (docs / info.folder).mkdir(parents=True, exist_ok=True)
        (docs / info.folder / "index.md").write_text(index_text(kind), encoding="utf-8")
        if info.own_page:
            # A second key, or awesome-nav reads {glob: …} as a link titled "glob" (as docs/.nav.yml does).
            glob = {"glob": f"{info.folder}/*.md", "ignore_no_matches": True}
            nav.append({info.heading: [f"{info.folder}/index.md", glob]})
        else:
            nav.append({info.heading: f"{info.folder}/index.md"})
    home = ["# Synthetic information sharing guidance", ""]
    for item in rng.sample(items, min(8, len(items))):
        home.append(f"- Start with {{{{ ref('{item.id}') }}}}.")
    home += ["", "The most important consideration is whether sharing information is likely to help a child.", ""]
    (docs / "index.md").write_text("\n".join(home), encoding="utf-8")
    mirrored = _mirror_real_pages(docs, nav)
    (docs / NAV_FILE).write_text(yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True), encoding="utf-8")
    # The real mkdocs.yml's extra_css/extra_javascript live in docs/assets: bring them along.
    if (ROOT / "docs" / "assets").is_dir():
        shutil.copytree(ROOT / "docs" / "assets", docs / "assets")

    link_generator(project)
    config = read_config(ROOT / "mkdocs.yml")
    config["site_name"] = "Synthetic Information Sharing Guidance"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")

    git_history(project, items, rng)
    sample = next(item for item in items if item.kind == "topic")
    return Project(path=project, items=len(items), sample_doc=sample.doc, mirrored_pages=mirrored)


def _mirror_real_pages(docs: Path, nav: list[Any]) -> list[str]:
    """The real project's other top-level pages that the generator fills in (whole guidance, review
    status, changes…) work on any corpus, and their cost grows with it: copy those in the real menu
    that call a macro, name no real item or flow, and link only to pages that exist here."""
    real_nav = (yaml.safe_load((ROOT / "docs" / NAV_FILE).read_text(encoding="utf-8")) or {}).get("nav", [])
    mirrored: list[str] = []
    for entry in real_nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if not isinstance(value, str) or "/" in value or value == "index.md":
            continue
        source = ROOT / "docs" / value
        if not source.is_file():
            continue
        text = _REAL_FIGURES.sub("", source.read_text(encoding="utf-8"))
        if not _CALLS_MACRO.search(text) or _NAMES_REAL_THINGS.search(text):
            continue
        if any(not (docs / target).is_file() for target in _MD_LINK.findall(text)):
            continue
        (docs / value).write_text(text, encoding="utf-8")
        nav.append({title: value} if title else value)
        mirrored.append(value)
    return mirrored


def link_generator(project: Path) -> None:
    (project / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    (project / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)


def git(project: Path, *args: str, date: str | None = None) -> str:
    env = {**ENV}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def git_history(project: Path, items: list[Synth], rng: random.Random) -> None:
    """An initial commit and four edits, each touching a few content files; two release tags."""
    (project / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Initial content", date="2026-01-10T10:00:00Z")
    for step in range(1, 5):
        touched = rng.sample(items, max(3, len(items) // 50))
        for item in touched:
            path = project / "content" / item.folder / f"{item.id}.md"
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\nThis guidance was updated at review {step} by the partnership.\n")
        git(project, "add", "-A", "content")
        git(
            project,
            "commit",
            "-q",
            "-m",
            f"Review {step}: update {len(touched)} items",
            date=f"2026-0{step + 1}-15T10:00:00Z",
        )
        if step in (1, 3):
            git(project, "tag", f"v2026.{step}")


def write_real_project(project: Path) -> Project:
    """The real project: content, docs and mkdocs.yml copied, generator symlinked, real git history."""
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(ROOT), str(project)], check=True, env=ENV)
    git(project, "reset", "-q")  # index = HEAD, work tree left empty
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, project / name, symlinks=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    link_generator(project)
    git(project, "add", "-A", "content", "docs", "mkdocs.yml")
    staged = subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=project, env=ENV).returncode
    if staged:  # someone's uncommitted edits: one more commit in the copy (never in the real repo)
        git(project, "commit", "-q", "-m", "bench: uncommitted working copy")
    menu = yaml.safe_load((project / "docs" / NAV_FILE).read_text(encoding="utf-8")) or {}
    topics = [path for path in nav_paths(menu.get("nav", [])) if path.startswith(f"{KINDS['topic'].folder}/")]
    sample = next((path for path in topics if not path.endswith("/index.md") and "*" not in path), "index.md")
    items = sum(1 for _ in (ROOT / "content").rglob("*.md"))
    return Project(path=project, items=items, sample_doc=sample)
