"""`make serve`'s quick rebuilds: a MkDocs hook (mkdocs.yml, ``hooks:``), active under `mkdocs serve` only.

MkDocs 1.6 rebuilds the whole site after every save, and its only shortcut (``--dirty``) skips
pages whose own file is unchanged, which here is every page an edit to content/ changes, and
leaves the search index with only the pages it rebuilt. Instead, every page is still built, but:

- a page whose Markdown, settings and site files are all what they were at the last rebuild gets
  the HTML Python-Markdown made of it then (a saved edit changes two or three pages; converting
  the other seventy was half of each rebuild). A page whose conversion logged anything (a broken
  link) is converted every time, so every message still appears on every rebuild. Likewise the
  search index entries Material's search makes of an unchanged page are reused (a copy of them);
- the theme's templates are compiled once, not at every rebuild;
- a save is noticed within a twentieth of a second instead of half a second.

`mkdocs build` (make build, CI, publishing) runs none of this.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

POLL_SECONDS = 0.05
"""How often the development server looks for saved files (MkDocs: 0.5 s). A look takes under a millisecond."""


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    if _serving:
        _remember_conversions()
        _remember_search_entries()


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, by name and source (Jinja checks the source):
    MkDocs makes a new theme environment for every build, which compiled them all again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    if _serving and env.bytecode_cache is None:
        env.bytecode_cache = _compiled
    return env


def on_serve(server: Any, config: Any, builder: Callable[..., Any]) -> Any:
    """Look for saved files every POLL_SECONDS, in the watches made so far and those still to come."""
    observer = getattr(server, "observer", None)
    # MkDocs' server polls (watchdog's PollingObserver); its interval is fixed when it is made, so it is
    # set on the observer and on the watches it already holds. Anything else is left as it is.
    if observer is not None and hasattr(observer, "_timeout") and not observer.is_alive():
        observer._timeout = min(observer._timeout, POLL_SECONDS)
        for emitter in observer.emitters:
            if hasattr(emitter, "_timeout"):
                emitter._timeout = min(emitter._timeout, POLL_SECONDS)
    return server


@dataclass(frozen=True)
class _Converted:
    """What Page.render leaves on a page."""

    content: str | None
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    """By the linked page's source path: the File objects are new at every rebuild."""


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_converted: dict[tuple[Any, ...], _Converted] = {}
_files_key: tuple[Any, Any] | None = None
"""(the build's Files, what of them a conversion reads): worked out once per rebuild."""


def _site_files(files: Any) -> Any:
    """Every file's source, address and inclusion: what relative links and anchors resolve against."""
    global _files_key
    if _files_key is None or _files_key[0] is not files:
        _files_key = (
            files,
            tuple((file.src_uri, file.dest_uri, file.url, str(file.inclusion)) for file in files),
        )
    return _files_key[1]


def _remember_conversions() -> None:
    from mkdocs.structure.pages import Page

    convert = Page.render
    if getattr(convert, "remembers", False):
        return

    def render(page: Any, config: Any, files: Any) -> None:
        key = (
            page.file.src_uri,
            page.file.url,
            page.markdown,
            repr(config["markdown_extensions"]),
            repr(config["mdx_configs"]),
            repr(config["validation"]),
            config["use_directory_urls"],
            logging.getLogger("mkdocs").getEffectiveLevel(),
            _site_files(files),
        )
        known = _converted.get(key)
        if known is not None:
            page.content = known.content
            page.toc = known.toc
            page._title_from_render = known.title
            page.present_anchor_ids = set(known.anchors) if known.anchors is not None else None
            if known.links_to_anchors is not None:
                page.links_to_anchors = {
                    files.get_file_from_path(path): dict(anchors) for path, anchors in known.links_to_anchors.items()
                }
            return
        logged = _Logged()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
        for logger in loggers:
            logger.addHandler(logged)
        try:
            convert(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(logged)
        links = page.links_to_anchors
        if logged.count or (links is not None and any(file is None for file in links)):
            return  # said something, or linked to an unknown file: converted again every time
        if len(_converted) > 4 * max(len(files.documentation_pages()), 100):
            _converted.clear()  # pages renamed or edited away
        _converted[key] = _Converted(
            content=page.content,
            toc=page.toc,
            title=page._title_from_render,
            anchors=set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            links_to_anchors=(
                {file.src_uri: dict(anchors) for file, anchors in links.items()} if links is not None else None
            ),
        )

    render.remembers = True  # type: ignore[attr-defined]
    Page.render = render  # type: ignore[method-assign,assignment]


_entries: dict[tuple[Any, ...], list[dict[str, Any]]] = {}


def _contents(toc: Any) -> tuple[Any, ...]:
    """Every heading of a page's table of contents: what search entries take their addresses from."""
    return tuple((link.id, link.url, link.title, _contents(link.children)) for link in toc or [])


def _remember_search_entries() -> None:
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    index_page = SearchIndex.add_entry_from_context
    if getattr(index_page, "remembers", False):
        return

    def add_entry_from_context(index: Any, page: Any) -> None:
        key = (
            page.url,
            page.content,
            str(page.title),
            repr(page.meta),
            _contents(page.toc),
            repr(sorted(index.config.items(), key=str)),
        )
        known = _entries.get(key)
        if known is not None:
            index.entries.extend(copy.deepcopy(known))
            return
        before = len(index.entries)
        index_page(index, page)
        if len(_entries) > 4 * max(len(index.entries), 100):
            _entries.clear()
        _entries[key] = copy.deepcopy(index.entries[before:])

    add_entry_from_context.remembers = True  # type: ignore[attr-defined]
    SearchIndex.add_entry_from_context = add_entry_from_context
