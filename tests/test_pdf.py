"""The print and PDF edition of the whole guidance: title page, version stamp, flowchart, tags and bookmarks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Build
from playwright.sync_api import Page

sys.path.insert(0, str(ROOT / "tools" / "pdf"))
from make_pdf import print_pdf  # noqa: E402


def build_commit(built_site: Build) -> str:
    return json.loads((built_site.site / "audit.json").read_text())["build"]["commit"]


@pytest.mark.browser
def test_print_shows_the_title_page_flowchart_and_version_stamp(page: Page, site_url: str, built_site: Build) -> None:
    page.goto(site_url + "/whole-guidance/")
    page.emulate_media(media="print")
    stamp = page.locator(".isg-edition")
    assert stamp.is_visible()
    text = stamp.inner_text()
    assert "Information Sharing Guidance" in text and f"Built from commit: {build_commit(built_site)}" in text
    assert "check the website for the current version" in text
    assert stamp.evaluate("e => getComputedStyle(e).breakAfter") == "page"
    # The flowchart is drawn in print, at a real size, and followed by its text version.
    chart = page.locator(".isg-print-figure svg")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["height"] > 200 and box["width"] > 300
    assert page.locator("#when-to-share-text").is_visible()
    # Screen-only text is not printed; currency notes are.
    for element in page.locator(".isg-screen-only").all():
        assert element.evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".isg-updates").first.is_visible()
    assert page.locator("#contents + ol a").count() > 30


@pytest.mark.browser
def test_pdf_is_tagged_titled_in_english_with_bookmarks_and_the_version_stamp(
    page: Page, site_url: str, built_site: Build, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    output = print_pdf(page, site_url + "/whole-guidance/", tmp_path / "guidance.pdf")
    reader = pypdf.PdfReader(str(output))
    assert "Information Sharing Guidance" in (reader.metadata.title or "")
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "en"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root

    def titles(outline: list) -> list[str]:
        found: list[str] = []
        for entry in outline:
            found += titles(entry) if isinstance(entry, list) else [entry.title]
        return found

    bookmarks = titles(reader.outline)
    assert {"Contents", "Abbreviations", "The seven golden rules to sharing information"} <= set(bookmarks)
    assert len(bookmarks) > 40
    first = reader.pages[0].extract_text()
    assert f"Built from commit: {build_commit(built_site)}" in first
    assert "check the website for the current version" in first
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Text version of the flowchart" in text and "Since this guidance was published" in text
    assert "Every part of the guidance on one page" not in text  # screen-only text
