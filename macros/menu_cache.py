"""The menu of the open section, rendered once per section and folder instead of once per page.

A MkDocs hook (``hooks:`` in mkdocs.yml). Material writes each page's whole menu: with
``navigation.prune`` the closed sections are one link each, but the open section lists all its
pages, so a section of N pages costs N×N menu entries over the build (4 million template calls at
2,000 items). Yet the open section's markup is the same on every page of it but for the page's own
entry (marked active, holding the page's table of contents); links are relative, so they are the
same on every page in the same folder.

So this hook puts a thin ``partials/nav-item.html`` (:data:`WRAPPER`) in front of the theme's; it
hands each top-level menu entry to :meth:`MenuCache.render_entry`, which renders the open section with Material's own macro once per (section, folder), keeps each
entry's markup, and on every other page of that section renders only the page's own entry with
Material's macro and puts it in its place. Every byte still comes from Material's template; only
the repetition is skipped. Anything else (closed sections, single pages, a section's index page,
sub-sections, links) goes to Material's macro unchanged. The wrapper lives here, not in
``overrides/``, so an engine that does not run MkDocs hooks (Zensical) keeps its own menu as it is.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

# The theme's own templates stay reachable under this prefix, past the wrapper that shadows one.
THEME_PREFIX = "theme"
NAV_ITEM = "partials/nav-item.html"
# Material's nav.html imports nav-item.html and calls render() for each top-level entry.
WRAPPER = (
    f'{{%- import "{THEME_PREFIX}/{NAV_ITEM}" as theme with context -%}}'
    "{%- macro render(nav_item, path, level, parent) -%}"
    "{{- menu_entry(theme.render, nav_item, path, level, parent, page) -}}"
    "{%- endmacro -%}"
)

Render = Callable[..., str]


class _Section:
    """One open section's markup at one folder: the part before, after and between its entries."""

    def __init__(self, head: str, gaps: list[str], tail: str, entries: list[str | None]) -> None:
        self.head, self.gaps, self.tail = head, gaps, tail
        self.entries = entries
        """Each entry's markup when it is not the current page; None until seen so."""

    def join(self, own: int, own_markup: str) -> str:
        parts = [self.head]
        for number, markup in enumerate(self.entries):
            if number:
                parts.append(self.gaps[number - 1])
            parts.append(own_markup if number == own else markup or "")
        parts.append(self.tail)
        return "".join(parts)


class MenuCache:
    """Markup of open sections for one build; a new build starts a new cache (on_env)."""

    def __init__(self) -> None:
        self.sections: dict[tuple[str, str, bool], _Section | None] = {}

    def render_entry(self, render: Render, nav_item: Any, path: str, level: int, parent: Any, page: Any) -> Markup:
        """What Material's ``render(nav_item, path, level, parent)`` gives, reusing the open section."""
        entries = _entries(nav_item, level, page)
        if entries is None:
            return Markup(render(nav_item, path, level, parent))
        own = next(number for number, (_, child) in enumerate(entries) if child is page)
        # Relative links depend on the page's folder (and on the kind of addresses: a/b/ or a/b.html).
        key = (path, posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/"))
        own_markup = str(render(page, f"{path}_{entries[own][0]}", level + 1, nav_item))
        if key not in self.sections:
            whole = str(render(nav_item, path, level, parent))
            self.sections[key] = _split(whole, entries, own, own_markup, render, path, level, nav_item)
            return Markup(whole)
        section = self.sections[key]
        if section is None:  # the markup could not be split: Material renders it every time
            return Markup(render(nav_item, path, level, parent))
        for number, (position, child) in enumerate(entries):
            if section.entries[number] is None and number != own:
                section.entries[number] = str(render(child, f"{path}_{position}", level + 1, nav_item))
        return Markup(section.join(own, own_markup))


def _entries(nav_item: Any, level: int, page: Any) -> list[tuple[int, Any]] | None:
    """The open top-level section's entries below its index page, with their place in the menu
    (Material numbers entries from 1, index page included); None when the cache does not apply."""
    if level != 1 or page is None or not getattr(nav_item, "is_section", False) or not nav_item.active:
        return None
    children = list(nav_item.children)
    if not children or not all(getattr(child, "is_page", False) for child in children):
        return None  # sub-sections or links: Material's macro as it is
    index = next((child for child in children if child.is_index), None)
    if page is index or not any(child is page for child in children):
        return None  # the index page marks the section's own link active: rendered in full
    own = page.url
    if any(child is not page and child.url.startswith(own) for child in children):
        return None  # a page below this page's address: its link is relative to this page alone
    return [(position, child) for position, child in enumerate(children, start=1) if child is not index]


def _split(
    whole: str,
    entries: list[tuple[int, Any]],
    own: int,
    own_markup: str,
    render: Render,
    path: str,
    level: int,
    nav_item: Any,
) -> _Section | None:
    """Find each entry's markup in the section's markup, in order; None if any is not where expected."""
    markups: list[str | None] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for number, (position, child) in enumerate(entries):
        markup = own_markup if number == own else str(render(child, f"{path}_{position}", level + 1, nav_item))
        found = whole.find(markup, start)
        if found < 0:
            return None
        spans.append((found, found + len(markup)))
        markups.append(None if number == own else markup)
        start = found + len(markup)
    gaps = [whole[spans[n - 1][1] : spans[n][0]] for n in range(1, len(spans))]
    return _Section(whole[: spans[0][0]], gaps, whole[spans[-1][1] :], markups)


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    """Put the wrapper in front of the theme's nav-item.html and give it this build's cache."""
    theme = env.loader
    assert theme is not None
    env.loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({NAV_ITEM: WRAPPER}), jinja2.PrefixLoader({THEME_PREFIX: theme}), theme]
    )
    env.globals["menu_entry"] = MenuCache().render_entry
    return env
