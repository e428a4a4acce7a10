"""Every built page is valid HTML, as the W3C Nu HTML Checker (vnu-jar, from npm) judges it.

One run of the checker over the whole built site (it starts Java once); each error is reported
with its page, line and message. Warnings are allowed; errors are not, and none is filtered away.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT, Build

from macros.material_markup import valid_checkboxes

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

KNOWN_FALSE_POSITIVES: dict[str, str] = {}
"""Checker messages that are wrong about valid HTML, each with the reason: none so far. An entry
here must name a checker bug, not markup the site or its theme could change."""


@pytest.mark.node
def test_every_built_page_is_valid_html(built_site: Build) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: run `make browser-tools` (make test does this for you)")
    if not VNU.exists():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `make browser-tools` (make test does this for you)")
    pages = list(built_site.site.rglob("*.html"))
    assert len(pages) > 50, "the built site has fewer pages than the guidance"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(built_site.site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The checker writes its report to stderr, and exits 1 when it found an error.
    report = json.loads(result.stderr or result.stdout)
    errors = [
        message
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error") and message["message"] not in KNOWN_FALSE_POSITIVES
    ]
    shown = [
        f"{message.get('url', '').split(built_site.site.as_posix() + '/', 1)[-1]}, line {message.get('lastLine', '?')}: "
        f"{message['message']}"
        for message in errors
    ]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(shown[:50])


def test_only_checkboxes_lose_autocomplete() -> None:
    """Material's drawer and search toggles lose it (HTML allows it only on inputs that take text);
    the search box, which takes text, keeps it."""
    material = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<input type="text" class="md-search__input" name="query" autocomplete="off" required>'
    )
    assert valid_checkboxes(material) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
        '<input type="text" class="md-search__input" name="query" autocomplete="off" required>'
    )
