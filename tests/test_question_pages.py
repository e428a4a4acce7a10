"""The decision tool as GOV.UK question pages, in Chromium: one question per step, its own title,
focus on its heading, Back at the top, answers below, links into the tool land on a step,
a diagram that fits a phone, and a 404 page that helps."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
import yaml
from axe import axe_violations
from conftest import ROOT, Build
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PATHS = yaml.safe_load((ROOT / "tests" / "expected" / "when-to-share.paths.yml").read_text(encoding="utf-8"))
ANSWER = {"yes": "Yes", "no": "No", "not-sure": "Not sure"}
SITE_TITLE = "Can I share this information? - Information Sharing Guidance"


def step(page: Page):
    return page.locator(".isg-flow__step:visible")


def focused_text(page: Page) -> str:
    return page.evaluate("document.activeElement.textContent").replace("¶", "").strip()


def test_each_step_has_its_own_title_and_is_one_question_in_a_fieldset(page: Page, site_url: str) -> None:
    longest = max(PATHS, key=lambda p: len(p["answers"]))
    page.goto(site_url + "/decide/")
    titles = []
    for number, (question, answer) in enumerate(zip(longest["questions"], longest["answers"], strict=True), 1):
        assert page.title() == f"Question {number} of 4: {question} – {SITE_TITLE}"
        titles.append(page.title())
        # The question is the legend of the group holding its answers.
        group = page.get_by_role("group", name=re.compile(re.escape(question)))
        expect(group).to_be_visible()
        expect(group.get_by_role("button", name=ANSWER[answer], exact=True)).to_be_visible()
        expect(step(page)).to_have_count(1)
        group.get_by_role("button", name=ANSWER[answer], exact=True).click()
    assert page.title() == f"Outcome: {longest['title']} – {SITE_TITLE}"
    titles.append(page.title())
    assert len(set(titles)) == len(titles)


def test_question_and_first_answer_stay_on_a_1280_by_800_screen(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    longest = max(PATHS, key=lambda p: len(p["answers"]))
    page.goto(site_url + "/decide/")
    for _question, answer in zip(longest["questions"], longest["answers"], strict=True):
        expect(step(page).locator("h2")).to_be_in_viewport(ratio=1)
        expect(step(page).get_by_role("button", name="Yes", exact=True)).to_be_in_viewport(ratio=1)
        step(page).get_by_role("button", name=ANSWER[answer], exact=True).click()
    # The outcome's heading starts the screen; the answers are below it, not above.
    expect(step(page).locator("h2")).to_be_in_viewport(ratio=1)
    summary_top = page.locator(".isg-flow__summary").bounding_box()["y"]
    assert summary_top > step(page).locator("h2").bounding_box()["y"]
    expect(page.get_by_role("link", name="Back", exact=True)).to_be_in_viewport()
    page.screenshot(path=str(ROOT / "reports" / "question-page-outcome.png"))
    context.close()


@pytest.mark.parametrize("path", PATHS, ids=lambda p: "-".join(p["answers"]))
def test_keyboard_only_through_every_path_with_focus_on_each_new_heading(page: Page, site_url: str, path: dict) -> None:
    page.goto(site_url + "/decide/")
    page.locator(".isg-flow__step:visible h2").focus()
    for question, answer in zip(path["questions"], path["answers"], strict=True):
        assert focused_text(page) == question
        for _ in range(12):  # from the heading, past the "why" links, to the answer
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.answer") == answer:
                break
        else:
            pytest.fail(f"Tab from '{question}' never reached {answer}")
        page.keyboard.press("Enter")
    assert focused_text(page) == path["title"]
    assert page.evaluate("document.activeElement.tagName") == "H2"


def test_back_link_at_the_top_moves_focus_to_the_heading_with_no_stray_mark(page: Page, site_url: str) -> None:
    page.goto(site_url + "/decide/")
    expect(page.get_by_role("link", name="Back", exact=True)).to_be_hidden()
    step(page).get_by_role("button", name="Yes", exact=True).click()
    step(page).get_by_role("button", name="No", exact=True).click()
    back = page.get_by_role("link", name="Back", exact=True)
    # The Back link comes before the question, at the top.
    assert back.bounding_box()["y"] < step(page).locator("h2").bounding_box()["y"]
    back.click()  # with the mouse
    expect(step(page).locator("h2")).to_be_focused()
    assert focused_text(page) == "Do you have consent to share?"
    # The permalink "¶" the heading carries is not drawn inside its focus ring.
    expect(step(page).locator("h2 .headerlink")).to_be_hidden()
    assert "¶" not in step(page).locator("h2").inner_text()
    step(page).locator("h2").screenshot(path=str(ROOT / "reports" / "question-heading-focus.png"))


@pytest.mark.parametrize(
    ("anchor", "title", "answers"),
    [
        ("when-to-share-no-lawful-reason-title", "Do not share", "yes,no,yes,no"),
        ("when-to-share-share-with-consent-how", "You can share, but should consider how", "yes,yes"),
        ("when-to-share-identifiable", "Does the information enable an individual to be identified?", "yes,no"),
        ("when-to-share-seek-advice-record", "Seek advice before you decide", "not-sure"),
    ],
)
def test_a_link_to_a_step_opens_the_tool_at_that_step(
    page: Page, site_url: str, anchor: str, title: str, answers: str
) -> None:
    page.goto(f"{site_url}/decide/#{anchor}")
    expect(step(page).locator("h2")).to_have_text(re.compile(re.escape(title)))
    expect(step(page).locator("h2")).to_be_focused()
    expect(page.locator(".isg-flow__answers dt")).to_have_count(len(answers.split(",")))
    assert urlsplit(page.url).query == "when-to-share=" + answers.replace(",", "%2C")


def test_every_search_result_in_the_tool_lands_on_something_visible(
    page: Page, site_url: str, built_site: Build
) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"] if doc["location"].startswith("decide/#")]
    assert locations, "the tool's steps should be findable"
    hidden = []
    for location in locations:
        page.goto(f"{site_url}/{location}")
        target = page.locator(f"[id='{location.split('#', 1)[1]}']")
        if not target.is_visible() and not target.locator("xpath=ancestor::section[@data-node]").is_visible():
            hidden.append(location)
    assert hidden == []


def test_the_tools_table_of_contents_is_hidden_on_a_phone_and_a_desktop(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(site_url + "/decide/")
    phone.locator("label.md-header__button[for='__drawer']").click()
    expect(phone.locator(".md-nav--primary").get_by_role("link", name="Home")).to_be_visible()
    expect(phone.locator(".md-nav--primary").get_by_text("Record your decision").filter(visible=True)).to_have_count(0)
    expect(phone.locator(".md-nav--primary .md-nav--secondary")).to_be_hidden()
    context.close()
    desktop = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    desktop.goto(site_url + "/decide/")
    expect(desktop.locator(".md-sidebar--secondary")).to_be_hidden()
    desktop.context.close()


def test_the_diagram_fits_a_360px_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site_url + "/decide/")
    diagram = page.locator("svg.isg-flow-diagram:visible")
    expect(diagram).to_have_count(1)
    boxes = diagram.locator("text").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.right]; })"
    )
    off_screen = [text for text, left, right in boxes if left < 0 or right > 360]
    assert off_screen == []
    words = " ".join(text for text, _, _ in boxes)
    for path in PATHS:
        assert all(word in words for word in path["title"].split()[:2])
    diagram.scroll_into_view_if_needed()
    page.screenshot(path=str(ROOT / "reports" / "diagram-360px.png"), full_page=False)
    # The text version stays the accessible alternative the drawing points to.
    assert diagram.get_attribute("aria-describedby") == "when-to-share-text"
    expect(page.locator("#when-to-share-text")).to_contain_text('Answering "Not sure" at any question')
    context.close()


def test_the_printed_tool_page_shows_the_diagram_and_hides_the_controls(page: Page, site_url: str) -> None:
    page.goto(site_url + "/decide/?when-to-share=yes,no")
    buttons = step(page).locator(".isg-flow__buttons")
    page.emulate_media(media="print")
    expect(page.locator("svg.isg-flow-diagram--wide")).to_be_visible()
    box = page.locator("svg.isg-flow-diagram--wide").bounding_box()
    assert box["width"] <= page.locator("article").bounding_box()["width"] + 1
    assert buttons.evaluate("e => getComputedStyle(e).display") == "none"
    for control in (".isg-flow__back-link", ".isg-flow__answer-action", ".isg-flow__controls"):
        assert page.locator(control).first.evaluate("e => getComputedStyle(e).display") == "none", control
    expect(page.locator(".isg-flow__answers")).to_contain_text("Do you have consent to share?")


def test_the_404_page_offers_ways_on(page: Page, site_url: str) -> None:
    page.goto(site_url + "/404.html")
    # The browser tab and history name the page, not only the site.
    expect(page).to_have_title("Page not found - Information Sharing Guidance")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    article = page.locator("article")
    expect(article.get_by_role("link", name="Can I share?")).to_have_attribute("href", "/decide/")
    expect(article.get_by_role("link", name="Home")).to_be_visible()
    expect(article).to_contain_text("search")
    assert axe_violations(page) == []


@pytest.mark.parametrize("answers", ["", "yes,no", "yes,no,yes,yes", "yes,no,yes,no", "not-sure"])
def test_every_step_and_its_record_fit_a_360px_phone(browser: Browser, site_url: str, answers: str) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site_url + "/decide/" + (f"?when-to-share={answers}" if answers else ""))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(step(page).locator("h2")).to_be_visible()
    assert axe_violations(page) == []
    if answers == "yes,no,yes,yes":
        page.screenshot(path=str(ROOT / "reports" / "outcome-360px.png"), full_page=True)
    context.close()


def test_a_link_to_an_outcome_opens_the_tool_at_it(page: Page, site_url: str) -> None:
    # Search shows the tool as one result (its outcomes are not separate results: tests/test_search.py);
    # a link or bookmark to an outcome must still open the tool at that outcome.
    page.goto(site_url + "/")
    page.evaluate(
        "url => { const a = document.createElement('a'); a.href = url; a.id = 'to-outcome'; a.textContent = 'x'; document.body.prepend(a); }",
        site_url + "/decide/#when-to-share-seek-advice",
    )
    page.locator("#to-outcome").click()
    page.wait_for_url(re.compile(r"/decide/"))
    expect(page.locator(".isg-flow--js")).to_be_attached()
    expect(step(page).locator("h2")).to_have_text(re.compile("^Seek advice before you decide"))
    expect(step(page).locator("h2")).to_be_focused()
    expect(step(page).locator("h2")).to_be_in_viewport()
