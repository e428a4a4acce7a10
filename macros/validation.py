"""The one way to check the content: every make command and the build go through ``validate``.

Order of the checks: content files (schema, links, what bodies may write between {{ and }}), then
old addresses and the print order, page files in docs/, decision flows and search words, then the
HTML each body turns into. Each
stage reports every problem it finds; a later stage runs only on content that passed the earlier.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typing import NamedTuple

from .addresses import SiteData, load_site_data
from .corpus import Corpus
from .flow import LoadedFlow, load_flows
from .html_policy import MarkdownToHtml, check_html
from .loader import body_sources, load_corpus
from .pages import check_page_refs, check_pages
from .problems import ContentError, Problem
from .render import Renderer
from .search import SearchWords, load_search_words


class Validated(NamedTuple):
    corpus: Corpus
    flows: dict[str, LoadedFlow]
    site: SiteData
    search_words: SearchWords


def validate(project_dir: Path, content_dir: Path, docs_dir: Path, config: Any) -> Validated:
    """The validated content; raises ContentError naming every file, line and field at fault."""
    corpus = load_corpus(content_dir, project_dir=project_dir)
    site = load_site_data(content_dir, corpus, docs_dir, shown_dir=_shown(content_dir, project_dir))
    problems = check_pages(corpus, docs_dir, site) + check_page_refs(corpus, docs_dir)
    if problems:
        raise ContentError(problems)
    flows = load_flows(content_dir / "flows", corpus.items, project_dir=project_dir)
    search_words = load_search_words(content_dir, project_dir=project_dir)
    problems = check_published_html(corpus, MarkdownToHtml.from_config(config), project_dir)
    if problems:
        raise ContentError(problems)
    return Validated(corpus, flows, site, search_words)


def _shown(folder: Path, project_dir: Path) -> str:
    return folder.relative_to(project_dir).as_posix() if folder.is_relative_to(project_dir) else folder.as_posix()


def check_published_html(corpus: Corpus, to_html: MarkdownToHtml, project_dir: Path) -> list[Problem]:
    """Render every body as its page will and hold the HTML to the allow-list (html_policy.py)."""
    renderer = Renderer(corpus, today=dt.date.today())
    problems: list[Problem] = []
    for item_id, item in corpus.items.items():
        from_doc = corpus.doc_path(item_id)
        file = corpus.files[item_id]
        for field, source, _ in body_sources(item, None, {}):
            html = to_html.convert(str(renderer.markdown(source, from_doc=from_doc)))
            for finding in check_html(html):
                problems.append(
                    Problem(
                        file=file,
                        field=field,
                        line=_line_of(project_dir / file, finding.needle),
                        message=f"{finding.message}. Use plain Markdown: the site publishes no other markup.",
                    )
                )
    return problems


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
