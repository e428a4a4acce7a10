"""The one way to check the content: every make command and the build go through ``validate``.

Order of the checks: content files (schema, links, what bodies may write between {{ and }}), then
old addresses and the print order, page files in docs/, decision flows and search words, then the
HTML each body turns into. Each
stage reports every problem it finds; a later stage runs only on content that passed the earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from .addresses import SiteData, load_site_data
from .corpus import Corpus
from .flow import LoadedFlow, load_flows
from .html_policy import DEFINITION_MESSAGE, MarkdownToHtml, Unrenderable, check_html
from .loader import body_sources, load_corpus
from .pages import check_docs_files, check_pages
from .paths import Paths
from .problems import ContentError, Problem
from .render import Renderer
from .search import SearchWords, load_search_words


class Validated(NamedTuple):
    corpus: Corpus
    flows: dict[str, LoadedFlow]
    site: SiteData
    search_words: SearchWords


def validate(paths: Paths, config: Any) -> Validated:
    """The validated content; raises ContentError naming every file, line and field at fault."""
    validated, html_check = validate_all_but_html(paths, config)
    problems = html_check()
    if problems:
        raise ContentError(problems)
    return validated


def validate_all_but_html(paths: Paths, config: Any) -> tuple[Validated, Callable[[], list[Problem]]]:
    """validate, with its last stage, the HTML check, handed back to be run: only its verdict
    counts, so a build may run it on another core while it builds the pages (background.py)."""
    corpus = load_corpus(paths.content, project_dir=paths.root)
    site = load_site_data(paths, corpus)
    to_html = MarkdownToHtml.from_config(config)
    problems = check_pages(corpus, paths, site) + check_docs_files(paths, to_html, corpus) + check_content_links(paths)
    if problems:
        raise ContentError(problems)
    flows = load_flows(paths.content / "flows", corpus.items, project_dir=paths.root)
    search_words = load_search_words(paths.content, project_dir=paths.root)
    return Validated(corpus, flows, site, search_words), lambda: check_published_html(corpus, to_html, paths.root)


SENTINEL = "isgsentinelparagraph"
"""A paragraph placed after each text: if it does not come out as its own paragraph, the text left
something open (a code fence, a list, a block of HTML) that would swallow what follows it on a page."""


def check_published_html(corpus: Corpus, to_html: MarkdownToHtml, project_dir: Path) -> list[Problem]:
    """Render every body as its page will and hold the HTML to the allow-list (html_policy.py)."""
    renderer = Renderer(corpus, today=dt.date.today())
    problems: list[Problem] = []
    for item_id, item in corpus.items.items():
        from_doc = corpus.doc_path(item_id)
        file = corpus.files[item_id]
        for field, source, _ in body_sources(item, None, {}):

            def report(message: str, needle: str = "", file: str = file, field: str = field) -> None:
                line = _line_of(project_dir / file, needle)
                problems.append(Problem(file=file, field=field, line=line, message=message))

            markdown = str(renderer.markdown(source, from_doc=from_doc))
            try:
                html = to_html.convert_within_limits(f"{markdown}\n\n{SENTINEL}\n", what="text")
            except Unrenderable as refused:
                report(str(refused))
                continue
            if to_html.defines_anything():
                report(DEFINITION_MESSAGE)
                continue
            if not html.rstrip().endswith(f"<p>{SENTINEL}</p>"):
                report(
                    "this text leaves something open at its end (a code block started with ``` or ~~~, or a list "
                    "or quote) that would swallow what follows it on the page: close it."
                )
                continue
            for finding in check_html(html[: html.rstrip().rfind(f"<p>{SENTINEL}</p>")]):
                report(f"{finding.message}. Use plain Markdown: the site publishes no other markup.", finding.needle)
    return problems


def check_content_links(paths: Paths) -> list[Problem]:
    """No file or folder in content/ is a link: what is published must be the file reviewed there."""
    return [
        Problem(file=paths.shown(path), message="this is a link to another file: replace it with the file itself.")
        for path in sorted(paths.content.rglob("*"))
        if path.is_symlink() and path.suffix != ".md"
    ]


def _line_of(path: Path, needle: str) -> int | None:
    """The first line of the file that holds ``needle``, to point the author at it."""
    if not needle:
        return None
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    wanted = needle.casefold()
    return next((number for number, line in enumerate(lines, 1) if wanted in line.casefold()), None)
