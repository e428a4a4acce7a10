"""The decision record in Chromium: what prints, copies and downloads is the same current text;
the date is the reader's own; the fields fit the outcome; nothing typed is lost unasked."""

from __future__ import annotations

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SHARE = "/decide/?when-to-share=yes,no,yes,yes"
DO_NOT_SHARE = "/decide/?when-to-share=yes,no,yes,no"

COMMON = {
    "Who made the decision": "Sam Example",
    "Their role": "Health visitor",
    "Their organisation": "Example NHS Trust",
    "Case reference (optional)": "REF-4471",
    "What information was asked for, and by whom": "School DSL asked about Child A's attendance",
    "Who was consulted or gave advice": "Team manager, Jo Sample",
    "If they have not been told, why not": "Telling the parent could put Child A at risk",
}
SHARE_FIELDS = {
    "What information was shared": "Dates of missed appointments",
    "Who it was shared with": "The school's designated safeguarding lead",
    "How it was shared": "Secure email on the same day",
    "The lawful basis for sharing": "Safeguarding a child: UK GDPR article 6(1)(e)",
}


def record(page: Page) -> str:
    return page.locator(".isg-flow__record-text").inner_text()


def fill(page: Page, fields: dict[str, str]) -> None:
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)


def test_printing_the_record_shows_every_typed_value_and_nothing_else_of_the_tool(page: Page, site_url: str) -> None:
    page.goto(site_url + SHARE)
    fill(page, {**COMMON, **SHARE_FIELDS})
    page.get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Print the record").click()
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()  # what is rendered: display:none is left out
    missing = [value for value in [*COMMON.values(), *SHARE_FIELDS.values()] if value not in printed]
    assert missing == []
    assert "Has the person the information is about been told? No" in printed
    assert "Outcome from the guidance: You can share, but should consider how" in printed
    # Nothing else of the tool or the page: no question, buttons, form, answers list or diagram.
    for gone in (
        ".isg-flow__step",
        ".isg-flow__summary",
        ".isg-flow__urgent",
        ".isg-flow-overview",
        "h1",
        ".isg-flow__field",
    ):
        assert page.locator(gone).first.evaluate("e => getComputedStyle(e).display") == "none", gone
    assert "Copy the record" not in printed and "Check your answers" not in printed
    page.screenshot(path=str(ROOT / "reports" / "printed-record.png"), full_page=True)


def test_copy_after_an_edit_gives_the_edited_text(browser: Browser, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + SHARE)
    fill(page, SHARE_FIELDS)
    page.get_by_role("button", name="Copy the record").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    assert "Secure email on the same day" in page.evaluate("navigator.clipboard.readText()")
    page.get_by_label("How it was shared", exact=True).fill("By phone, then secure email")
    page.get_by_role("button", name="Copy the record").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "How it was shared: By phone, then secure email" in copied
    assert "Secure email on the same day" not in copied
    assert copied == record(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the record").click()
    assert download.value.path().read_text(encoding="utf-8").strip() == copied.strip()
    context.close()


def test_the_date_and_time_are_the_readers_own_not_utc(browser: Browser, site_url: str) -> None:
    # 11:30 UTC on 27 November is 01:30 on 28 November on Kiritimati (UTC+14).
    context = browser.new_context(timezone_id="Pacific/Kiritimati")
    page = context.new_page()
    page.clock.set_fixed_time("2026-11-27T11:30:00Z")
    page.goto(site_url + DO_NOT_SHARE)
    expect(page.get_by_label("Date of the decision")).to_have_value("2026-11-28")
    expect(page.get_by_label("Time of the decision")).to_have_value("01:30")
    assert "Date and time of the decision: 28 November 2026 at 01:30" in record(page)
    context.close()


def test_the_fields_fit_the_outcome(page: Page, site_url: str) -> None:
    page.goto(site_url + DO_NOT_SHARE)
    expect(page.get_by_label("Why the information was not shared")).to_be_visible()
    expect(page.get_by_label("What information was shared", exact=True)).to_be_hidden()
    expect(page.get_by_label("The lawful basis for sharing")).to_be_hidden()
    for label in COMMON:
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    assert "Why the information was not shared: (not given)" in record(page)
    assert "What information was shared" not in record(page)
    assert "Decision:" not in record(page)  # no field that only repeats the outcome

    page.goto(site_url + SHARE)
    for label in SHARE_FIELDS:
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    expect(page.get_by_label("Why the information was not shared")).to_be_hidden()
    assert "Why the information was not shared" not in record(page)


def test_start_again_asks_before_throwing_away_what_was_typed(page: Page, site_url: str) -> None:
    page.goto(site_url + DO_NOT_SHARE)
    page.get_by_label("Why the information was not shared").fill("No lawful basis")
    messages: list[str] = []

    def answer(dialog, accept: bool) -> None:
        messages.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Start again").click()
    assert messages and "deleted" in messages[0]
    expect(page.get_by_label("Why the information was not shared")).to_have_value("No lawful basis")
    expect(page.locator(".isg-flow__step:visible h2")).to_contain_text("Do not share")

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".isg-flow__step:visible h2")).to_contain_text("Is there a clear and legitimate purpose")
    assert page.get_by_label("Why the information was not shared").input_value() == ""


def test_typed_text_survives_changing_an_answer_and_never_reaches_the_address(page: Page, site_url: str) -> None:
    page.goto(site_url + DO_NOT_SHARE)
    page.get_by_label("Why the information was not shared").fill("No lawful basis")
    page.get_by_role("link", name="Change your answer to: Have you identified a lawful reason").click()
    page.locator(".isg-flow__step:visible").get_by_role("button", name="No", exact=True).click()
    expect(page.get_by_label("Why the information was not shared")).to_have_value("No lawful basis")
    assert "lawful" not in page.url.lower()
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_leaving_the_page_with_a_record_typed_asks_first(page: Page, site_url: str) -> None:
    page.goto(site_url + DO_NOT_SHARE)
    page.get_by_label("Why the information was not shared").fill("No lawful basis")
    kinds: list[str] = []
    page.once("dialog", lambda dialog: (kinds.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_timeout(300)
    assert kinds == ["beforeunload"]
    expect(page.get_by_label("Why the information was not shared")).to_have_value("No lawful basis")
