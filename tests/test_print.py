"""Printing: one page with the whole guidance in order, and a print style without the site's furniture."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT, Build
from playwright.sync_api import Page
from site_pages import read_site

from macros.loader import load_corpus
from macros.schema import GlossaryTerm


def test_whole_guidance_page_holds_every_item_in_the_print_order(built_site: Build) -> None:
    corpus = load_corpus(ROOT / "content", project_dir=ROOT)
    page = read_site(built_site.site)["whole-guidance/"]
    html = page.path.read_text(encoding="utf-8")
    missing = [item_id for item_id in corpus.items if item_id not in page.ids]
    assert missing == []
    listed = yaml.safe_load((ROOT / "content" / "order.yml").read_text(encoding="utf-8"))["whole_guidance"]
    parts = [item_id for item_id in listed if not isinstance(corpus.items[item_id], GlossaryTerm)]
    positions = [html.index(f'<h2 id="{item_id}"') for item_id in parts]
    assert positions == sorted(positions)
    # No stub part for each glossary term: one table of abbreviations, after the parts.
    terms = [item_id for item_id, item in corpus.items.items() if isinstance(item, GlossaryTerm)]
    assert terms and all(f'<h2 id="{item_id}"' not in html for item_id in terms)
    assert all(html.index(f'<tr id="{item_id}">') > html.index('<h2 id="abbreviations"') for item_id in terms)
    for item_id in ("seven-golden-rules", "caldicott-principles"):
        assert corpus.items[item_id].members[0].name in html


@pytest.mark.browser
def test_print_style_hides_furniture_and_shows_link_addresses(page: Page, site_url: str) -> None:
    page.goto(site_url + "/guidance/signs-of-abuse-and-neglect/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    external = page.locator("article a[href^='https://']").first
    after = external.evaluate("e => getComputedStyle(e, '::after').content")
    assert external.get_attribute("href") in after


@pytest.mark.browser
def test_print_hides_the_decision_tool_controls(page: Page, site_url: str) -> None:
    page.goto(site_url + "/decide/?when-to-share=yes,yes")
    page.emulate_media(media="print")
    assert page.locator(".isg-flow__controls").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".isg-flow__step:visible h2").inner_text().startswith("You can share")


def test_the_printed_edition_names_each_partnership_by_its_name(built_site: Build) -> None:
    from macros.cli import read_config

    html = read_site(built_site.site)["whole-guidance/"].text
    members = read_config(ROOT / "mkdocs.yml")["extra"]["partnership"]["members"]
    names = [member["name"] if isinstance(member, dict) else member for member in members]
    assert names and all(name in html for name in names)
    assert "{'name'" not in html


@pytest.mark.browser
def test_the_hidden_exit_link_does_not_print(page: Page, site_url: str) -> None:
    page.goto(site_url + "/disclosure-schemes/domestic-violence-disclosure-scheme/")
    page.emulate_media(media="print")
    skip = page.locator(".isg-exit-skip")
    assert skip.count() == 1
    assert skip.evaluate("e => getComputedStyle(e).display") == "none"
