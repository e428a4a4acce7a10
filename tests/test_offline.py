"""The offline copy works opened straight from disk: menus and links, search, the decision tool."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, Build
from playwright.sync_api import Page, expect
from search_box import search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    site = tmp_path_factory.mktemp("offline") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(site=site, returncode=0, output=result.stdout + result.stderr)


def watch(page: Page) -> tuple[list[str], list[str]]:
    """Requests that are not files, and anything the page's policy blocked."""
    elsewhere: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return elsewhere, problems


def test_offline_copy_loads_nothing_from_a_network(offline_site: Build) -> None:
    for path in offline_site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "https://cdn" not in html, path
    assert (offline_site.site / "search" / "search_index.js").exists()


def test_menus_and_links_work_from_disk(page: Page, offline_site: Build) -> None:
    elsewhere, problems = watch(page)
    page.goto((offline_site.site / "index.html").as_uri())
    page.locator("article").get_by_role("link", name="seven golden rules", exact=False).first.click()
    expect(page).to_have_url((offline_site.site / "principles" / "seven-golden-rules.html").as_uri())
    expect(page.locator("#rule-7")).to_contain_text("Keep a record")
    assert elsewhere == [] and problems == []


def test_search_works_from_disk_under_the_content_security_policy(page: Page, offline_site: Build) -> None:
    elsewhere, problems = watch(page)
    page.goto((offline_site.site / "index.html").as_uri())
    results = search(page, "Sarah's Law", site_path=offline_site.site.as_posix() + "/")
    assert results[0] == "disclosure-schemes/child-sex-offender-disclosure-scheme.html"
    # The search layer runs from disk too: everyday words, misspellings, the fallback.
    root = offline_site.site.as_posix() + "/"
    assert search(page, "can I tell the police", site_path=root)[0] == "legislation/crime-and-disorder-act-1998.html"
    assert "principles/caldicott-principles.html" in search(page, "caldecott", site_path=root)[:3]
    assert search(page, "xqzvbn", site_path=root) == ["decide.html", "principles/seven-golden-rules.html"]
    expect(page.locator(".md-search-result__item").first).to_contain_text("Answer up to four questions")
    assert elsewhere == [] and problems == []


def test_decision_tool_works_from_disk(page: Page, offline_site: Build) -> None:
    elsewhere, problems = watch(page)
    page.goto((offline_site.site / "decide.html").as_uri())
    for answer in ["Yes", "No", "No"]:
        page.locator(".isg-flow__step:visible").get_by_role("button", name=answer, exact=True).click()
    expect(page.locator(".isg-flow__step:visible h2")).to_contain_text("You can share, but should consider how")
    page.go_back()
    expect(page.locator(".isg-flow__step:visible h2")).to_contain_text("Does the information enable")
    assert elsewhere == [] and problems == []
