#!/usr/bin/env python
"""Benchmark the generator against a plain Material site holding the same pages.

    .venv/bin/python bench/bench.py [--sizes real,500,2000] [--runs 3] [--out bench/results.json]
    .venv/bin/python bench/bench.py --profile --sizes 2000

For every size it builds, in a temporary folder:

* a *generator* project: the real generator (macros/ and overrides/ symlinked) over a valid
  synthetic corpus of N items (or, for ``real``, a copy of the real content, docs and mkdocs.yml),
  with a git history;
* a *plain* project: the very Markdown the generator produced for each page, written directly as
  .md files, built by plain Material (no macros plugin, no custom_dir, no extra CSS/JS), same nav,
  same markdown_extensions, same search plugin settings.

It then times strict builds of both, alternating (generator, plain, generator, plain…), and reports
medians. It reports; it never asserts.

Peak memory is the ``ru_maxrss`` the kernel reports for exactly that build process, collected with
``os.wait4()`` on its pid (the same struct ``getrusage(RUSAGE_CHILDREN)`` would accumulate, but per
process, so no delta arithmetic on a running maximum is needed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261126
GZIP_LEVEL = 6  # what a typical web server uses
SLOW_BUILD_SECONDS = 60.0  # a size whose first build takes longer than this gets one run only
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

GOALS = {
    "real_ratio": 1.3,
    "big_seconds": 10.0,
    "big_peak_mb": 300.0,
    "growth": 4.5,
    "page_js_css_kb": 75.0,
}


class _Tagged:
    """A YAML value under a tag MkDocs understands (!ENV, !relative, !!python/name:…), kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        value: Any = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def load_config_yaml(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - safe loader subclass


def dump_config_yaml(config: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")


def nav_leaves(nav: Any, title: str | None = None) -> list[tuple[str | None, str]]:
    """(title, path) of every page in a nav, in order."""
    if isinstance(nav, str):
        return [(title, nav)]
    if isinstance(nav, list):
        return [leaf for entry in nav for leaf in nav_leaves(entry)]
    if isinstance(nav, dict):
        return [leaf for key, value in nav.items() for leaf in nav_leaves(value, key)]
    return []


# Real hand-written pages that name real items or flows cannot go into a synthetic project.
_NAMES_REAL_THINGS = re.compile(r"\b(ref|decision_tool|item_page|kind_index)\s*\(")
_CALLS_MACRO = re.compile(r"\{\{\s*\w+\s*\(")
_MD_LINK = re.compile(r"\]\(([^)#\s]+\.md)")


# A fixed word list; bodies draw from it with Zipf-like weights so common words repeat as in prose.
WORDS = """
the of and to a in that is for it as with be on not this by are or from at which you
your their they can may should must will would if when where who what how any all
information share sharing shared child children young people person family parent parents
carer carers practitioner practitioners professional professionals agency agencies
partner partners safeguarding welfare risk harm abuse neglect concern concerns safety safe
consent lawful basis law legal duty duties power powers public interest confidential
confidentiality personal data protection record records decision decisions reason reasons
judgement advice guidance policy procedure procedures local authority authorities police
health school schools education social care service services team teams meeting meetings
case cases plan plans assessment assessments referral referrals request requests response
disclosure disclose disclosed scheme schemes request requested proportionate necessary
relevant adequate accurate timely secure securely purpose purposes lawfully fairly openly
honest open early help support supporting needs need vulnerable adult adults victim victims
offender offenders court courts order orders section sections act acts regulation regulations
article articles right rights privacy private life family home correspondence balance
balancing test tests consider considered considering decide deciding document documented
explain explained explaining inform informed informing tell telling told ask asked asking
seek sought agreement agree agreed refuse refused refusal withdraw withdrawn capacity
mental age ages assessment review reviewed reviews owner owners partnership partnerships
board boards manager managers lead leads named designated officer officers nurse nurses
doctor doctors general practice teacher teachers worker workers youth offending team
housing probation prison custody court hearing evidence statement statements report reports
incident incidents emergency immediate urgent serious significant likely suffer suffering
protect protecting protection prevent preventing prevention detect detecting crime crimes
disorder community communities area areas region county council councils trust trusts
phone telephone email letter post secure portal system systems network networks access
accessed accessing store stored storing retain retained retention delete deleted breach
breaches report reporting incident notify notified notification commissioner office
principle principles rule rules golden seven eight caldicott guardian guardians
myth myths barrier barriers fact facts common mistaken belief beliefs answer answers
question questions example examples situation situations circumstance circumstances
first second third next then also however therefore because although unless until while
before after during within without between across about under over into onto through
always never often sometimes usually generally only even still already yet again
clear clearly simple simply full fully careful carefully appropriate appropriately
important necessary possible available relevant specific particular general special
new existing current previous other another each every both either neither same different
time times day days week weeks month months year years date dates period periods
work working works worked make making made take taking taken give giving given keep
keeping kept use using used help helping helped know knowing known think thinking
way ways part parts point points level levels number numbers form forms kind kinds
""".split()

TITLE_WORDS = [w for w in WORDS if len(w) > 3]
ABBREVIATION_LETTERS = "ABCDEFGHJKLMNPRSTUVWY"

# How a corpus of N items divides between kinds; the remainder goes to topics.
KIND_SHARES = [
    ("legislation", "legislation", 0.15),
    ("myth", "myths", 0.14),
    ("glossary-term", "glossary", 0.15),
    ("principle-set", "principles", 0.04),
    ("consideration", "considerations", 0.06),
    ("resource", "resources", 0.05),
    ("disclosure-scheme", "disclosure-schemes", 0.03),
]
KIND_ORDER = [
    "topic",
    "legislation",
    "disclosure-scheme",
    "consideration",
    "principle-set",
    "myth",
    "resource",
    "glossary-term",
]
FOLDERS = {"topic": "guidance", **{kind: folder for kind, folder, _ in KIND_SHARES}}
HEADINGS = {
    "topic": "Guidance",
    "legislation": "Legislation",
    "disclosure-scheme": "Disclosure schemes",
    "consideration": "Other considerations",
    "principle-set": "Rules and principles",
    "myth": "Myths",
    "resource": "Resources",
    "glossary-term": "Glossary",
}


# --------------------------------------------------------------------------------------------
# Synthetic corpus


@dataclass
class Synth:
    id: str
    kind: str
    title: str
    members: int = 0  # for principle sets: how many rules, so refs can cite #rule-N
    abbreviation: str = ""

    @property
    def folder(self) -> str:
        return FOLDERS[self.kind]

    @property
    def doc(self) -> str:
        return f"{self.folder}/{self.id}.md"


class Writer:
    """Seeded prose: sentences, paragraphs, headings and lists from the word list."""

    def __init__(self, rng: random.Random, items: list[Synth]) -> None:
        self.rng = rng
        self.items = items
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]
        self.abbreviations = [item.abbreviation for item in items if item.abbreviation]

    def words(self, n: int) -> list[str]:
        return self.rng.choices(WORDS, self.weights, k=n)

    def target(self) -> str:
        item = self.rng.choice(self.items)
        if item.members and self.rng.random() < 0.4:
            return f"{item.id}#rule-{self.rng.randint(1, item.members)}"
        return item.id

    def sentence(self, refs: bool = True) -> tuple[str, int]:
        n = self.rng.randint(6, 20)
        words = self.words(n)
        words[0] = words[0][0].upper() + words[0][1:]
        if self.abbreviations and self.rng.random() < 0.2:
            words[self.rng.randrange(1, n)] = self.rng.choice(self.abbreviations)
        if self.rng.random() < 0.15:
            start = self.rng.randrange(0, n - 2)
            words[start] = f"**{words[start]}"
            words[start + 1] = f"{words[start + 1]}**"
        if refs and self.rng.random() < 0.12:
            words.insert(self.rng.randrange(1, n), f"{{{{ ref('{self.target()}') }}}}")
        return " ".join(words) + ".", n

    def paragraph(self, sentences: tuple[int, int] = (2, 5)) -> tuple[str, int]:
        parts, count = [], 0
        for _ in range(self.rng.randint(*sentences)):
            text, n = self.sentence()
            parts.append(text)
            count += n
        return " ".join(parts), count

    def title(self, lo: int = 2, hi: int = 5) -> str:
        text = " ".join(self.rng.choice(TITLE_WORDS) for _ in range(self.rng.randint(lo, hi)))
        return text[0].upper() + text[1:]

    def body(self) -> str:
        goal = self.rng.randint(140, 540)  # the last block overshoots: ~150-600 words
        blocks, count = [], 0
        first, n = self.paragraph()
        blocks.append(first)
        count += n
        while count < goal:
            roll = self.rng.random()
            if roll < 0.55:
                text, n = self.paragraph()
            elif roll < 0.7:
                heading = self.title(2, 4)
                para, n = self.paragraph()
                text, n = f"## {heading}\n\n{para}", n + len(heading.split())
            elif roll < 0.88:
                lines, n = [], 0
                for _ in range(self.rng.randint(3, 6)):
                    line, k = self.sentence()
                    lines.append(f"- {line}")
                    n += k
                text = "\n".join(lines)
            else:
                lines, n = [], 0
                for number in range(1, self.rng.randint(3, 6) + 1):
                    line, k = self.sentence()
                    lines.append(f"{number}. {line}")
                    n += k
                text = "\n".join(lines)
            blocks.append(text)
            count += n
        return "\n\n".join(blocks) + "\n"


def plan_items(n: int, rng: random.Random) -> list[Synth]:
    counts = {kind: max(1, round(n * share)) for kind, _, share in KIND_SHARES}
    counts["topic"] = max(1, n - sum(counts.values()))
    items: list[Synth] = []
    used_abbreviations: set[str] = set()
    serial = 0
    for kind in KIND_ORDER:
        for _ in range(counts[kind]):
            serial += 1
            stem = "-".join(rng.sample(TITLE_WORDS, rng.randint(2, 3)))
            item = Synth(id=f"{stem}-{serial}", kind=kind, title="")
            if kind == "principle-set":
                item.members = rng.randint(4, 10)
            if kind == "glossary-term":
                while True:
                    abbreviation = "".join(rng.choices(ABBREVIATION_LETTERS, k=rng.randint(2, 5)))
                    if abbreviation not in used_abbreviations:
                        used_abbreviations.add(abbreviation)
                        item.abbreviation = abbreviation
                        break
            items.append(item)
    return items


def item_front_matter(item: Synth, writer: Writer, rng: random.Random) -> dict[str, Any]:
    title = writer.title(3, 7)
    data: dict[str, Any] = {"kind": item.kind, "id": item.id}
    if item.kind == "legislation":
        year = rng.randint(1972, 2024)
        section = str(rng.randint(1, 250))
        data["title"] = f"The {title} Act {year}, section {section}"
        data["short_title"] = f"{title} Act {year}"
        data["sections"] = [section] + ([f"{rng.randint(1, 250)}({rng.randint(1, 9)})"] if rng.random() < 0.4 else [])
        if rng.random() < 0.15:
            data["articles"] = [str(rng.randint(1, 20))]
    elif item.kind == "myth":
        data["title"] = f"Myth: {title.lower()}"
        data["short_title"] = title
    elif item.kind == "glossary-term":
        data["title"] = title
    else:
        data["title"] = title
        if rng.random() < 0.3:
            data["short_title"] = " ".join(title.split()[:3])
    item.title = data["title"]
    summary, _ = writer.sentence(refs=False)
    data["summary"] = summary.replace("**", "")
    if rng.random() < 0.5:
        data["aliases"] = [writer.title(1, 3) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        data["keywords"] = [rng.choice(TITLE_WORDS) for _ in range(rng.randint(1, 4))]
    related = {writer.target() for _ in range(rng.randint(0, 4))}
    related.discard(item.id)
    if related:
        data["related"] = sorted(related)
    if rng.random() < 0.6:
        data["sources"] = [
            {"title": writer.title(3, 6), "url": f"https://www.example.gov.uk/{item.id}/{k}"}
            for k in range(rng.randint(1, 2))
        ]
    if rng.random() < 0.7:
        data["guidance_section"] = f"{rng.randint(1, 9)}. {writer.title(2, 4)} > {writer.title(2, 5)}"
    data["owner"] = "Synthetic Safeguarding Partnership"
    overdue = rng.random() < 0.05
    data["status"] = "reviewed"
    data["reviewed_by"] = "Synthetic reviewer"
    data["last_reviewed"] = "2024-03-01" if overdue else "2026-06-15"
    data["review_due"] = "2025-03-01" if overdue else "2027-06-15"
    if item.kind == "disclosure-scheme":
        data["commenced"] = f"{rng.randint(2008, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    elif item.kind == "principle-set":
        data["member_label"] = rng.choice(["Rule", "Principle", "Golden rule"])
        data["anchor_prefix"] = "rule"
        data["members"] = []
        for _ in range(item.members):
            text, _ = writer.paragraph((1, 3))
            data["members"].append({"name": writer.title(2, 5), "text": text})
    elif item.kind == "myth":
        answered = {writer.target() for _ in range(rng.randint(1, 3))} - {item.id}
        data["answered_by"] = sorted(answered) or [next(i.id for i in writer.items if i.id != item.id)]
    elif item.kind == "resource":
        data["links"] = [
            {"title": writer.title(3, 6), "url": f"https://www.example.org.uk/{item.id}/link-{k}"}
            for k in range(rng.randint(2, 8))
        ]
    elif item.kind == "glossary-term":
        data["abbreviation"] = item.abbreviation
    return data


def write_synthetic_project(project: Path, n: int) -> dict[str, Any]:
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
        front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        page = docs / item.doc
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'{{{{ item_page("{item.id}") }}}}\n', encoding="utf-8")

    nav: list[Any] = [{"Home": "index.md"}]
    for kind in KIND_ORDER:
        of_kind = [item for item in items if item.kind == kind]
        if not of_kind:
            continue
        (docs / FOLDERS[kind] / "index.md").write_text(f'{{{{ kind_index("{kind}") }}}}\n', encoding="utf-8")
        nav.append({HEADINGS[kind]: [f"{FOLDERS[kind]}/index.md", *(item.doc for item in of_kind)]})
    home = ["# Synthetic information sharing guidance", ""]
    for item in rng.sample(items, min(8, len(items))):
        home.append(f"- Start with {{{{ ref('{item.id}') }}}}.")
    home += ["", "The most important consideration is whether sharing information is likely to help a child.", ""]
    (docs / "index.md").write_text("\n".join(home), encoding="utf-8")
    # The real project's other top-level pages that the generator fills in (whole guidance, review
    # status, changes…) work on any corpus, and their cost grows with it: mirror those in the real
    # menu that call a macro, name no real item or flow, and link only to pages that exist here.
    real_config = load_config_yaml(ROOT / "mkdocs.yml")
    mirrored = []
    for title, path in nav_leaves(real_config.get("nav") or []):
        source = ROOT / "docs" / path
        if "/" in path or path == "index.md" or not source.is_file():
            continue
        text = source.read_text(encoding="utf-8")
        if not _CALLS_MACRO.search(text) or _NAMES_REAL_THINGS.search(text):
            continue
        if any(not (docs / target).is_file() for target in _MD_LINK.findall(text)):
            continue
        shutil.copy2(source, docs / path)
        nav.append({title: path} if title else path)
        mirrored.append(path)
    # The real mkdocs.yml's extra_css/extra_javascript live in docs/assets: bring them along.
    if (ROOT / "docs" / "assets").is_dir():
        shutil.copytree(ROOT / "docs" / "assets", docs / "assets")

    link_generator(project)
    config = real_config
    config["nav"] = nav
    config["site_name"] = "Synthetic Information Sharing Guidance"
    dump_config_yaml(config, project / "mkdocs.yml")

    git_history(project, [item for item in items], rng)
    sample = next(item for item in items if item.kind == "topic")
    return {"items": len(items), "sample_doc": sample.doc, "nav": nav, "mirrored_pages": mirrored}


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


def write_real_project(project: Path) -> dict[str, Any]:
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
    config = load_config_yaml(project / "mkdocs.yml")
    topics = sorted((ROOT / "content" / "guidance").glob("*.md"))
    sample = f"guidance/{topics[0].stem}.md" if topics else "index.md"
    items = sum(1 for _ in (ROOT / "content").rglob("*.md"))
    return {"items": items, "sample_doc": sample, "nav": config["nav"], "mirrored_pages": []}


# --------------------------------------------------------------------------------------------
# Plain Material twin


def capture_markdown(project: Path, out: Path, scratch: Path) -> None:
    """Run the generator in a child process and save the Markdown it hands to Python-Markdown."""
    result = subprocess.run(
        [sys.executable, __file__, "--_capture", str(project / "mkdocs.yml"), str(out), str(scratch)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"the generator could not build {project} (exit code {result.returncode}):\n"
            f"{(result.stdout + result.stderr)[-4000:]}"
        )


def _capture_main(config_file: str, out: str, scratch: str) -> None:
    """Child process: populate every page with the generator (macros, Markdown, link checks),
    record page.markdown after the macros plugin, and skip writing themed HTML."""
    import logging

    import mkdocs.commands.build as build_module
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    captured: dict[str, str] = {}
    render = Page.render

    def recording_render(self: Page, config: Any, files: Any) -> None:
        captured[self.file.src_uri] = self.markdown or ""
        render(self, config, files)

    Page.render = recording_render  # type: ignore[method-assign]
    build_module._build_page = lambda *args, **kwargs: None  # the theme pass is not needed here
    config = load_config(config_file=config_file, site_dir=scratch, strict=True)
    build_module.build(config)
    Path(out).write_text(json.dumps(captured), encoding="utf-8")


def write_plain_project(generator: Path, plain: Path, captured: dict[str, str], nav: list[Any]) -> None:
    from mkdocs.utils.meta import get_data

    docs = plain / "docs"
    source_docs = generator / "docs"
    for path in sorted(source_docs.rglob("*")):
        relative = path.relative_to(source_docs)
        target = docs / relative
        if path.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            shutil.copy2(path, target)
            continue
        # Keep the front matter a person wrote on the page (decide.md has some); not what macros add.
        _, meta = get_data(path.read_text(encoding="utf-8"))
        text = captured[relative.as_posix()]
        if meta:
            text = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n{text}"
        target.write_text(text, encoding="utf-8")

    real = load_config_yaml(generator / "mkdocs.yml")
    theme = {"name": "material", "font": False}
    for key in ("language", "palette", "features"):
        if key in real.get("theme", {}):
            theme[key] = real["theme"][key]
    search: Any = "search"
    for plugin in real.get("plugins", []):
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            search = plugin
    config: dict[str, Any] = {
        key: real[key] for key in ("site_name", "site_description", "site_author", "copyright") if key in real
    }
    config.update(
        strict=True,
        docs_dir="docs",
        theme=theme,
        plugins=[search],
        markdown_extensions=real.get("markdown_extensions", []),
        nav=nav,
    )
    if "validation" in real:
        config["validation"] = real["validation"]
    dump_config_yaml(config, plain / "mkdocs.yml")


# --------------------------------------------------------------------------------------------
# Measuring


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
    page_dir = site / (Path(doc).parent if Path(doc).stem == "index" else Path(doc).with_suffix(""))
    page = page_dir / "index.html"
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


def timed_build(project: Path, site: Path, log: Path) -> dict[str, Any]:
    """One strict build in a fresh process: wall time, CPU time and that process's peak RSS."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
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


@dataclass
class Case:
    size: str
    generator: Path
    plain: Path
    sample_doc: str
    items: int
    mirrored_pages: list[str] = field(default_factory=list)
    runs: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"generator": [], "plain": []})
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    note: str = ""


def prepare(size: str, work: Path) -> Case:
    base = work / size
    generator, plain = base / "generator", base / "plain"
    generator.mkdir(parents=True)
    plain.mkdir(parents=True)
    started = time.perf_counter()
    info = write_real_project(generator) if size == "real" else write_synthetic_project(generator, int(size))
    capture = base / "captured.json"
    capture_markdown(generator, capture, base / "capture-site")
    shutil.rmtree(base / "capture-site", ignore_errors=True)
    write_plain_project(generator, plain, json.loads(capture.read_text(encoding="utf-8")), info["nav"])
    mirrored = f" (+ real pages {', '.join(info['mirrored_pages'])})" if info["mirrored_pages"] else ""
    print(f"[{size}] prepared {info['items']} items{mirrored} in {time.perf_counter() - started:.1f} s", flush=True)
    return Case(
        size=size,
        generator=generator,
        plain=plain,
        sample_doc=info["sample_doc"],
        items=info["items"],
        mirrored_pages=info["mirrored_pages"],
    )


def run_case(case: Case, runs: int, work: Path) -> None:
    base = work / case.size
    planned = runs
    run = 0
    while run < planned:
        for variant in ("generator", "plain"):
            project = case.generator if variant == "generator" else case.plain
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
    for variant in ("generator", "plain"):
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
    return out


# --------------------------------------------------------------------------------------------
# Reporting

ROWS = [
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


def print_table(results: dict[str, Any]) -> None:
    header = f"{'size':>6}  {'metric':28} {'generator':>11} {'plain':>11} {'ratio':>7}"
    print()
    print(header)
    print("-" * len(header))
    for size, result in results.items():
        first = True
        for label, get, fmt in ROWS:
            g, p = get(result["generator"]), get(result["plain"])
            ratio = f"{g / p:.2f}" if g is not None and p else "–"
            shown = [fmt.format(v) if v is not None else "–" for v in (g, p)]
            print(f"{size if first else '':>6}  {label:28} {shown[0]:>11} {shown[1]:>11} {ratio:>7}")
            first = False
        if result.get("note"):
            print(f"{'':>6}  note: {result['note']}")
        print()


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    verdicts: list[dict[str, Any]] = []

    def add(goal: str, holds: bool | None, detail: str) -> None:
        verdicts.append({"goal": goal, "holds": holds, "detail": detail})

    real = results.get("real")
    if real and "wall_s" in real["generator"] and "wall_s" in real["plain"]:
        ratio = real["generator"]["wall_s"] / real["plain"]["wall_s"]
        cpu = real["generator"]["cpu_s"] / real["plain"]["cpu_s"]
        add(
            f"real site build <= {GOALS['real_ratio']}x plain",
            ratio <= GOALS["real_ratio"],
            f"{ratio:.2f}x wall ({cpu:.2f}x CPU)",
        )
    else:
        add(f"real site build <= {GOALS['real_ratio']}x plain", None, "real not measured")

    big = results.get("2000", {}).get("generator", {})
    if "wall_s" in big:
        add(
            f"2,000 items strict build <= {GOALS['big_seconds']:.0f} s",
            big["wall_s"] <= GOALS["big_seconds"],
            f"{big['wall_s']:.1f} s wall ({big['cpu_s']:.1f} s CPU)",
        )
        add(
            f"2,000 items peak memory <= {GOALS['big_peak_mb']:.0f} MB",
            big["peak_rss_mb"] <= GOALS["big_peak_mb"],
            f"{big['peak_rss_mb']:.0f} MB",
        )
    else:
        add(f"2,000 items strict build <= {GOALS['big_seconds']:.0f} s", None, "2000 not measured")
        add(f"2,000 items peak memory <= {GOALS['big_peak_mb']:.0f} MB", None, "2000 not measured")

    mid = results.get("500", {}).get("generator", {})
    if "wall_s" in big and "wall_s" in mid:
        growth = big["wall_s"] / mid["wall_s"]
        cpu = big["cpu_s"] / mid["cpu_s"]
        add(
            f"growth 2,000 vs 500 items <= {GOALS['growth']}x",
            growth <= GOALS["growth"],
            f"{growth:.2f}x wall ({cpu:.2f}x CPU; items x4)",
        )
    else:
        add(f"growth 2,000 vs 500 items <= {GOALS['growth']}x", None, "needs sizes 500 and 2000")

    per_page = {
        s: r["generator"]["sample_page"]["js_css_gzip"] / 1e3
        for s, r in results.items()
        if "sample_page" in r["generator"]
    }
    if per_page:
        worst = max(per_page.values())
        add(
            f"item page JS+CSS <= {GOALS['page_js_css_kb']:.0f} KB gzipped",
            worst <= GOALS["page_js_css_kb"],
            ", ".join(f"{s}: {v:.1f} KB" for s, v in per_page.items()),
        )
    else:
        add(f"item page JS+CSS <= {GOALS['page_js_css_kb']:.0f} KB gzipped", None, "no page measured")

    r2000 = results.get("2000", {})
    g, p = r2000.get("generator", {}).get("search_index_bytes"), r2000.get("plain", {}).get("search_index_bytes")
    if g and p:
        add(
            "2,000 items search index smaller than plain Material's",
            g < p,
            f"{g / 1e6:.2f} MB vs {p / 1e6:.2f} MB ({g / p:.2f}x)",
        )
    else:
        add("2,000 items search index smaller than plain Material's", None, "2000 not measured")
    return verdicts


def print_goals(verdicts: list[dict[str, Any]]) -> None:
    print("Goals:")
    for verdict in verdicts:
        word = {True: "HOLDS", False: "DOES NOT HOLD", None: "NOT MEASURED"}[verdict["holds"]]
        print(f"  {word:13} {verdict['goal']}: {verdict['detail']}")


# --------------------------------------------------------------------------------------------
# Profile


def profile(case: Case, work: Path, variant: str = "generator", *, verbose: bool = True) -> dict[str, Any]:
    """One build of ``variant`` under ``python -m cProfile``; print the top lines and own time by package."""
    project = case.generator if variant == "generator" else case.plain
    prof = work / f"profile-{case.size}-{variant}.prof"
    site = work / case.size / f"site-profile-{variant}"
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(prof),
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
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


# --------------------------------------------------------------------------------------------


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


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--_capture":
        _capture_main(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
    print(
        f"Generator at commit {state['head']} with {len(state['uncommitted'])} uncommitted file(s) in "
        "macros/, overrides/, mkdocs.yml, content/, docs/",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="isg-bench-"))
    try:
        if args.profile:
            largest = max(sizes, key=lambda s: -1 if s == "real" else int(s))
            case = prepare(largest, work)
            generator = profile(case, work, "generator")
            if args.profile_plain:
                plain = profile(case, work, "plain", verbose=False)
                if generator["ok"] and plain["ok"]:
                    g, p = generator["own_time_by_package_s"], plain["own_time_by_package_s"]
                    print("Own time, generator minus plain, by package:")
                    for name in sorted(set(g) | set(p), key=lambda n: -(g.get(n, 0.0) - p.get(n, 0.0)))[:8]:
                        print(f"  {name:28} {g.get(name, 0.0) - p.get(name, 0.0):+8.2f} s")
            if not args.keep:
                print("(the .prof files go with the temporary folder; pass --keep to keep them)")
            print(f"\nWhole script: {time.perf_counter() - started:.1f} s")
            return

        results: dict[str, Any] = {}
        for size in sizes:
            case = prepare(size, work)
            run_case(case, args.runs, work)
            results[size] = summary(case)
        print_table(results)
        verdicts = goals(results)
        print_goals(verdicts)
        total = time.perf_counter() - started
        print(f"\nWhole script: {total:.1f} s")
        report = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "project_state_at_start": state,
            "project_state_at_end": project_state(),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "method": {
                "wall": "time.perf_counter() around one `python -m mkdocs build --strict -q` child process",
                "peak_memory": "ru_maxrss of that child from os.wait4() (per process, KiB -> MB)",
                "runs": f"{args.runs} per variant, alternating generator/plain, median reported",
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


if __name__ == "__main__":
    main()
