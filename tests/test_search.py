"""Search finds what practitioners type: a benchmark through the real search box, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from conftest import ROOT
from search_box import Ranking, search
from search_expectations import expectations

pytestmark = pytest.mark.browser

# Queries whose page was a local item since removed are left out and named (search_expectations.py).
EXPECTED = expectations(ROOT)
QUERIES = EXPECTED.runnable
TARGET = 0.95


def test_queries_are_enough_and_point_at_real_pages(built_site) -> None:
    assert len(QUERIES) >= 40
    assert EXPECTED.missing == [], "\n".join(EXPECTED.missing)
    for row in QUERIES:
        assert (built_site.site / row["expect"] / "index.html").exists(), row


def test_search_benchmark_top_3(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    rankings = [Ranking(row["query"], row["expect"], search(page, row["query"])) for row in QUERIES]
    hits = sum(r.hit for r in rankings)
    score = hits / len(rankings)
    print(f"\nsearch benchmark: {hits}/{len(rankings)} queries have the right page in the top 3 ({score:.1%})")
    for line in EXPECTED.skipped:
        print(f"  {line}")
    for r in rankings:
        if not r.hit:
            print(f"  MISS {r.query!r}: wanted {r.expect}, got {r.top[:3]}")
    assert score >= TARGET, f"search benchmark {score:.1%} is below {TARGET:.0%}"


def test_nothing_typed_into_search_leaves_the_browser(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, "Sarah's Law")
    assert [url for url in requests if "Sarah" in url or not url.startswith(site_url)] == []
