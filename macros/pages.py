"""Check that every item has exactly one page file in docs/ and a place in the menu.

MkDocs only publishes files it finds in docs/, so each item has a one-line page
file there (``make new`` writes it). These checks keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jinja2 import nodes

from .addresses import SiteData, stub_pages
from .content_files import ContentYamlLoader, UnreadableFile, is_ignored, read_text
from .corpus import Corpus
from .field_types import plain_text
from .front_matter import Split, setting_without_dashes, split_front_matter
from .html_policy import DEFINITION_MESSAGE, MarkdownToHtml, Unrenderable, check_html
from .outputs import SITE_FILES
from .paths import Paths
from .problems import Problem, did_you_mean
from .refs import unresolved_calls
from .schema import KINDS
from .template_parsing import parse
from .templating import check_page

_STUB = re.compile(r"""^\{\{\s*item_page\(\s*["']([^"']+)["']\s*\)\s*\}\}\s*$""")
_INDEX = re.compile(r"""\{\{\s*kind_index\(\s*["']([^"']+)["']\s*(?:,[^)]*)?\)\s*\}\}""", re.S)


def stub_text(item_id: str) -> str:
    """The whole of an item's page file."""
    return f'{{{{ item_page("{item_id}") }}}}\n'


def check_pages(corpus: Corpus, paths: Paths, site: SiteData | None = None) -> list[Problem]:
    """Each item with a page of its own has its page file; every page file in a kind's folder
    belongs to an item, or keeps an old address working (addresses.py)."""
    problems: list[Problem] = []
    docs_dir = paths.docs
    old_pages = stub_pages(site) if site is not None else {}
    for item_id in corpus.items:
        if not KINDS[corpus.items[item_id].kind].own_page:
            continue
        page = docs_dir / corpus.doc_path(item_id)
        shown = paths.shown(page)
        if not page.is_file():
            problems.append(
                Problem(
                    file=corpus.files[item_id],
                    message=f"its page {shown} is missing: create it holding the single line "
                    f"{stub_text(item_id).strip()} (make new does this for you).",
                )
            )
            continue
        match = _STUB.match(_text_or_empty(page, docs_dir))
        if not match or match.group(1) != item_id:
            problems.append(
                Problem(
                    file=shown,
                    message=f"this page must hold only the line {stub_text(item_id).strip()}.",
                )
            )

    for kind in KINDS.values():
        folder = docs_dir / kind.folder
        has_items = bool(corpus.of_kind(kind.name))
        index = folder / "index.md"
        if has_items and (not index.is_file() or not _INDEX.search(_text_or_empty(index, docs_dir))):
            problems.append(
                Problem(
                    file=paths.shown(index),
                    message=f"this index page is missing or does not list the items: it must contain "
                    f'{{{{ kind_index("{kind.name}") }}}}.',
                )
            )
        if not folder.is_dir():
            continue
        for page in sorted(folder.rglob("*.md")):
            relative = page.relative_to(docs_dir).as_posix()
            if (page.name == "index.md" and page.parent == folder) or relative in old_pages or is_ignored(page):
                continue
            item_id = page.stem
            if item_id not in corpus.items or corpus.doc_path(item_id) != relative:
                if item_id in corpus.items and not KINDS[corpus.items[item_id].kind].own_page:
                    problems.append(
                        Problem(
                            file=paths.shown(page),
                            message=f"{kind.heading} entries have no page of their own (they are sections of "
                            f"{paths.shown(index)}): delete this page.",
                        )
                    )
                    continue
                problems.append(
                    Problem(
                        file=paths.shown(page),
                        message=f"no content file {paths.shown(paths.content / kind.folder / f'{item_id}.md')} goes with this page: "
                        "delete the page, or add the content file.",
                    )
                )

    return problems


def _text_or_empty(page: Path, docs_dir: Path) -> str:
    """A page file's text; an unreadable one reads as empty here and is reported by check_docs_files."""
    try:
        return read_text(page, page.name, root=docs_dir)
    except UnreadableFile:
        return ""


def nav_paths(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_paths(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"})
"""Endings MkDocs (and so the page functions) treat as pages: only .md is allowed, so every page is checked."""

NAV_FILE = ".nav.yml"
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def check_docs_files(paths: Paths, to_html: MarkdownToHtml, corpus: Corpus) -> list[Problem]:
    """Every file in docs/ is a page held to the same rules as content, the menu, or the site's
    own code in docs/assets/ (reviewed as code); anything else is refused.

    Each page file is read once: what it writes between {{ and }} (templating.py) and its
    {{ ref() }} calls, then its own front matter and text like content (plain-text fields, HTML
    within the allow-list of html_policy.py), all before any page is rendered.
    """
    problems: list[Problem] = []
    docs_dir = paths.docs
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        shown = paths.shown(path)
        if path.is_symlink():
            try:
                read_text(path, shown, root=docs_dir)  # refuses every link, saying where it leads
            except UnreadableFile as failure:
                problems.append(failure.problem)
            continue
        if path.is_dir() or relative.startswith("assets/"):
            continue
        suffix = path.suffix.lower()
        if relative == NAV_FILE:
            problems += _check_nav(path, shown, docs_dir)
        elif suffix in MARKDOWN_SUFFIXES and suffix != ".md":
            problems.append(Problem(file=shown, message=f"pages end in .md: rename this file to {path.stem}.md."))
        elif suffix == ".md" and (taken := _site_file_at(relative)):
            # The page's folder would be where the file is written: the build would stop at its end.
            problems.append(
                Problem(
                    file=shown,
                    message=f"this page's address is where the site publishes its {taken}, which it writes itself: "
                    "rename the page (or its folder).",
                )
            )
        elif suffix == ".md":
            problems += _check_page_text(path, shown, docs_dir, to_html, corpus)
        elif not is_ignored(path):
            problems.append(
                Problem(
                    file=shown,
                    message="only pages (.md files) and the menu (.nav.yml) belong here; the site's own styles "
                    "and scripts live in docs/assets/, which is reviewed as code.",
                )
            )
    return problems


def _site_file_at(relative: str) -> str | None:
    """The file the generator writes (outputs.py) at the address of a page in docs/: 'audit.json.md'
    and 'audit.json/…' are published inside a folder 'audit.json/' (any case, for case-blind disks)."""
    top = relative.split("/", 1)[0].removesuffix(".md").casefold()
    return next((name for name in SITE_FILES if name.casefold() == top), None)


def _check_page_text(path: Path, shown: str, docs_dir: Path, to_html: MarkdownToHtml, corpus: Corpus) -> list[Problem]:
    try:
        source = read_text(path, shown, root=docs_dir)
    except UnreadableFile as failure:
        return [failure.problem]
    problems = [Problem(file=shown, line=found.line, message=found.message) for found in check_page(source)]
    if not problems:
        tree = parse(source)
        problems = [
            Problem(file=shown, line=line, message=message)
            for line, message in [*unresolved_calls(tree, corpus.items), *_unknown_kinds(tree)]
        ]
    split = split_front_matter(source)
    body, body_line = split.body, split.body_line
    problems += _check_front_matter(split.front, shown) if split.found else _settings_without_dashes(split, shown)
    # The page functions' output is the generator's own; the page's own words and markup are checked.
    own = _TEMPLATE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), body)
    try:
        html = to_html.convert_within_limits(own, what="page")
    except Unrenderable as refused:
        return problems + [Problem(file=shown, message=str(refused))]
    if to_html.defines_anything():
        problems.append(Problem(file=shown, message=DEFINITION_MESSAGE))
    lines = body.splitlines()
    for finding in check_html(html):
        found_at = next(
            (
                n
                for n, text in enumerate(lines, body_line)
                if finding.needle and finding.needle.casefold() in text.casefold()
            ),
            None,
        )
        problems.append(
            Problem(file=shown, line=found_at, message=f"{finding.message}. Pages may hold no other markup.")
        )
    return problems


def _unknown_kinds(tree: nodes.Template) -> list[tuple[int, str]]:
    """(line, message) for each kind_index('…') naming no kind of item (it would stop the build
    with a traceback while the page is rendered)."""
    return [
        (
            call.lineno,
            f"kind_index() names no kind '{name}'. The kinds are: {', '.join(KINDS)}.{did_you_mean(str(name), KINDS)}",
        )
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name == "kind_index" and call.args
        if isinstance(call.args[0], nodes.Const) and (name := call.args[0].value) not in KINDS
    ]


PAGE_FRONT_MATTER = {
    "title": "a plain-text title",
    "description": "a plain-text sentence (no double quotes: it is written into an attribute)",
    "tags": "a list of plain-text words people search with",
    "search": "boost (a number), exclude (true or false) or sections (true or false)",
    "hide": "a list of navigation, toc or footer",
}
"""What a page file's front matter may set. The theme acts on other keys (``template`` picks a page
template without the site's security policy, ``redirect`` and ``location`` send readers elsewhere),
so anything else is refused; the generator sets the rest itself."""

_SEARCH_SETTINGS: dict[str, tuple[type, ...]] = {"boost": (int, float), "exclude": (bool,), "sections": (bool,)}
_HIDE_VALUES = {"navigation", "toc", "footer"}


def _fits(key: str, value: Any) -> bool:
    if key == "title":
        return isinstance(value, str)
    if key == "description":
        return isinstance(value, str) and '"' not in value
    if key == "tags":
        return isinstance(value, list) and all(isinstance(tag, str) for tag in value)
    if key == "search":
        return isinstance(value, dict) and all(
            name in _SEARCH_SETTINGS and isinstance(setting, _SEARCH_SETTINGS[name]) for name, setting in value.items()
        )
    return isinstance(value, list) and set(value) <= _HIDE_VALUES


def _settings_without_dashes(split: Split, shown: str) -> list[Problem]:
    """MkDocs also reads a page's settings from 'key: value' lines at its very top without '---'
    lines, where the front matter check never looks: 'redirect: https://…' as a page's first line
    would send its readers to another site. Such lines are refused, whatever they set."""
    key = setting_without_dashes(split)
    if key is None:
        return []
    return [
        Problem(
            file=shown,
            line=1,
            field=key,
            message="MkDocs reads 'key: value' lines at the top of a page as settings of the page, not as its "
            "words. Start the page with its heading ('# Title'); a page's few settings go between two '---' lines.",
        )
    ]


def _check_front_matter(front: str, shown: str) -> list[Problem]:
    if not front.strip():
        return []
    try:
        data = yaml.load(front, Loader=ContentYamlLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, ValueError) as error:
        return [
            Problem(
                file=shown, message=f"the front matter is not valid YAML ({getattr(error, 'problem', None) or error})."
            )
        ]
    if not isinstance(data, dict):
        return [Problem(file=shown, message="the front matter must be 'field: value' lines.")]
    problems = []
    for key, value in data.items():
        expected = PAGE_FRONT_MATTER.get(str(key))
        if expected is None:
            problems.append(
                Problem(
                    file=shown,
                    field=str(key),
                    message=f"'{key}' is not something a page's front matter may set. It may set: "
                    + ", ".join(PAGE_FRONT_MATTER)
                    + ".",
                )
            )
        elif not _fits(str(key), value):
            problems.append(Problem(file=shown, field=str(key), message=f"write {expected} here."))
    if problems:
        return problems
    for field, value in _strings(data):
        try:
            plain_text(value)
        except ValueError as error:
            problems.append(Problem(file=shown, field=field, message=f"{error}."))
    return problems


_GLOB_OPTIONS = frozenset(
    {"glob", "ignore_no_matches", "sort", "ignore", "flatten_single_child_sections", "preserve_directory_names"}
)


def _check_nav(path: Path, shown: str, docs_dir: Path) -> list[Problem]:
    """Menu titles are plain text, and a menu entry leads to a page or an https:// address."""
    try:
        data = yaml.load(read_text(path, shown, root=docs_dir), Loader=ContentYamlLoader)  # noqa: S506 - a SafeLoader
    except UnreadableFile as failure:
        return [failure.problem]
    except (yaml.YAMLError, ValueError) as error:
        return [
            Problem(file=shown, message=f"the menu is not valid YAML ({getattr(error, 'problem', None) or error}).")
        ]
    problems = []

    def walk(entry: Any, where: str) -> None:
        if isinstance(entry, list):
            for number, item in enumerate(entry, 1):
                walk(item, f"{where}[{number}]")
        elif isinstance(entry, dict):
            if "glob" in entry:
                unknown = [key for key in entry if key not in _GLOB_OPTIONS]
                if unknown:
                    problems.append(
                        Problem(file=shown, field=where, message=f"'{unknown[0]}' is not an option of a glob line.")
                    )
                return
            for key, value in entry.items():
                try:
                    plain_text(str(key))
                except ValueError as error:
                    problems.append(Problem(file=shown, field=where, message=f"the title '{key}': {error}."))
                if isinstance(value, str):
                    target = value.strip()
                    if ":" in target.split("/")[0] and not target.startswith("https://"):
                        problems.append(
                            Problem(
                                file=shown, field=where, message=f"'{target}' is not a page or an https:// address."
                            )
                        )
                walk(value, f"{where}.{key}")

    walk((data or {}).get("nav", []) if isinstance(data, dict) else [], "nav")
    return problems


def _strings(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield where or "front matter", data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for number, value in enumerate(data, 1):
            yield from _strings(value, f"{where}[{number}]")
