"""The generator: mkdocs-macros loads this module (``module_name: macros``) once per build.

``define_env`` reads and validates all content before any page is written, so a
mistake stops the build with a plain message and the last published site stays.
Only ``define_env`` with macros and filters is used, which Zensical also runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ not in sys.modules:
    # Zensical executes this file on its own, without importing the package: make the package
    # importable by name so that the imports of its modules below work there too.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import datetime as dt
import json
import logging
import os
import posixpath
from typing import Any

from markupsafe import escape

from .audit import amendment_list, amendments, audit_manifest, review_rows, review_summary
from .build_state import build_state
from .pages import nav_paths
from .problems import ContentError, Problem
from .render import FlowRenderer, Renderer, long_date, md
from .serve_errors import error_page, serving
from .schema import GlossaryTerm

__all__ = ["define_env", "on_pre_page_macros"]

try:
    from mkdocs.plugins import get_plugin_logger

    log: logging.Logger | logging.LoggerAdapter = get_plugin_logger("guidance")
except ImportError:  # Zensical runs define_env without MkDocs installed
    log = logging.getLogger("guidance")

ACCESSIBILITY_REPORT = "reports/accessibility-test.json"
"""Written by tests/test_every_page.py each time the accessibility tests run."""

# An item's own page should beat a list of items or a passing mention; a glossary
# entry is a one-line pointer to the item that explains the term.
SEARCH_BOOST = {"glossary-term": 0.3}
INDEX_SEARCH_BOOST = 0.5


_failed: ContentError | None = None
"""The content error of the current `make serve` rebuild, shown on every page instead of it."""


def define_env(env: Any) -> None:
    global _failed
    project_dir = Path(env.project_dir)
    content_dir = project_dir / env.conf["extra"].get("content_dir", "content")
    docs_dir = project_dir / env.conf.get("docs_dir", "docs")
    try:
        state = build_state(project_dir, content_dir, docs_dir, env.conf)
    except ContentError as error:
        # `mkdocs serve` keeps the browser waiting, silently, while a rebuild fails. Under
        # `make serve` only, the site is built with the message on every page instead, and the
        # next save that fixes the file brings the pages back. Every other build still stops.
        if not serving(os.environ, sys.argv):
            raise
        _failed = error
        # Printed, not logged: MkDocs counts logged errors and would abort the strict build again.
        print(error, file=sys.stderr)
        _stand_in_records(env.conf)
        return
    _failed = None
    corpus, flows, history, today = state.corpus, state.flows, state.history, state.today
    if state.fresh and not history.available:
        log.info(history.note)
    renderer = Renderer(
        corpus,
        today=today,
        history=history,
        repo_url=env.conf.get("repo_url"),
        exit_page=env.conf["extra"].get("exit_this_page"),
    )
    reviews = review_rows(corpus, today)
    if state.fresh:
        log.info(review_summary(reviews))
    _publish_records(env.conf, corpus, history, project_dir)
    flow_renderer = FlowRenderer(renderer, {flow_id: loaded.flow for flow_id, loaded in flows.items()})
    _explain_abbreviations(env.conf, corpus)

    def current_page() -> str:
        # MkDocs pages know their source as file.src_uri; Zensical's as path.
        file = getattr(env.page, "file", None)
        return file.src_uri if file is not None else env.page.path

    @env.macro
    def item_page(item_id: str) -> str:
        """The whole page of one item; its page file holds only this call."""
        page = env.page
        expected = corpus.doc_path(item_id)
        if current_page() != expected:
            # check_pages already ties each page file to its item; this guards hand edits made mid-serve.
            raise ContentError(
                [Problem(file=current_page(), message=f"this page shows '{item_id}', whose page is {expected}.")]
            )
        item = corpus.items[item_id]
        page.meta["title"] = item.title
        # The theme writes the description into an attribute without escaping it: a quote in a
        # summary would end the attribute. (Markup is refused in summaries when they are loaded.)
        page.meta["description"] = str(escape(item.summary))
        page.meta["tags"] = renderer.search_terms(item)
        page.meta.setdefault("search", {}).setdefault("boost", SEARCH_BOOST.get(item.kind, 1.0))
        return renderer.item_page(item_id, from_doc=expected)

    @env.macro
    def kind_index(kind_name: str) -> str:
        """Every item of one kind with its one-line summary."""
        env.page.meta.setdefault("search", {}).setdefault("boost", INDEX_SEARCH_BOOST)
        return renderer.kind_index(kind_name, from_doc=current_page())

    @env.macro
    def ref(target: str, text: str | None = None) -> str:
        """A link to an item (``'id'``) or to one of its rules (``'id#rule-4'``)."""
        return renderer.ref(target, text, from_doc=current_page())

    @env.macro
    def decision_tool(flow_id: str) -> str:
        """An interactive decision flow that also works as plain links without JavaScript."""
        if flow_id not in flows:
            raise ContentError(
                [Problem(file=f"docs/{current_page()}", message=f"there is no flow '{flow_id}' in content/flows/.")]
            )
        env.page.meta.setdefault("hide", ["toc"])
        return flow_renderer.render(flow_id, from_doc=current_page())

    @env.macro
    def whole_guidance() -> str:
        """Every item in the order of the menu, on one page."""
        in_menu = list(nav_paths(env.conf.get("nav") or []))
        by_path = {corpus.doc_path(item_id): item_id for item_id in corpus.items}
        order = [by_path[path] for path in in_menu if path in by_path]
        placed = set(order)
        order += [item_id for item_id in corpus.items if item_id not in placed]
        return renderer.whole_guidance(order, from_doc=current_page())

    @env.macro
    def review_status() -> str:
        """Every item by review due date, for the staff review page."""
        return renderer.review_status(reviews, from_doc=current_page())

    @env.macro
    def what_has_changed() -> str:
        """Changes to the content, grouped by release or month."""
        return renderer.amendments(amendments(history, corpus), from_doc=current_page())

    @env.macro
    def accessibility_testing() -> str:
        """How and when the site was tested, from the last run of the accessibility tests."""
        return describe_accessibility_test(project_dir / ACCESSIBILITY_REPORT)

    @env.macro
    def site_file_link(path: str, text: str) -> str:
        """A link to a file the theme writes (feed.xml, audit.json), which MkDocs cannot check."""
        url = env.page.url
        base = url if url.endswith("/") else posixpath.dirname(url)
        href = posixpath.relpath(path, base.rstrip("/") or ".")
        return f'<a href="{escape(href)}">{escape(text)}</a>'

    env.filter(md)
    env.filter(long_date)


def on_pre_page_macros(env: Any) -> None:
    """mkdocs-macros calls this before each page: while the content is broken under `make serve`,
    the page becomes the message (escaped, and with no {{ }} left for the page's templates)."""
    if _failed is not None:
        env.markdown = error_page(_failed)


def _stand_in_records(config: Any) -> None:
    """What the theme's templates read from the generator, for a build that shows only the error."""
    config["extra"]["guidance_build"] = {"commit": "", "version": "", "built_at": "", "note": "The site could not be built."}
    config["extra"]["guidance_audit"] = {"error": "The site could not be built."}
    config["extra"]["guidance_feed"] = []


def _explain_abbreviations(config: Any, corpus: Any) -> None:
    """Give every abbreviation in the glossary a tooltip on every page, from the glossary items alone."""
    glossary: dict[str, str] = {}
    for item in corpus.items.values():
        if isinstance(item, GlossaryTerm):
            glossary[item.abbreviation] = item.title
            # Plurals such as "YOIs" and "GPs" get the same explanation.
            glossary.setdefault(item.abbreviation + "s", item.title)
    if "abbr" in config.get("markdown_extensions", []) and "mdx_configs" in config:
        config["mdx_configs"].setdefault("abbr", {})["glossary"] = glossary


def _publish_records(config: Any, corpus: Any, history: Any, project_dir: Path) -> None:
    """Hand the build stamp, the audit manifest and the feed to the theme's templates."""
    directory_urls = config.get("use_directory_urls", True)

    def url_of(item_id: str) -> str:
        path = corpus.doc_path(item_id)[: -len(".md")]
        return path + "/" if directory_urls else path + ".html"

    built_at = dt.datetime.now(dt.timezone.utc)
    config["extra"]["guidance_build"] = {
        "commit": history.head,
        "version": history.version,
        "built_at": built_at.isoformat(timespec="seconds"),
        "note": "" if history.available else history.note,
    }
    config["extra"]["guidance_audit"] = audit_manifest(
        corpus, history, project_dir=project_dir, built_at=built_at, url_of=url_of
    )
    config["extra"]["guidance_feed"] = [
        {
            "id": f"{entry.change.commit}/{entry.change.path}",
            "title": f"{entry.verb}: {entry.title}",
            "url": url_of(entry.item.id) if entry.item else "changes/",
            "updated": entry.change.date.isoformat(),
            "summary": entry.change.subject,
            "author": entry.change.author,
        }
        for entry in amendment_list(history, corpus)[:50]
    ]


def describe_accessibility_test(report_file: Path) -> str:
    """The statement's "how and when tested" paragraph, from the test run's own record."""
    if not report_file.exists():
        return "This website has not been tested for accessibility yet."
    report = json.loads(report_file.read_text(encoding="utf-8"))
    tested = dt.date.fromisoformat(report["date"])
    failures = report["violations"]
    return (
        f"This website was last tested on {long_date(tested)}. The test was carried out automatically by the "
        f"website's own test suite with {report['tool']} {report['version']} in {report['browser']}, checking "
        f"the {report['rules']} rules for WCAG 2.0, 2.1 and 2.2 levels A and AA on every one of the "
        f"{report['pages']} pages of the website, in every state of the decision tool and at phone size. "
        + ("It found no failures." if failures == 0 else f"It found {failures} failures, which we are fixing.")
    )
