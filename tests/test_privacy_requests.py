"""The privacy notice says exactly what a request carries; Chromium checks every request against it."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from conftest import Build
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser


def notice_text(built_site: Build) -> str:
    """The notice's words, examples in <code> included."""
    html = (built_site.site / "privacy" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return unescape(re.sub(r"<[^>]+>", "", article))


def test_the_notice_lists_what_a_request_carries(built_site: Build) -> None:
    notice = " ".join(notice_text(built_site).split())
    for promise in (
        "the page's address",
        "internet (IP) address",
        "no referrer",
        "your search words are not added to it",
        "/decide/?when-to-share=yes,no",
        "with your Yes, No or Not sure answers and nothing else",
        "not put in the page's address",
    ):
        assert promise in notice, promise


def test_opening_a_search_result_does_not_send_the_search_words(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("caldicott")
    result = page.locator(".md-search-result__link").first
    expect(result).to_be_visible()
    assert "?" not in (result.get_attribute("href") or "")
    result.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).query == ""
    assert [request.url for request in sent if "caldicott" in urlsplit(request.url).query.lower()] == []
    assert all(urlsplit(request.url).query == "" for request in sent if request.is_navigation_request())


def test_the_tool_sends_its_answers_only_when_reloaded_and_never_the_record(page: Page, site_url: str) -> None:
    page.goto(site_url + "/decide/")
    page.wait_for_load_state("networkidle")
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    for answer in ("Yes", "No", "Yes", "No"):
        page.locator(".isg-flow__step:visible").get_by_role("button", name=answer, exact=True).click()
    page.get_by_label("Why the information was not shared").fill("Private reason about Child A")
    assert [request.url for request in sent if not request.url.endswith("favicon.png")] == []

    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page with a record typed?"
    page.reload()
    documents = [request for request in sent if request.is_navigation_request()]
    assert [urlsplit(request.url).path + "?" + urlsplit(request.url).query for request in documents] == [
        "/decide/?when-to-share=yes%2Cno%2Cyes%2Cno"
    ]
    everything = " ".join(request.url + (request.post_data or "") for request in sent)
    assert "Private" not in everything and "Child" not in everything
    assert all(request.method == "GET" for request in sent)
