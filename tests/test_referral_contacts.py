"""A route to act: each partnership's children's social care contacts, from the configuration only.

The real configuration holds no numbers until the partnerships confirm them, so the tests that
show contacts use Ofcom's numbers reserved for drama (01632 960000 to 960999), which reach no one.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from conftest import ROOT, Build
from playwright.sync_api import Browser, expect

from macros.cli import read_config
from macros.contacts import read_contacts
from macros.flow import load_flows
from macros.loader import load_corpus
from macros.render import FlowRenderer, Renderer

DRAMA = {"daytime": "01632 960001", "out_of_hours": "01632 960002"}


def extra(*members: dict) -> dict:
    return {"partnership": {"procedures_url": "https://www.proceduresonline.com/pancheshire", "members": list(members)}}


def render_tool(contacts_extra: dict) -> str:
    corpus = load_corpus(ROOT / "content", project_dir=ROOT)
    flows = load_flows(ROOT / "content" / "flows", corpus.items, project_dir=ROOT)
    renderer = Renderer(corpus, today=dt.date(2026, 11, 27))
    tool = FlowRenderer(
        renderer, {flow_id: loaded.flow for flow_id, loaded in flows.items()}, read_contacts(contacts_extra)
    )
    return tool.render("when-to-share", from_doc="decide.md")


def test_the_real_configuration_invents_no_number() -> None:
    config = read_config(ROOT / "mkdocs.yml")
    contacts = read_contacts(config["extra"])
    assert [area.area for area in contacts.areas] == [
        "Cheshire East",
        "Cheshire West and Chester",
        "Halton",
        "Warrington",
    ]
    assert all(
        area.daytime is None and area.out_of_hours is None and area.referral_url is None for area in contacts.areas
    )


def test_while_unset_the_build_says_so_and_the_tool_points_to_the_procedures(built_site: Build) -> None:
    assert (
        "Children's social care contacts are not set for: Cheshire East (daytime number, out of hours number, referral link)"
        in built_site.output
    )
    html = (built_site.site / "decide" / "index.html").read_text(encoding="utf-8")
    urgent = html[html.index('class="isg-flow__urgent"') :]
    assert "https://www.proceduresonline.com/pancheshire" in urgent[: urgent.index("</div>\n</div>")]
    assert "Choose your area" not in html
    home = (built_site.site / "index.html").read_text(encoding="utf-8")
    danger = home[home.index('class="admonition danger"') :]
    assert "https://www.proceduresonline.com/pancheshire" in danger[: danger.index("<h2")]
    # Every outcome points there too.
    assert html.count('class="isg-flow__act"') == 6
    assert html.count("find your area's contacts in the") == 7


def test_when_set_the_urgent_box_and_every_outcome_offer_choose_your_area() -> None:
    html = render_tool(
        extra(
            {
                "name": "Riverside Partnership",
                "area": "Riverside",
                **DRAMA,
                "referral_url": "https://example.org/refer",
            },
            {"name": "Hill Partnership", "area": "Hill"},  # not confirmed yet: not offered
        )
    )
    assert html.count("Choose your area") == 7  # the urgent box and six outcomes
    assert 'href="tel:01632960001"' in html and 'href="tel:01632960002"' in html
    assert 'href="https://example.org/refer"' in html
    assert "Hill" not in html.split("Choose your area")[1].split("</details>")[0].split("Other areas")[0]
    assert "Other areas: find the contacts in the" in html


def test_every_contact_field_is_escaped_and_only_web_addresses_are_links() -> None:
    html = render_tool(
        extra(
            {
                "name": "<script>alert(1)</script>",
                "area": "A & B <b>",
                **DRAMA,
                "referral_url": "javascript:alert(1)",
            }
        )
    )
    assert "<script>alert(1)" not in html and "javascript:" not in html
    assert "Choose your area" not in html  # a referral link that is not a web address counts as unset


@pytest.mark.browser
def test_choose_your_area_works_without_javascript(browser: Browser) -> None:
    html = render_tool(
        extra(
            {"name": "Riverside Partnership", "area": "Riverside", **DRAMA, "referral_url": "https://example.org/refer"}
        )
    )
    urgent = re.search(r'<div class="isg-contacts">.*?</details>\s*</div>', html, re.S).group(0)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_content(f"<!doctype html><html lang=en><title>t</title><main>{urgent}</main></html>")
    expect(page.get_by_role("link", name="01632 960001")).to_be_hidden()
    page.get_by_text("Choose your area").click()
    expect(page.get_by_role("link", name="01632 960001")).to_be_visible()
    expect(page.get_by_role("link", name="Make a referral to Riverside children's social care")).to_be_visible()
    context.close()


def test_the_tool_page_stays_within_the_script_and_style_budget(built_site: Build) -> None:
    """75 KB compressed for every script and style sheet the tool page loads."""
    page = built_site.site / "decide" / "index.html"
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    total = 0
    for asset in assets:
        path = (page.parent / asset.split("?")[0]).resolve()
        assert Path(path).is_file(), asset
        total += len(gzip.compress(path.read_bytes()))
    assert total <= 75 * 1024, f"{total / 1024:.1f} KB compressed"
