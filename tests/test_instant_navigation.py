"""The site's scripts under Material's instant navigation, where one document shows page after page
and `document$` emits for each: after several pages reached by clicking links, each window listener
and click handler acts once (one history entry per answer, one print per click, one step shown per
Back, one Shift counted per press) and nothing is added to the page twice.

The site does not turn instant navigation on; a script written for `document$` must still not depend
on a page load. Instant navigation is purely Material's script, switched on by the `features` in each
page's `__config` and limited to the addresses in `sitemap.xml`: the test serves the built site with
that feature added and a sitemap of the test server's addresses (what MkDocs writes with a
`site_url`), so Material's own code navigates."""

from __future__ import annotations

import re

import pytest
from conftest import Build
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser

FLAGGED = [
    "/disclosure-schemes/domestic-violence-disclosure-scheme/",
    "/disclosure-schemes/child-sex-offender-disclosure-scheme/",
]
# The events the site's scripts listen to on window and document.
WATCHED = ["popstate", "beforeprint", "afterprint", "beforeunload", "pageshow", "keyup", "click"]


@pytest.fixture
def instant(page: Page, site_url: str, built_site: Build) -> Page:
    pages = sorted(path.parent.relative_to(built_site.site).as_posix() for path in built_site.site.rglob("index.html"))
    urls = "".join(f"<url><loc>{site_url}/{'' if path == '.' else path + '/'}</loc></url>" for path in pages)
    sitemap = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'

    def serve(route: Route) -> None:
        if route.request.url.endswith("/sitemap.xml"):
            route.fulfill(body=sitemap, content_type="application/xml")
            return
        response = route.fetch()
        if "text/html" not in response.headers.get("content-type", ""):
            route.fulfill(response=response)
            return
        html = response.text()
        assert '"features": [' in html
        route.fulfill(response=response, body=html.replace('"features": [', '"features": ["navigation.instant", ', 1))

    page.route(re.compile(re.escape(site_url) + ".*"), serve)
    # Count the listeners added to window and document, by event, from the first script on.
    page.add_init_script(
        """
        window.__listeners = {};
        for (const target of [window, document]) {
          const add = target.addEventListener;
          target.addEventListener = function (type, ...rest) {
            window.__listeners[type] = (window.__listeners[type] || 0) + 1;
            return add.call(this, type, ...rest);
          };
        }
        """
    )
    return page


def listeners(page: Page) -> dict[str, int]:
    counts = page.evaluate("window.__listeners")
    return {event: counts.get(event, 0) for event in WATCHED}


def home(page: Page) -> None:
    page.locator("a.md-header__button.md-logo").click()
    expect(page.locator("article a[href$='decide/']").first).to_be_visible()


def visit(page: Page, path: str) -> None:
    """Click the home page's link to a page, and wait for Material to show it."""
    page.locator(f"article a[href$='{path.lstrip('/')}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.locator("h1")).to_have_count(1)


def test_pages_shown_one_after_another_keep_one_of_each_listener_and_handler(instant: Page, site_url: str) -> None:
    page = instant
    page.goto(site_url + "/")
    page.evaluate("window.__same_document = true")
    first = listeners(page)
    for _ in range(2):
        for path in [*FLAGGED, "/decide/"]:
            visit(page, path)
            home(page)
    visit(page, "/decide/")
    assert page.evaluate("window.__same_document") is True, "Material did not navigate instantly"
    assert listeners(page) == first
    # The title names the step and this page, not a page shown before it.
    expect(page).to_have_title(re.compile(r"^Question 1 of 4: .+ – Can I share this information\? - Information"))

    # One history entry for each answer, and one step shown.
    page.evaluate("window.__shows = 0; document.addEventListener('isg-flow:show', () => { window.__shows += 1; })")
    length = page.evaluate("history.length")
    for answer in ["Yes", "No", "Yes"]:
        page.locator(".isg-flow__step:visible").get_by_role("button", name=answer, exact=True).click()
    assert page.evaluate("history.length") == length + 3
    assert page.evaluate("window.__shows") == 3
    expect(page.locator(".isg-flow__answers dt")).to_have_count(3)
    expect(page.locator(".isg-flow__back-link")).to_have_count(1)

    # Back (the browser's): popstate shows the step before, once, and Material fetches nothing.
    page.go_back()
    expect(page.locator(".isg-flow__answers dt")).to_have_count(2)
    assert page.evaluate("window.__shows") == 4
    assert page.evaluate("window.__same_document") is True

    # A Change link is the tool's alone: Material does not also visit it, so one Back undoes it.
    page.locator(".isg-flow__answers a").first.click()
    expect(page.locator(".isg-flow__answers dt")).to_have_count(0)
    assert page.evaluate("window.__shows") == 5
    page.go_back()
    expect(page.locator(".isg-flow__answers dt")).to_have_count(2)
    assert page.evaluate("window.__shows") == 6

    # One print for one click on Print the record, and one record.
    for answer in ["Yes", "Yes"]:
        page.locator(".isg-flow__step:visible").get_by_role("button", name=answer, exact=True).click()
    page.evaluate("() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; }")
    page.get_by_role("button", name="Print the record").click()
    assert page.evaluate("window.__prints") == 1
    assert page.evaluate("document.body.classList.contains('isg-printing-record')")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.body.classList.contains('isg-printing-record')")
    record = page.locator(".isg-flow__record-text").inner_text()
    assert record.count("Information sharing decision record") == 1
    assert record.count("Outcome from the guidance: You can share") == 1
    expect(page.locator(".isg-flow__record")).to_have_count(1)


def test_exit_this_page_counts_each_shift_once_and_keeps_one_skip_link(instant: Page, site_url: str) -> None:
    page = instant
    page.goto(site_url + "/")
    page.evaluate("window.__same_document = true")
    for _ in range(2):
        for path in FLAGGED:
            visit(page, path)
            home(page)
    # Off a flagged page, no Exit skip link is left behind.
    expect(page.locator(".isg-exit-skip")).to_have_count(0)
    visit(page, FLAGGED[0])
    assert page.evaluate("window.__same_document") is True, "Material did not navigate instantly"
    expect(page.locator(".isg-exit-skip")).to_have_count(1)
    expect(page.locator(".isg-exit")).to_have_count(1)
    page.keyboard.press("Shift")
    expect(page.locator(".isg-exit__status")).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    expect(page.locator(".isg-exit__status")).to_have_text("Shift, press 1 more time to exit.")
    assert page.url == site_url + FLAGGED[0]
