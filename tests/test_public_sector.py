"""Public-sector duties: accessibility statement, privacy notice, and "Exit this page"."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, Build
from playwright.sync_api import Page, expect
from site_pages import read_site

from macros import ACCESSIBILITY_REPORT, describe_accessibility_test
from macros.loader import load_corpus
from macros.render import long_date

EXIT_URL = "https://www.bbc.co.uk/weather"


def article(build: Build, url: str) -> str:
    html = (build.site / url / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_statement_has_the_model_statement_s_parts(built_site: Build) -> None:
    text = article(built_site, "accessibility")
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Preparation of this accessibility statement",
    ):
        assert f">{heading}<" in text, heading
    assert "Web Content Accessibility Guidelines version 2.2" in text
    assert "Equality Advisory and Support Service" in text
    assert "proceduresonline.com/pancheshire" in text  # partnership contact from configuration


def test_how_and_when_tested_comes_from_the_committed_record(built_site: Build) -> None:
    text = article(built_site, "accessibility")
    report = json.loads((ROOT / ACCESSIBILITY_REPORT).read_text(encoding="utf-8"))
    assert f"last tested on {long_date(dt.date.fromisoformat(report['date']))}" in text
    assert f"every one of the {report['pages']} pages" in text
    assert f"{report['tool']} {report['version']}" in text
    assert f"the {report['rules']} rules" in text


def test_testing_paragraph_reports_what_the_record_says(tmp_path: Path) -> None:
    assert (
        describe_accessibility_test(tmp_path / "missing.json")
        == "This website has not been tested for accessibility yet."
    )
    record = tmp_path / "report.json"
    record.write_text(
        json.dumps(
            {
                "date": "2026-11-20",
                "tool": "axe-core",
                "version": "9.9",
                "browser": "Chromium 1",
                "rules": 88,
                "pages": 12,
                "violations": 3,
            }
        )
    )
    text = describe_accessibility_test(record)
    assert "last tested on 20 November 2026" in text and "axe-core 9.9 in Chromium 1" in text
    assert "the 88 rules" in text and "all 12" not in text and "every one of the 12 pages" in text
    assert "It found 3 failures" in text


def test_privacy_notice_says_nothing_is_collected_and_every_footer_links_to_it(built_site: Build) -> None:
    notice = article(built_site, "privacy")
    for promise in ("No cookies", "No analytics", "never sent", "not put in the page"):
        assert promise in notice
    pages = read_site(built_site.site)
    without = [
        url
        for url, page in pages.items()
        if "md-footer" in page.path.read_text(encoding="utf-8")
        and not re.search(
            r'class="isg-footer-links">\s*<a href="[^"]*">Accessibility statement</a> · \s*<a href="[^"]*">Privacy notice</a>',
            page.path.read_text(encoding="utf-8"),
        )
    ]
    assert without == []


def test_exit_button_only_where_content_asks_for_it(built_site: Build) -> None:
    corpus = load_corpus(ROOT / "content", project_dir=ROOT)
    flagged = {item_id for item_id, item in corpus.items.items() if item.exit_this_page}
    assert flagged == {
        "domestic-violence-disclosure-scheme",
        "child-sex-offender-disclosure-scheme",
        "signs-of-abuse-and-neglect",
    }
    for item_id in corpus.items:
        if corpus.anchor_of(item_id):
            continue  # a glossary term: a section of the glossary page
        html = (built_site.site / corpus.doc_path(item_id)[:-3] / "index.html").read_text(encoding="utf-8")
        assert ("Exit this page</a>" in html) == (item_id in flagged), item_id
        if item_id in flagged:
            assert f'href="{EXIT_URL}"' in html


@pytest.fixture
def neutral_site(page: Page) -> Page:
    """Answer for the exit destination locally: the test sends nothing to the real site."""
    page.route(
        EXIT_URL + "**",
        lambda route: route.fulfill(body="<title>Weather</title><h1>Weather</h1>", content_type="text/html"),
    )
    return page


@pytest.mark.browser
def test_exit_button_replaces_the_page_without_a_history_entry(neutral_site: Page, site_url: str) -> None:
    page = neutral_site
    page.goto(site_url + "/")
    page.goto(site_url + "/disclosure-schemes/domestic-violence-disclosure-scheme/")
    page.locator(".isg-exit__button").click()
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    expect(page).to_have_url(site_url + "/")


@pytest.mark.browser
def test_pressing_shift_three_times_exits(neutral_site: Page, site_url: str) -> None:
    page = neutral_site
    page.goto(site_url + "/")
    page.goto(site_url + "/guidance/signs-of-abuse-and-neglect/")
    page.keyboard.press("Shift")
    expect(page.locator(".isg-exit__status")).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    expect(page).to_have_url(site_url + "/")


@pytest.mark.browser
def test_exit_button_is_reachable_first_by_keyboard(neutral_site: Page, site_url: str) -> None:
    page = neutral_site
    page.goto(site_url + "/disclosure-schemes/child-sex-offender-disclosure-scheme/")
    page.keyboard.press("Tab")  # GOV.UK: the "Exit this page" skip link is the first Tab stop
    assert page.evaluate("document.activeElement.textContent") == "Exit this page"
    expect(page.locator(".isg-exit-skip")).to_be_in_viewport()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to content"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(EXIT_URL)


@pytest.mark.browser
def test_two_shift_presses_then_a_pause_do_nothing(neutral_site: Page, site_url: str) -> None:
    page = neutral_site
    page.goto(site_url + "/guidance/signs-of-abuse-and-neglect/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(5300)  # GOV.UK's component forgets the presses after 5 seconds
    expect(page.locator(".isg-exit__status")).to_have_text("Exit this page expired.")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url)
