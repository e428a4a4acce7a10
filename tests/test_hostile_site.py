"""What is allowed is published as text everywhere: a tricky site built and parsed page by page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import Project

# --- What is allowed is published as text everywhere ----------------------------------------------

TRICKY_TITLE = 'Health & "Social" Care > Act\'s'
TRICKY_SUBJECT = 'Add the "tricky" <script>alert(1)</script> Act & co'
TRICKY_SUMMARY = 'It says "share" & means it; 0;url=https://example.org" http-equiv="refresh'


class _Elements(HTMLParser):
    """Every element and attribute of a document, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def executable(tag: str, attrs: dict[str, str]) -> list[str]:
    """What in one element could run code, load something or move the reader elsewhere."""
    found = [f"{tag} {name}" for name in attrs if name.startswith("on")]
    for name in ("href", "src", "action", "formaction", "xlink:href"):
        value = re.sub(r"[\x00-\x20]", "", attrs.get(name, "")).lower()
        if value.startswith(("javascript:", "vbscript:", "data:text")):
            found.append(f"{tag} {name}={value}")
    if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
        found.append("meta refresh")
    if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
        found.append("inline script")  # Material's settings travel in a JSON script, which does not run
    if tag in ("iframe", "object", "embed", "base"):
        found.append(tag)
    return found


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("tricky") / "project")
    project.item(
        "legislation",
        "tricky-act",
        "legislation",
        title=TRICKY_TITLE,
        short_title='Tricky "Act" & co',
        summary=TRICKY_SUMMARY,
        aliases=['The "tricky" Act & Co', "A > B"],
        keywords=["x & y"],
        body="Code is text: `<img src=x onerror=alert(1)>` and `&lt;b&gt;`.\n\nSee {{ ref('other-act') }}.\n",
    )
    project.item("legislation", "other-act", "legislation", body="See {{ ref('tricky-act') }}.\n")
    # A commit too: its subject reaches the audit manifest; its note "What has changed" and the feed.
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ed <b>Itor</b>", "GIT_AUTHOR_EMAIL": "e@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Ed", "GIT_COMMITTER_EMAIL": "e@example.org"}
    for command in (
        ["init", "-q"],
        ["add", "content", "docs"],
        ["commit", "-q", "-m", TRICKY_SUBJECT, "-m", f"Amendment: {TRICKY_SUBJECT}"],
    ):
        subprocess.run(["git", "-C", str(project.root), *command], check=True, capture_output=True, env=env)
    build = project.build()
    assert build.returncode == 0, build.output
    return build.site


def test_tricky_text_is_published_as_the_same_text_in_head_and_page(tricky_site: Path) -> None:
    page = elements((tricky_site / "legislation" / "tricky-act" / "index.html").read_text(encoding="utf-8"))
    descriptions = [
        attrs.get("content") for tag, attrs in page.elements if tag == "meta" and attrs.get("name") == "description"
    ]
    assert descriptions == [TRICKY_SUMMARY]
    assert page.title.startswith(TRICKY_TITLE)
    assert not [
        tag
        for tag, attrs in page.elements
        if tag == "meta" and "http-equiv" in attrs and attrs["http-equiv"] != "Content-Security-Policy"
    ]


def test_no_published_page_carries_anything_executable(tricky_site: Path) -> None:
    found = {}
    for path in tricky_site.rglob("*.html"):
        problems = [
            p for tag, attrs in elements(path.read_text(encoding="utf-8")).elements for p in executable(tag, attrs)
        ]
        if problems:
            found[path.relative_to(tricky_site).as_posix()] = problems
    assert found == {}


def test_the_search_index_holds_text_material_cannot_render_as_markup(tricky_site: Path) -> None:
    index = json.loads((tricky_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for value in [doc.get("title", ""), doc.get("text", ""), *doc.get("tags", [])]:
            # Material shows these with innerHTML: only its own highlighting and code markup may appear.
            tags = {tag for tag, attrs in elements(value).elements}
            assert tags <= {
                "code",
                "pre",
                "p",
                "li",
                "ul",
                "ol",
                "strong",
                "em",
                "table",
                "tr",
                "td",
                "th",
                "thead",
                "tbody",
                "a",
                "abbr",
                "dl",
                "dt",
                "dd",
                "blockquote",
            }, (doc["location"], value)
            assert not [p for tag, attrs in elements(value).elements for p in executable(tag, attrs)]
    tricky = next(doc for doc in index["docs"] if doc["location"] == "legislation/tricky-act/")
    assert 'The "tricky" Act &amp; Co' in tricky["tags"] or 'The "tricky" Act & Co' in tricky["tags"]


def test_the_feed_and_audit_manifest_parse_and_keep_the_text(tricky_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.parse(tricky_site / "feed.xml").getroot().findall(f"{atom}entry")
    summaries = [entry.find(f"{atom}summary") for entry in entries]
    assert summaries and all(summary is not None and len(summary) == 0 for summary in summaries)  # text, no elements
    assert TRICKY_SUBJECT in [summary.text for summary in summaries if summary is not None]
    manifest = json.loads((tricky_site / "audit.json").read_text(encoding="utf-8"))
    titles = [item.get("title") for item in manifest["items"]]
    assert TRICKY_TITLE in titles
