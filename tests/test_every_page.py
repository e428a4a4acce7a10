"""Every page of the built site: private, accessible (WCAG 2.2 AA by axe), readable on a 360 px phone."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from urllib.parse import urlsplit

import pytest
from axe import WCAG_22_AA, axe_violations
from conftest import ROOT, Build
from playwright.sync_api import Browser, Page
from site_pages import read_site

from macros import ACCESSIBILITY_REPORT

REPORT = ROOT / ACCESSIBILITY_REPORT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_urls(built_site: Build) -> list[str]:
    # worker-frame.html is the offline search's hidden helper frame, not a page anyone reads; an old
    # address sends the browser straight on (tests/test_build.py checks where), so it is not read either.
    return sorted(
        url
        for url, page in read_site(built_site.site).items()
        if not url.startswith("assets/") and 'http-equiv="refresh"' not in page.path.read_text(encoding="utf-8")
    )


def test_every_page_forbids_inline_scripts_and_referrers(built_site: Build) -> None:
    for url, page in read_site(built_site.site).items():
        html = page.path.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert policy, f"/{url} has no Content-Security-Policy"
        script_src = re.search(r"script-src ([^;]*)", policy.group(1).replace("&#39;", "'")).group(1)
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
        assert '<meta name="referrer" content="no-referrer">' in html
        inline = [s for s in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html) if "application/json" not in s]
        assert inline == [], f"/{url} has an inline script"
        assert "fonts.googleapis" not in html and "unpkg.com" not in html


def test_no_request_leaves_the_site_and_no_policy_is_broken(page: Page, site_url: str, page_urls: list[str]) -> None:
    elsewhere: list[str] = []
    blocked: list[str] = []
    page.on(
        "request",
        lambda r: (
            elsewhere.append(r.url)
            if urlsplit(r.url).netloc not in ("", urlsplit(site_url).netloc)
            and not r.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    for url in page_urls:
        page.goto(f"{site_url}/{url}")
        page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert blocked == []
    assert page.context.cookies() == []


def test_axe_finds_no_violation_on_any_page(page: Page, site_url: str, page_urls: list[str]) -> None:
    found = {}
    for url in page_urls:
        page.goto(f"{site_url}/{url}")
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    print(f"\naxe (WCAG 2.2 A and AA rules): {len(page_urls)} pages, {len(found)} with violations")
    # The accessibility statement's "how and when tested" comes from this record.
    report = {
        "date": dt.date.today().isoformat(),
        "tool": "axe-core",
        "version": page.evaluate("axe.version"),
        "browser": f"Chromium {page.context.browser.version}",
        "rules": page.evaluate("(tags) => axe.getRules(tags).length", WCAG_22_AA),
        "pages": len(page_urls),
        "violations": sum(len(v) for v in found.values()),
    }
    assert found == {}
    # The statement is published from the committed record, so a test run never rewrites it: it checks
    # that the record is still true of this site (`make accessibility-record` writes a new one).
    if os.environ.get("RECORD_ACCESSIBILITY"):
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return
    recorded = json.loads(REPORT.read_text(encoding="utf-8"))
    claims = {key: recorded.get(key) for key in ("tool", "version", "rules", "pages", "violations")}
    measured = {key: report[key] for key in claims}
    assert claims == measured, (
        f"reports/accessibility-test.json no longer describes the site ({claims} recorded, {measured} now): "
        "run `make accessibility-record` and commit the record"
    )


def test_search_dialog_is_accessible_while_open(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("consent")
    page.wait_for_selector(".md-search-result__item")
    assert axe_violations(page) == []


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def test_no_page_scrolls_sideways_on_a_360px_phone(phone: Page, site_url: str, page_urls: list[str]) -> None:
    wide = {}
    for url in page_urls:
        phone.goto(f"{site_url}/{url}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[url] = width
    assert wide == {}


@pytest.mark.parametrize("url", ["", "legislation/children-act-2004/", "decide/?when-to-share=yes,no,yes,yes"])
def test_axe_finds_no_violation_on_a_phone(phone: Page, site_url: str, url: str) -> None:
    phone.goto(f"{site_url}/{url}")
    assert axe_violations(phone) == []


def test_search_dialog_has_a_name(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    assert page.locator(".md-search[role='dialog']").get_attribute("aria-label") == "Search this site"
