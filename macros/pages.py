"""Check that every item has exactly one page file in docs/ and a place in the menu.

MkDocs only publishes files it finds in docs/, so each item has a one-line page
file there (``make new`` writes it). These checks keep the two in step.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from .addresses import SiteData, stub_pages
from .content_files import UnreadableFile, is_ignored, read_text
from .corpus import Corpus, find_refs, unresolved
from .problems import Problem
from .schema import KINDS
from .templating import check_page, parse

_STUB = re.compile(r"""^\{\{\s*item_page\(\s*["']([^"']+)["']\s*\)\s*\}\}\s*$""")
_INDEX = re.compile(r"""\{\{\s*kind_index\(\s*["']([^"']+)["']\s*(?:,[^)]*)?\)\s*\}\}""", re.S)


def stub_text(item_id: str) -> str:
    """The whole of an item's page file."""
    return f'{{{{ item_page("{item_id}") }}}}\n'


def check_pages(corpus: Corpus, docs_dir: Path, site: SiteData | None = None) -> list[Problem]:
    """Each item with a page of its own has its page file; every page file in a kind's folder
    belongs to an item, or keeps an old address working (addresses.py)."""
    problems: list[Problem] = []
    docs_name = docs_dir.name
    old_pages = stub_pages(site) if site is not None else {}
    for item_id in corpus.items:
        if not KINDS[corpus.items[item_id].kind].own_page:
            continue
        page = docs_dir / corpus.doc_path(item_id)
        shown = f"{docs_name}/{corpus.doc_path(item_id)}"
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
                    file=f"{docs_name}/{kind.folder}/index.md",
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
                            file=f"{docs_name}/{relative}",
                            message=f"{kind.heading} entries have no page of their own (they are sections of "
                            f"{docs_name}/{kind.folder}/index.md): delete this page.",
                        )
                    )
                    continue
                problems.append(
                    Problem(
                        file=f"{docs_name}/{relative}",
                        message=f"no content file content/{kind.folder}/{item_id}.md goes with this page: "
                        "delete the page, or add the content file.",
                    )
                )

    return problems


def _text_or_empty(page: Path, docs_dir: Path) -> str:
    """A page file's text; an unreadable one reads as empty here and is reported by check_page_refs."""
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


def check_page_refs(corpus: Corpus, docs_dir: Path) -> list[Problem]:
    """Hold every page file in docs/ to what pages may write between {{ and }} (templating.py), and
    check its {{ ref() }} calls, before any page is rendered."""
    problems: list[Problem] = []
    for page in sorted(docs_dir.rglob("*.md")):
        if is_ignored(page):
            continue
        shown = f"{docs_dir.name}/{page.relative_to(docs_dir).as_posix()}"
        try:
            source = read_text(page, shown, root=docs_dir)
        except UnreadableFile as failure:
            problems.append(failure.problem)
            continue
        found = check_page(source)
        problems.extend(Problem(file=shown, line=problem.line, message=problem.message) for problem in found)
        if found:
            continue
        for target, line in find_refs(parse(source)):
            message = unresolved(target, corpus.items) if target is not None else None
            if message:
                problems.append(Problem(file=shown, line=line, message=message))
    return problems
