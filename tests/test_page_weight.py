"""Every page stays within its budget: at most 75 KB of JavaScript and CSS, gzipped."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from conftest import Build

BUDGET = 75 * 1024


def page_assets(site: Path, page: Path) -> dict[str, int]:
    """The gzipped size of each script and style sheet the page loads from the site."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html) + re.findall(
        r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html
    )
    sizes = {}
    for ref in refs:
        ref_path = ref.split("?")[0]
        # 404.html is served at any address, so it links from the site's root.
        path = (site / ref_path.lstrip("/") if ref_path.startswith("/") else page.parent / ref_path).resolve()
        assert path.is_relative_to(site.resolve()) and path.exists(), f"{page}: {ref} is not a file of the site"
        sizes[ref] = len(gzip.compress(path.read_bytes(), 9))
    return sizes


def test_javascript_and_css_of_every_page_fit_the_budget(built_site: Build) -> None:
    for page in built_site.site.rglob("*.html"):
        if page.name == "worker-frame.html":
            continue
        sizes = page_assets(built_site.site, page)
        assert sum(sizes.values()) <= BUDGET, f"{page}: {sum(sizes.values()) / 1024:.1f} KB gzipped: {sizes}"


def test_the_search_layer_adds_little_to_materials_worker(built_site: Build) -> None:
    workers = built_site.site / "assets" / "javascripts" / "workers"
    material = next(workers.glob("search.*.min.js"))
    layer = workers / "search-layer.js"
    added = len(gzip.compress(layer.read_bytes(), 9)) - len(gzip.compress(material.read_bytes(), 9))
    assert 0 < added <= 6 * 1024, f"the search layer adds {added / 1024:.1f} KB gzipped"
