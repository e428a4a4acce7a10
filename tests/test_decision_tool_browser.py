"""The decision tool in Chromium: every path, keyboard only, Back, bookmarks, no JavaScript, privacy, axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from axe import axe_violations
from conftest import ROOT
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PATHS = yaml.safe_load((ROOT / "tests" / "expected" / "when-to-share.paths.yml").read_text(encoding="utf-8"))
ANSWER = {"yes": "Yes", "no": "No", "not-sure": "Not sure"}


def tool_url(site_url: str) -> str:
    return site_url + "/decide/"


def current_heading(page: Page):
    return page.locator(".isg-flow__step:visible h2")


def heading_text(page: Page) -> str:
    return current_heading(page).inner_text().replace("¶", "").strip()


@pytest.mark.parametrize("path", PATHS, ids=lambda p: "-".join(p["answers"]))
def test_every_path_clicked_through(page: Page, site_url: str, path: dict) -> None:
    page.goto(tool_url(site_url))
    for question, answer in zip(path["questions"], path["answers"], strict=True):
        assert heading_text(page) == question
        assert page.locator(".isg-flow__step:visible").count() == 1
        page.locator(".isg-flow__step:visible").get_by_role("button", name=ANSWER[answer], exact=True).click()
    assert heading_text(page) == path["title"]
    outcome = page.locator(".isg-flow__step:visible")
    expect(outcome.get_by_role("heading", name="How?")).to_have_count(1 if path["decision"] == "share" else 0)
    expect(outcome.get_by_role("heading", name="Record your decision")).to_be_visible()
    expect(outcome.locator(".isg-flow__why a").first).to_be_visible()
    expect(page.get_by_role("heading", name="Make a record of this decision")).to_be_visible()
    expect(page.locator(".isg-flow__answers dt")).to_have_count(len(path["answers"]))


def test_not_sure_leads_to_seek_advice(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url))
    page.get_by_role("button", name="Yes", exact=True).click()
    page.get_by_role("button", name="Not sure", exact=True).click()
    assert heading_text(page) == "Seek advice before you decide"
    expect(page.locator(".isg-flow__step:visible")).to_contain_text("Golden rule 3: Seek advice")


def test_keyboard_only_and_focus_moves_to_each_new_question(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url))
    yes = page.locator(".isg-flow__step:visible").get_by_role("button", name="Yes", exact=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.answer") == "yes":
            break
    else:
        pytest.fail("Tab never reached the Yes button")
    expect(yes).to_be_focused()
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.textContent").replace("¶", "").strip()
    assert focused == "Do you have consent to share?"
    for _ in range(10):  # from the new heading, on through its links to the Yes button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.answer") == "yes":
            break
    else:
        pytest.fail("Tab from the second question never reached its Yes button")
    # Space works as well as Enter on a button.
    page.locator(".isg-flow__step:visible").get_by_role("button", name="No", exact=True).focus()
    page.keyboard.press(" ")
    assert heading_text(page) == "Does the information enable an individual to be identified?"


def test_back_button_and_browser_back_step_back(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url))
    page.get_by_role("button", name="Yes", exact=True).click()
    page.locator(".isg-flow__step:visible").get_by_role("button", name="No", exact=True).click()
    assert heading_text(page) == "Does the information enable an individual to be identified?"
    page.get_by_role("link", name="Back", exact=True).click()
    expect(current_heading(page)).to_contain_text("Do you have consent to share?")
    page.go_back()
    expect(current_heading(page)).to_contain_text("Is there a clear and legitimate purpose")
    page.go_forward()
    expect(current_heading(page)).to_contain_text("Do you have consent to share?")


def test_bookmarked_address_restores_the_answers(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url) + "?when-to-share=yes,no,yes")
    assert heading_text(page) == "Have you identified a lawful reason to share information without consent?"
    expect(page.locator(".isg-flow__answers dt")).to_have_count(3)
    page.goto(tool_url(site_url) + "?when-to-share=yes,no,yes,no")
    assert heading_text(page) == "Do not share"


def test_nonsense_in_the_address_starts_at_the_beginning(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url) + "?when-to-share=maybe,yes")
    assert heading_text(page) == "Is there a clear and legitimate purpose for sharing information?"


def test_change_an_earlier_answer_from_the_summary(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url) + "?when-to-share=yes,no,yes")
    page.get_by_role("link", name="Change your answer to: Do you have consent to share?").click()
    assert heading_text(page) == "Do you have consent to share?"
    expect(page.locator(".isg-flow__answers dt")).to_have_count(1)
    page.get_by_role("button", name="Yes", exact=True).click()
    assert heading_text(page) == "You can share, but should consider how"
    assert urlsplit(page.url).query == "when-to-share=yes%2Cyes"


def test_start_again(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url) + "?when-to-share=no")
    page.get_by_role("button", name="Start again").click()
    assert heading_text(page) == "Is there a clear and legitimate purpose for sharing information?"
    expect(page.locator(".isg-flow__summary")).to_be_hidden()


def test_decision_record_stays_in_the_browser(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.goto(tool_url(site_url) + "?when-to-share=yes,no,yes,yes")
    page.wait_for_load_state("networkidle")
    page.on("request", lambda request: requests.append(request.url))

    page.get_by_label("What information was asked for, and by whom").fill("Health visitor asked about Child A")
    page.get_by_label("What information was shared").fill("Attendance dates")
    page.get_by_label("Who it was shared with").fill("The school DSL")
    page.get_by_label("The lawful basis for sharing").fill("Public task; risk of significant harm")
    record = page.locator(".isg-flow__record-text").inner_text()
    assert "Health visitor asked about Child A" in record
    assert "Public task; risk of significant harm" in record
    assert "Have you identified a lawful reason to share information without consent? Yes" in record
    assert "Outcome from the guidance: You can share, but should consider how" in record

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the record").click()
    saved = download.value.path().read_text(encoding="utf-8")
    assert saved.strip() == record.strip()

    assert "Health" not in page.url and "Public" not in page.url
    assert [url for url in requests if not url.startswith("blob:")] == []
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_no_request_while_answering(page: Page, site_url: str) -> None:
    page.goto(tool_url(site_url))
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for answer in ["Yes", "No", "Yes", "Yes"]:
        page.locator(".isg-flow__step:visible").get_by_role("button", name=answer, exact=True).click()
    page.get_by_role("link", name="Back", exact=True).click()
    page.go_back()
    # Chromium re-checks the site's own favicon when the address changes; nothing else may be asked for.
    assert [url for url in requests if not url.endswith("/assets/images/favicon.png")] == []
    assert all(url.startswith(site_url) for url in requests)


@pytest.fixture
def no_js_page(browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PATHS, ids=lambda p: "-".join(p["answers"]))
def test_every_outcome_reachable_by_links_without_javascript(no_js_page: Page, site_url: str, path: dict) -> None:
    page = no_js_page
    page.goto(tool_url(site_url))
    expect(page.locator(".isg-flow__buttons").first).to_be_hidden()
    step = page.locator("#when-to-share-purpose")
    for question, answer in zip(path["questions"], path["answers"], strict=True):
        expect(step.locator("h2")).to_contain_text(question)
        link = step.locator(".isg-flow__links a", has_text=re.compile(rf"^{ANSWER[answer]}:"))
        target = link.get_attribute("href")
        link.click()
        assert page.url.endswith(target)
        step = page.locator(target)
    expect(step.locator("h2")).to_contain_text(path["title"])
    expect(step).to_be_in_viewport()


@pytest.fixture
def scripts_blocked_page(browser: Browser):
    """The page as a reader without JavaScript sees it, but still open to axe (which needs scripting)."""
    context = browser.new_context()
    context.route(re.compile(r"\.js(\?.*)?$"), lambda route: route.abort())
    yield context.new_page()
    context.close()


def test_axe_finds_nothing_in_any_state_of_the_tool(page: Page, site_url: str, scripts_blocked_page: Page) -> None:
    found: dict[str, list[str]] = {}
    page.goto(tool_url(site_url))
    found["first question"] = axe_violations(page)
    page.get_by_role("button", name="Yes", exact=True).click()
    found["second question with summary"] = axe_violations(page)
    for answer in ["No", "Yes", "Yes"]:
        page.locator(".isg-flow__step:visible").get_by_role("button", name=answer, exact=True).click()
    found["sharing outcome"] = axe_violations(page)
    page.get_by_label("What information was shared").fill("Attendance dates")
    page.get_by_label("No", exact=True).check()
    found["record filled in"] = axe_violations(page)
    page.goto(tool_url(site_url) + "?when-to-share=no")
    found["do not share"] = axe_violations(page)
    page.goto(tool_url(site_url) + "#when-to-share-share-not-identifiable-title")
    found["opened from a link to an outcome"] = axe_violations(page)
    page.goto(tool_url(site_url) + "?when-to-share=yes,not-sure")
    found["seek advice"] = axe_violations(page)
    scripts_blocked_page.goto(tool_url(site_url))
    expect(scripts_blocked_page.locator(".isg-flow__links").first).to_be_visible()
    found["without JavaScript"] = axe_violations(scripts_blocked_page)
    assert {state: v for state, v in found.items() if v} == {}
