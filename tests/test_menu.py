"""The menu: reusing the open section's markup (macros/menu_cache.py) changes nothing a reader gets.

The real site is built twice: as published, and with Material's own menu templates alone (no hook). Every page's menu must be the same, byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Build, run_mkdocs_build

from macros.menu_cache import MenuCache

pytestmark = pytest.mark.slow

_NAV_TAG = re.compile(r"<nav\b|</nav>")


def primary_menu(html: str) -> str:
    """The outer <nav class="md-nav md-nav--primary"> element of a page, nested menus included."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    depth = 0
    for tag in _NAV_TAG.finditer(html, start):
        depth += 1 if tag.group() == "<nav" else -1
        if depth == 0:
            return html[start : tag.end()]
    raise AssertionError("the primary menu is not closed")


@pytest.fixture(scope="module")
def material_only_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built with Material's menu templates as they come (no hook)."""
    work = tmp_path_factory.mktemp("material-menu")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = re.sub(r"(?m)^  - macros/menu_cache\.py\n", "", text)
    assert plain != text and "- macros/menu_cache.py" not in plain, "mkdocs.yml changed shape"
    # The config stays beside the project (the generator and the menu file are found from there).
    config = ROOT / f".material-menu-{work.name}.yml"
    config.write_text(plain, encoding="utf-8")
    try:
        build = run_mkdocs_build(config, work / "site")
    finally:
        config.unlink()
    assert build.returncode == 0, build.output
    return build.site


def test_every_page_has_the_menu_material_writes(built_site: Build, material_only_site: Path) -> None:
    pages = sorted(built_site.site.rglob("*.html"))
    with_menu = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if '<nav class="md-nav md-nav--primary"' not in html:
            continue
        with_menu += 1
        expected = primary_menu((material_only_site / page.relative_to(built_site.site)).read_text(encoding="utf-8"))
        assert primary_menu(html) == expected, f"{page.relative_to(built_site.site)}: the menu differs from Material's"
    assert with_menu >= 60


@pytest.mark.parametrize(
    ("page", "own_link"),
    [
        # An item in a section that spans two folders, the first and a later page of a section.
        ("legislation/children-act-2004/index.html", "./"),
        ("guidance/introduction/index.html", "./"),
        ("guidance/who-is-the-advice-for/index.html", "./"),
        ("myths/it-systems-are-a-barrier/index.html", "./"),
    ],
)
def test_the_page_is_marked_in_its_own_section(built_site: Build, page: str, own_link: str) -> None:
    menu = primary_menu((built_site.site / page).read_text(encoding="utf-8"))
    active = re.findall(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active"', menu)
    assert active == [own_link], f"{page}: links marked active {active}"
    # Its section is open; other pages of the section are listed, not marked.
    assert 'aria-expanded="true"' in menu
    assert len(re.findall(r'class="md-nav__link"', menu)) > 3


@dataclass(eq=False)
class _Page:
    title: str
    url: str
    is_index: bool = False
    is_page: bool = True
    is_section: bool = False


@dataclass(eq=False)
class _Section:
    children: list[Any]
    active: bool = True
    is_section: bool = True
    is_page: bool = False
    calls: list[str] = field(default_factory=list)


def test_other_pages_of_a_section_render_only_their_own_entry() -> None:
    """The cache does its job: the second page of a section costs one entry, not the section."""
    pages = [_Page("Index", "s/", is_index=True)] + [_Page(f"P{n}", f"s/p{n}/") for n in range(1, 6)]
    section = _Section(children=pages)
    current: dict[str, Any] = {}

    def render(item: Any, path: str, level: int, parent: Any = None) -> str:
        section.calls.append(getattr(item, "title", "section"))
        if item is section:
            inner = "\n  ".join(render(child, f"{path}_{n}", 2, item) for n, child in enumerate(pages[1:], 2))
            return f"<li open>\n  {inner}\n</li>"
        mark = "active" if item is current["page"] else "link"
        return f"<li {mark} {path}>{item.title}</li>"

    cache = MenuCache()
    for page in pages[1:]:
        current["page"] = page
        section.calls.clear()
        got = cache.render_entry(render, section, "__nav_2", 1, None, page)
        calls = list(section.calls)
        assert got == render(section, "__nav_2", 1), f"{page.title}: not what Material's macro writes"
        if page is pages[1]:
            assert calls.count("section") == 1  # the first page renders the section once
        elif page is pages[2]:
            assert calls == ["P2", "P1"]  # its own entry, and the first page's entry as a plain link
        else:
            assert calls == [page.title]
    assert got.count("active") == 1 and "<li active __nav_2_6>P5</li>" in got
