"""Search finds what practitioners type: a benchmark through the real search box, in Chromium."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Page

from conftest import ROOT
from search_box import Ranking, search

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
CLASSES = ("name", "question", "typo")
TARGET = 0.95


def expected(row: dict) -> list[str]:
    return row["expect"] if isinstance(row["expect"], list) else [row["expect"]]


def test_queries_are_enough_and_point_at_real_pages(built_site) -> None:
    assert len(QUERIES) >= 150
    for row in QUERIES:
        assert row["class"] in CLASSES, row
        for page in expected(row):
            assert (built_site.site / page / "index.html").exists(), row
    for name in CLASSES:
        assert sum(row["class"] == name for row in QUERIES) >= 40, name
    queries = [row["query"].casefold() for row in QUERIES]
    assert len(queries) == len(set(queries)), "a query is listed twice"


def test_search_benchmark_top_3(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    rankings = [(row["class"], Ranking(row["query"], expected(row), search(page, row["query"]))) for row in QUERIES]
    scores = {}
    print()
    for name in CLASSES:
        ranked = [r for kind, r in rankings if kind == name]
        hits = sum(r.hit for r in ranked)
        scores[name] = hits / len(ranked)
        print(f"search benchmark, {name}: {hits}/{len(ranked)} queries have a right page in the top 3 ({scores[name]:.1%})")
    for kind, r in rankings:
        if not r.hit:
            print(f"  MISS [{kind}] {r.query!r}: wanted {' or '.join(r.expect)}, got {r.top[:3]}")
    below = {name: f"{score:.1%}" for name, score in scores.items() if score < TARGET}
    assert not below, f"search benchmark below {TARGET:.0%} top-3: {below}"


def test_nothing_typed_into_search_leaves_the_browser(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, "Sarah's Law")
    assert [url for url in requests if "Sarah" in url or not url.startswith(site_url)] == []
