"""A practitioner opens the home page in Chromium and follows a link to guidance."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_home_page_leads_to_the_golden_rules(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    expect(page.locator("h1")).to_contain_text("Information Sharing Guidance")

    page.locator("article").get_by_role("link", name="seven golden rules", exact=False).first.click()

    expect(page).to_have_url(re.compile(r"/principles/seven-golden-rules/$"))
    expect(page.locator("h1")).to_contain_text("seven golden rules")
    expect(page.locator("#rule-7")).to_contain_text("Keep a record")
