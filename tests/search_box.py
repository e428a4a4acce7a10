"""Drive Material's real search box in Chromium and read the pages it ranks first."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from axe import wait_until
from playwright.sync_api import Page

RESULT_PAGES = ".md-search-result__list > .md-search-result__item > .md-search-result__link"


@dataclass(frozen=True)
class Ranking:
    query: str
    expect: list[str]
    """The pages that answer the query; any of them in the top 3 is a hit."""
    top: list[str]

    @property
    def hit(self) -> bool:
        return any(page in self.top[:3] for page in self.expect)


def search(page: Page, query: str, *, site_path: str = "/") -> list[str]:
    """Type the query as a person would and return the result pages, best first (site-relative URLs)."""
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query, delay=5)
    wait_until(
        page,
        "(q) => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing|Type to start/i.test(m.textContent)"
        " && document.querySelector('input.md-search__input').value === q; }",
        query,
    )
    # The worker answers every keystroke; an early answer can land after the last key, so wait
    # until the results stop changing.
    hrefs: list[str] = []
    for _ in range(40):
        page.wait_for_timeout(150)
        now = page.locator(RESULT_PAGES).evaluate_all("links => links.map(a => a.href)")
        if now == hrefs and now:
            break
        hrefs = now
    prefix = site_path.rstrip("/") + "/"
    ranked = []
    for href in hrefs:
        path = urlsplit(href).path
        relative = path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
        if relative not in ranked:
            ranked.append(relative)
    return ranked
