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
from collections.abc import Callable
from typing import Any, TypeVar

from markupsafe import escape

from .abbreviations import explain_abbreviations
from .addresses import redirect_url, whole_guidance_order
from .amendments import amendments_by_release
from .build_state import build_state, once
from .contacts import read_contacts
from .currency import currency_notes, notes_summary
from .outputs import BuildOutputs, build_outputs, failed_outputs
from .paths import Paths
from .problems import ContentError, PluginError, Problem
from .refs import resolve
from .render import FlowRenderer, Renderer, long_date
from .reviews import review_rows, review_summary, status_summary
from .schema import Moved, Withdrawn
from .search import SearchLayer
from .serve_errors import error_page, serving
from .templating import UncheckedTemplate, render_checked_page

__all__ = ["define_env", "on_pre_page_macros", "on_post_page_macros", "on_post_build"]

try:
    from mkdocs.plugins import get_plugin_logger

    log: logging.Logger | logging.LoggerAdapter[logging.Logger] = get_plugin_logger("guidance")
except ImportError:  # Zensical runs define_env without MkDocs installed
    log = logging.getLogger("guidance")

PDF_FILE = "information-sharing-guidance.pdf"
"""The PDF of the whole guidance, written beside the whole-guidance page by `make pdf`, which builds
with GUIDANCE_PDF set so that the page links to it."""

ACCESSIBILITY_REPORT = "reports/accessibility-test.json"
"""The record of the last accessibility test run, written by `make accessibility-record` and committed."""

# An item's own page should beat a list of items or a passing mention; a glossary
# entry is a one-line pointer to the item that explains the term.
SEARCH_BOOST = {"glossary-term": 0.3}
INDEX_SEARCH_BOOST = 0.5


_failed: ContentError | None = None
"""The content error of the current `make serve` rebuild, shown on every page instead of it."""


def define_env(env: Any) -> None:
    global _failed, _search_layer, _outputs
    paths = Paths.from_config(env.conf, Path(env.project_dir))
    project_dir = paths.root
    try:
        state = build_state(paths, env.conf)
    except ContentError as error:
        # `mkdocs serve` keeps the browser waiting, silently, while a rebuild fails. Under
        # `make serve` only, the site is built with the message on every page instead, and the
        # next save that fixes the file brings the pages back. Every other build still stops.
        if not serving(os.environ, sys.argv):
            raise
        _failed = error
        _search_layer = None
        # Printed, not logged: MkDocs counts logged errors and would abort the strict build again.
        print(error, file=sys.stderr)
        _outputs = failed_outputs(env.conf, "The site could not be built.", project_dir=project_dir)
        _outputs.stamp_config(env.conf)
        return
    _failed = None
    corpus, flows, history, today, site = state.corpus, state.flows, state.history, state.today, state.site
    if history.incomplete and in_ci():
        # A site built in CI is published: it must not go out with a history that is wrong.
        raise PluginError(history.advice + " The site was not built, because CI publishes what it builds.")
    if state.fresh and history.incomplete:
        # Not a MkDocs warning: --strict would stop the build, and a local preview is still useful.
        log.info("Warning: " + history.advice)
    elif state.fresh and not history.available:
        log.info(history.note)
    repo_url, edit_uri = env.conf.get("repo_url"), env.conf.get("edit_uri")
    exit_page = env.conf["extra"].get("exit_this_page")
    renderer = once(
        "renderer",
        (corpus, history, repr((today, repo_url, edit_uri, paths.docs_in_project, exit_page))),
        lambda: Renderer(
            corpus,
            today=today,
            history=history,
            repo_url=repo_url,
            edit_uri=edit_uri,
            docs_dir=paths.docs_in_project,
            exit_page=exit_page,
        ),
    )
    reviews = once("reviews", (corpus, repr(today)), lambda: review_rows(corpus, today))
    print_order = once("order", (corpus, site), lambda: whole_guidance_order(corpus, site.order))
    notes = once("notes", (corpus, site), lambda: currency_notes(corpus, print_order))
    if state.fresh:
        log.info(review_summary(reviews))
        log.info(status_summary(reviews))
        log.info(notes_summary(notes))
    env.conf["extra"]["guidance_release"] = release_being_published()
    _outputs = build_outputs(corpus, history, site, project_dir=project_dir, config=env.conf)
    _outputs.stamp_config(env.conf)
    if state.fresh and not env.conf.get("site_url"):
        # A notice, not a warning: the site works without it; only feed readers need the address.
        log.info(
            "Notice: site_url is not set in mkdocs.yml, so the feed (feed.xml) has relative links that feed "
            "readers cannot follow. Set it to the address the site is published at."
        )
    if (page := _zensical_page(env)) is not None:
        _outputs.stamp_page(page.meta)
        _outputs.write(project_dir / env.conf.get("site_dir", "site"))
    contacts = read_contacts(env.conf["extra"])
    if state.fresh and flows and (notice := contacts.missing_notice()):
        # A notice, not a warning: strict builds must still publish while partnerships confirm numbers.
        log.info(notice)
    flow_renderer = FlowRenderer(renderer, {flow_id: loaded.flow for flow_id, loaded in flows.items()}, contacts)
    explain_abbreviations(env.conf, corpus.items.values())
    _search_layer = SearchLayer(state.search_words)

    macro = _registrar(env)

    def current_page() -> str:
        # MkDocs pages know their source as file.src_uri; Zensical's as path.
        file = getattr(env.page, "file", None)
        return str(file.src_uri if file is not None else env.page.path)

    def page_error(message: str) -> ContentError:
        """A mistake in the page file being rendered, named as every message names files."""
        return ContentError([Problem(file=paths.shown(paths.docs / current_page()), message=message)])

    @macro
    def item_page(item_id: str) -> str:
        """The whole page of one item; its page file holds only this call."""
        page = env.page
        expected = corpus.doc_path(item_id)
        if current_page() != expected:
            # check_pages already ties each page file to its item; this guards hand edits made mid-serve.
            raise page_error(f"this page shows '{item_id}', whose page is {expected}.")
        item = corpus.items[item_id]
        page.meta["title"] = item.title
        # The theme writes the description into an attribute without escaping it: a quote in a
        # summary would end the attribute. (Markup is refused in summaries when they are loaded.)
        page.meta["description"] = str(escape(item.summary))
        page.meta["tags"] = renderer.search_terms(item)
        page.meta.setdefault("search", {}).setdefault("boost", SEARCH_BOOST.get(item.kind, 1.0))
        return renderer.item_page(item_id, from_doc=expected)

    @macro
    def kind_index(kind_name: str, intro: str | None = None) -> str:
        """Every item of one kind with its one-line summary, after an optional plain-text introduction."""
        env.page.meta.setdefault("search", {}).setdefault("boost", INDEX_SEARCH_BOOST)
        return renderer.kind_index(kind_name, from_doc=current_page(), intro=intro)

    @macro
    def ref(target: str, text: str | None = None) -> str:
        """A link to an item (``'id'``) or to one of its rules (``'id#rule-4'``)."""
        return renderer.ref(target, text, from_doc=current_page())

    @macro
    def decision_tool(flow_id: str) -> str:
        """An interactive decision flow that also works as plain links without JavaScript."""
        if flow_id not in flows:
            raise page_error(f"there is no flow '{flow_id}' in content/flows/.")
        env.page.meta.setdefault("hide", ["toc"])
        return flow_renderer.render(flow_id, from_doc=current_page())

    @macro
    def referral_contacts() -> str:
        """Where to make a referral to children's social care: "Choose your area", or the procedures."""
        return str(flow_renderer.contacts_html())

    def old_address(find: Callable[[str], _Entry | None]) -> _Entry:
        """This page's entry in content/addresses.yml; the page is kept out of search and the menu's way."""
        env.page.meta.setdefault("search", {})["exclude"] = True
        env.page.meta.setdefault("hide", ["navigation", "toc"])
        entry = find(current_page()[: -len(".md")])
        if entry is None:
            raise page_error("this old address is not in content/addresses.yml.")
        return entry

    @macro
    def moved_page() -> str:
        """The page at an address whose item moved: a link there, and a redirect (overrides/main.html)."""
        entry = old_address(site.moved)
        target = resolve(corpus, entry.to)
        env.page.meta["title"] = f"Moved: {target.label}"
        env.page.meta["redirect"] = redirect_url(
            current_page(), target.doc_path, target.anchor, directory_urls=env.conf.get("use_directory_urls", True)
        )
        return renderer.moved_page(entry, from_doc=current_page())

    @macro
    def withdrawn_page() -> str:
        """The page at the address of a withdrawn item: when, why and what replaces it."""
        entry = old_address(site.withdrawn)
        env.page.meta["title"] = f"Withdrawn: {entry.title}"
        return renderer.withdrawn_page(entry, from_doc=current_page())

    @macro
    def whole_guidance(figures: dict[str, str] | None = None, edition: bool = False) -> str:
        """Every item on one page, in the order of content/order.yml.

        ``figures`` maps an item id to the decision flow drawn after its text; ``edition`` adds the
        title page (version, commit, date, "check the website"), contents and one table of abbreviations.
        """
        for flow_id in (figures or {}).values():
            if flow_id not in flows:
                raise page_error(f"there is no flow '{flow_id}' in content/flows/.")
        drawn = {item_id: flow_renderer.figure(flow_id) for item_id, flow_id in (figures or {}).items()}
        stamp = None
        if edition:
            stamp = {
                "title": env.conf.get("site_name", ""),
                "partnerships": ((env.conf["extra"].get("partnership") or {}).get("members") or []),
                "version": history.version or "not released",
                "commit": history.head or "not committed",
                "date": today,
                "site_url": env.conf.get("site_url") or "",
                "pdf": PDF_FILE if os.environ.get("GUIDANCE_PDF") else "",
            }
        return renderer.whole_guidance(print_order, from_doc=current_page(), figures=drawn, edition=stamp)

    @macro
    def changes_in_law() -> str:
        """Every "Since this guidance was published" note, for the "Changes in law since publication" page."""
        return renderer.changes_in_law(notes, from_doc=current_page())

    @macro
    def review_status() -> str:
        """Every item by review due date, for the staff review page."""
        return renderer.review_status(reviews, from_doc=current_page())

    @macro
    def what_has_changed() -> str:
        """Changes to the content, grouped by release or month."""
        return renderer.amendments(amendments_by_release(history, corpus), from_doc=current_page())

    @macro
    def accessibility_testing() -> str:
        """How and when the site was tested, from the last run of the accessibility tests."""
        return describe_accessibility_test(project_dir / ACCESSIBILITY_REPORT)

    @macro
    def site_file_link(path: str, text: str) -> str:
        """A link to a file the generator writes (feed.xml, audit.json), which MkDocs cannot check."""
        url = env.page.url
        base = url if url.endswith("/") else posixpath.dirname(url)
        href = posixpath.relpath(path, base.rstrip("/") or ".")
        return f'<a href="{escape(href)}">{escape(text)}</a>'


_search_layer: SearchLayer | None = None
"""This build's search layer: gathers each page's summary, then writes its data and worker."""

_outputs: BuildOutputs | None = None
"""This build's audit manifest, feed and footer stamp (outputs.py says when each engine gets them)."""


def _zensical_page(env: Any) -> Any | None:
    """The page Zensical is rendering: it runs define_env for every page, with the page, and calls
    no other hook. mkdocs-macros runs define_env once, before any page."""
    return env.page if type(env).__module__.startswith("zensical") else None


def on_post_page_macros(env: Any) -> None:
    """mkdocs-macros calls this after each page: note what search needs from it."""
    file = getattr(env.page, "file", None)
    if _search_layer is not None and file is not None:
        _search_layer.add_page(file.src_uri, env.page.url, env.page.meta)


def on_post_build(env: Any) -> None:
    """mkdocs-macros calls this after the search index is written, before the offline copy reads it."""
    if _search_layer is not None:
        _search_layer.write(Path(env.conf["site_dir"]))
    if _outputs is not None:
        _outputs.write(Path(env.conf["site_dir"]))
    if os.environ.get("GUIDANCE_PDF_PRINT"):
        _print_whole_guidance(Path(env.conf["site_dir"]), Path(env.project_dir))


def _print_whole_guidance(site: Path, project_dir: Path) -> None:
    """A release's PDF edition (tools/publish.py asks for it): printed from the built site by
    tools/pdf/make_pdf.py, the same code `make pdf` uses. A site without the whole-guidance page has none."""
    if not (site / "whole-guidance" / "index.html").exists():
        return
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pdf", project_dir / "tools" / "pdf" / "make_pdf.py")
    if spec is None or spec.loader is None:
        raise PluginError("tools/pdf/make_pdf.py is missing, so the release's PDF could not be printed.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_pdf(site, site / "whole-guidance" / PDF_FILE)


def release_being_published() -> dict[str, str] | None:
    """The numbered release tools/publish.py is building, if any: its pages carry the banner that
    says they are a kept copy. Worked out here, not in the reader's browser, so that readers without
    JavaScript and copies opened from disk see it too."""
    version = os.environ.get("GUIDANCE_RELEASE", "").strip()
    if not version:
        return None
    date = os.environ.get("GUIDANCE_RELEASE_DATE", "").strip()
    return {"version": version, "date": long_date(dt.date.fromisoformat(date)) if date else ""}


def in_ci() -> bool:
    """True on a CI service (they set CI, GitHub Actions to "true")."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def on_pre_page_macros(env: Any) -> None:
    """mkdocs-macros calls this before each page: the footer's build stamp goes into the page; while
    the content is broken under `make serve`, the page becomes the message (escaped, and with no
    {{ }} left for the page's templates)."""
    if _outputs is not None:
        _outputs.stamp_page(env.page.meta)
    if _failed is not None:
        env.markdown = error_page(_failed)
        return
    _render_page_file(env)


def _render_page_file(env: Any) -> None:
    """Render the page file here, from its checked tree, and tell mkdocs-macros the page is done
    (``render_macros: false``), rather than have it compile every one-line page file into Python.

    A page or title mkdocs-macros would not render, or would render itself, is left to it, as is a
    page function that fails (it calls it again and reports the failure its own way). A page holding
    anything the page check refuses stops the build: the check was bypassed, and mkdocs-macros'
    environment is no sandbox.
    """
    page = env.page
    if page.meta.get("render_macros") is not None or env.has_j2(page.title or ""):
        return
    try:
        tree = env.env.parse(env.markdown)
        markdown = render_checked_page(tree, env.macros, env.variables["config"], env.env.getattr)
    except UncheckedTemplate as refused:
        raise PluginError(
            f"{page.file.src_uri}: {refused} is not something a page may hold, so the site was not built."
        ) from None
    except Exception:  # noqa: BLE001 - mkdocs-macros renders the page again and reports the failure its own way
        return
    env.markdown = markdown
    page.meta["render_macros"] = False


_Macro = TypeVar("_Macro", bound=Callable[..., str])
_Entry = TypeVar("_Entry", Moved, Withdrawn)


def _registrar(env: Any) -> Callable[[_Macro], _Macro]:
    """mkdocs-macros' decorator, typed: registers a page function and leaves it as it was."""

    def register(function: _Macro) -> _Macro:
        env.macro(function)
        return function

    return register


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
