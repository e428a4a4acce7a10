"""Check that every item has exactly one page file in docs/ and a place in the menu.

MkDocs only publishes files it finds in docs/, so each item has a one-line page
file there (``make new`` writes it). These checks keep the two in step.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from jinja2 import Environment, TemplateSyntaxError

from .corpus import Corpus, find_refs, unresolved
from .problems import Problem
from .schema import KINDS

_STUB = re.compile(r"""^\{\{\s*item_page\(\s*["']([^"']+)["']\s*\)\s*\}\}\s*$""")
_INDEX = re.compile(r"""\{\{\s*kind_index\(\s*["']([^"']+)["']\s*(?:,[^)]*)?\)\s*\}\}""", re.S)


def stub_text(item_id: str) -> str:
    """The whole of an item's page file."""
    return f'{{{{ item_page("{item_id}") }}}}\n'


def check_pages(corpus: Corpus, docs_dir: Path, nav: list[Any] | None) -> list[Problem]:
    problems: list[Problem] = []
    docs_name = docs_dir.name
    for item_id in corpus.items:
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
        match = _STUB.match(page.read_text(encoding="utf-8"))
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
        if has_items and (not index.is_file() or not _INDEX.search(index.read_text(encoding="utf-8"))):
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
            if page.name == "index.md" and page.parent == folder:
                continue
            item_id = page.stem
            if item_id not in corpus.items or corpus.doc_path(item_id) != relative:
                problems.append(
                    Problem(
                        file=f"{docs_name}/{relative}",
                        message=f"no content file content/{kind.folder}/{item_id}.md goes with this page: "
                        "delete the page, or add the content file.",
                    )
                )

    if nav is not None:
        in_menu = set(nav_paths(nav))
        for item_id in corpus.items:
            path = corpus.doc_path(item_id)
            if path not in in_menu:
                problems.append(
                    Problem(
                        file=corpus.files[item_id],
                        message=f"its page is not in the menu: add the line '- {path}' to nav in mkdocs.yml.",
                    )
                )
    return problems


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
    """Check the {{ ref() }} calls on hand-written pages (home, about…) before any is rendered."""
    parser = Environment()
    problems: list[Problem] = []
    for page in sorted(docs_dir.rglob("*.md")):
        shown = f"{docs_dir.name}/{page.relative_to(docs_dir).as_posix()}"
        try:
            tree = parser.parse(page.read_text(encoding="utf-8"))
        except TemplateSyntaxError as error:
            problems.append(
                Problem(file=shown, line=error.lineno, message=f"a '{{{{ … }}}}' instruction is broken: {error.message}.")
            )
            continue
        for target, line in find_refs(tree):
            message = (
                "ref() needs the id of an item in quotes, like {{ ref('seven-golden-rules') }}."
                if target is None
                else unresolved(target, corpus.items)
            )
            if message:
                problems.append(Problem(file=shown, line=line, message=message))
    return problems
