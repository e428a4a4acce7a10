"""Run axe-core (installed from npm by `make test`) in a Playwright page."""

from __future__ import annotations

from functools import lru_cache

from conftest import ROOT
from playwright.sync_api import Page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@lru_cache(maxsize=1)
def _axe_source() -> str:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make browser-tools` (make test does this for you)")
    return AXE.read_text(encoding="utf-8")


def wait_until(page: Page, condition: str, arg: object = None, *, timeout_ms: int = 5000) -> None:
    """Poll a condition in the page. (wait_for_function compiles its source with eval, which the
    site's Content-Security-Policy rightly blocks; evaluate() does not.)"""
    waited = 0
    while not page.evaluate(condition, arg):
        if waited >= timeout_ms:
            raise TimeoutError(f"still false after {timeout_ms} ms: {condition}")
        page.wait_for_timeout(50)
        waited += 50


def axe_violations(page: Page) -> list[str]:
    """Every WCAG 2.2 A/AA violation on the page as it is now, one line per rule and element."""
    # Mid-transition colours (Material fades the header title on scroll) are not what a reader sees.
    wait_until(page, "() => document.getAnimations().every(a => a.playState !== 'running')")
    # evaluate() runs outside the page's Content-Security-Policy, as a browser extension would.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')} (${v.help})`)).flat()",
        WCAG_22_AA,
    )
    return list(result)
