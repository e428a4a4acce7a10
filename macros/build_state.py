"""Everything worked out from the content for one build, kept while its inputs stay the same.

MkDocs calls ``define_env`` once per build; Zensical calls it for every page. Keying the
work on the inputs (every content and page file's size and time, the menu, git's own
files, the date) makes the later calls free, and any edit starts afresh, except for git's
log, which is read again only when a commit or tag changes it (a `make serve` rebuild after
an edit asks git only which files are uncommitted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from .addresses import SiteData
from .background import Check
from .corpus import Corpus
from .flow import LoadedFlow
from .history import History, read_history, with_uncommitted
from .paths import Paths
from .problems import ContentError
from .search import SearchWords
from .validation import validate_all_but_html


@dataclass(frozen=True)
class BuildState:
    corpus: Corpus
    flows: dict[str, LoadedFlow]
    site: SiteData
    search_words: SearchWords
    history: History
    today: dt.date
    html_check: Check
    """The HTML check's verdict: found, or being found on another core (wait_for_checks)."""
    fresh: bool
    """True when this call did the work (so the build's messages are printed once)."""


_last: tuple[tuple[Any, ...], BuildState] | None = None


def _git_dir(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder / ".git"
    return None


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _git_key(project_dir: Path) -> tuple[Any, ...]:
    git = _git_dir(project_dir)
    # Commits, tags, staging and a shallow clone touch these; the log is read again only when one changes.
    names = ("HEAD", "index", "logs/HEAD", "packed-refs", "refs/tags", "shallow")
    return (str(git), *(_stamp(git / name) for name in names)) if git else ()


def inputs_key(paths: Paths, nav: Any) -> tuple[Any, ...]:
    files = [
        _stamp(path)
        for folder in (paths.content, paths.docs)
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]
    return (tuple(files), repr(nav), _git_key(paths.root), dt.date.today())


_history: tuple[tuple[Any, ...], History] | None = None
"""Git's history of the content, kept between `make serve` rebuilds while git's own files are unchanged."""


def _read_history(project_dir: Path, content_dir: Path, git_key: tuple[Any, ...]) -> History:
    """One `git log` while commits and tags stay the same; after an edit, only `git status` again."""
    global _history
    key = (project_dir.resolve(), content_dir.resolve(), git_key)
    if _history is not None and _history[0] == key:
        history = with_uncommitted(_history[1], project_dir, content_dir)
    else:
        history = read_history(project_dir, content_dir)
    _history = (key, history)
    return history


def build_state(paths: Paths, config: Any) -> BuildState:
    """Load, validate and read history once for these inputs; raise ContentError on any problem."""
    global _last, _current_check
    key = inputs_key(paths, config.get("nav"))
    if _last is not None and _last[0] == key:
        state = replace(_last[1], fresh=False)
    else:
        (corpus, flows, site, search_words), html_check = validate_all_but_html(paths, config)
        state = BuildState(
            corpus=corpus,
            flows=flows,
            site=site,
            search_words=search_words,
            history=_read_history(paths.root, paths.content, key[2]),
            today=key[-1],
            html_check=Check.soon(html_check),
            fresh=True,
        )
        _last = (key, state)
    _current_check = state.html_check
    if state.html_check.done:
        wait_for_checks()
    return state


_current_check: Check | None = None
"""The HTML check of the content build_state last handed out."""


def checks_pending() -> bool:
    """Whether the current content's HTML check is still being found by another process."""
    return _current_check is not None and not _current_check.done


def wait_for_checks() -> None:
    """Raise ContentError if the current content's HTML check found problems, waiting for its verdict."""
    if _current_check is not None and (problems := _current_check.problems()):
        raise ContentError(problems)


_Value = TypeVar("_Value")
_done: dict[str, tuple[tuple[Any, ...], Any]] = {}


def once(name: str, key: tuple[Any, ...], make: Callable[[], _Value]) -> _Value:
    """What ``make`` gives, made again only when ``key`` changes: the same objects (the validated
    content, which build_state keeps while its inputs are unchanged) or the same settings (text).
    Zensical calls define_env for every page; this keeps the work to once per build."""
    known = _done.get(name)
    if known is not None and len(known[0]) == len(key):
        if all(old is new or (isinstance(old, str) and old == new) for old, new in zip(known[0], key, strict=True)):
            return known[1]  # type: ignore[no-any-return]
    value = make()
    _done[name] = (key, value)
    return value
