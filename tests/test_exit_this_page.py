""" "Exit this page" as GOV.UK Frontend's ExitThisPage is documented to behave, with real key
events: typing capitals with Shift never leaves, Shift three times on its own does."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

EXIT_URL = "https://www.bbc.co.uk/weather"
FLAGGED = [
    "/disclosure-schemes/domestic-violence-disclosure-scheme/",
    "/disclosure-schemes/child-sex-offender-disclosure-scheme/",
    "/guidance/signs-of-abuse-and-neglect/",
]


@pytest.fixture
def neutral(page: Page) -> Page:
    """Answer for the exit destination locally: the test sends nothing to the real site."""
    page.route(
        EXIT_URL + "**",
        lambda route: route.fulfill(body="<title>Weather</title><h1>Weather</h1>", content_type="text/html"),
    )
    return page


def type_as_a_person(page: Page, text: str) -> None:
    """Shift held down for each capital, as on a real keyboard."""
    for character in text:
        if character.isupper():
            page.keyboard.down("Shift")
            page.keyboard.press(character)
            page.keyboard.up("Shift")
        else:
            page.keyboard.press(character)


@pytest.mark.parametrize("url", FLAGGED)
def test_typing_capitals_into_search_stays_on_the_site(neutral: Page, site_url: str, url: str) -> None:
    page = neutral
    page.goto(site_url + url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    for query in ("GDPR", "MAPPA", "DVDS"):
        search.fill("")
        type_as_a_person(page, query)
        expect(search).to_have_value(query)
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url)
    assert page.locator(".isg-exit__status").inner_text() in ("", "Exit this page expired.")


def test_shift_three_times_on_its_own_leaves_without_a_history_entry(neutral: Page, site_url: str) -> None:
    page = neutral
    page.goto(site_url + "/")
    page.goto(site_url + FLAGGED[0])
    page.keyboard.down("Shift")
    page.keyboard.up("Shift")
    expect(page.locator(".isg-exit__status")).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.down("Shift")
    page.keyboard.up("Shift")
    expect(page.locator(".isg-exit__status")).to_have_text("Shift, press 1 more time to exit.")
    page.keyboard.down("Shift")
    page.keyboard.up("Shift")
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    expect(page).to_have_url(site_url + "/")


def test_any_other_key_resets_the_count(neutral: Page, site_url: str) -> None:
    page = neutral
    page.goto(site_url + FLAGGED[2])
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    expect(page.locator(".isg-exit__status")).to_have_text("Exit this page expired.")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url)
    expect(page.locator(".isg-exit__status")).to_have_text("Shift, press 2 more times to exit.")


def test_holding_shift_down_counts_only_when_released(neutral: Page, site_url: str) -> None:
    page = neutral
    page.goto(site_url + FLAGGED[1])
    page.keyboard.down("Shift")
    for _ in range(3):  # auto-repeat while held
        page.keyboard.down("Shift")
    page.wait_for_timeout(100)
    expect(page.locator(".isg-exit__status")).to_have_text("")
    page.keyboard.up("Shift")
    expect(page.locator(".isg-exit__status")).to_have_text("Shift, press 2 more times to exit.")


def test_on_a_phone_no_shift_hint_and_the_bar_covers_little(browser: Browser, site_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site_url + FLAGGED[0])
    expect(page.locator(".isg-exit__button")).to_be_visible()
    expect(page.locator(".isg-exit__hint")).to_be_hidden()
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    bar = page.locator(".isg-exit").bounding_box()
    assert bar["y"] < 740 and bar["height"] / 740 < 0.10, bar  # stays in reach, covers under a tenth
    context.close()


def test_on_a_computer_the_shift_hint_is_shown(page: Page, site_url: str) -> None:
    page.goto(site_url + FLAGGED[0])
    expect(page.locator(".isg-exit__hint")).to_be_visible()


def test_window_listeners_do_not_pile_up_when_material_emits_a_new_document(page: Page, site_url: str) -> None:
    page.add_init_script(
        """
        window.__listeners = 0;
        for (const target of [window, document]) {
          const add = target.addEventListener;
          target.addEventListener = function (...args) { window.__listeners += 1; return add.apply(this, args); };
        }
        """
    )
    page.goto(site_url + "/decide/")
    page.wait_for_load_state("load")
    before = page.evaluate("window.__listeners")
    for _ in range(3):
        page.evaluate("window.document$.next(document)")
    assert page.evaluate("window.__listeners") == before
