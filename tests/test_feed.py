"""feed.xml read as a feed reader reads it (feedparser): well-formed, absolute links to built pages,
each change's author, and ids that no other feed shares: each published version has its own."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from test_publishing import build, git, partnership
from test_releases import make, release_repo

pytestmark = pytest.mark.slow

SITE_URL = "https://guidance.riverside.example.org/"


def with_site_url(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n", encoding="utf-8")


def amend(root: Path, author: str) -> None:
    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(item.read_text().replace("lets Riverside agencies share", "allows Riverside agencies to share"))
    git(
        root,
        "commit",
        "-q",
        "-a",
        "--author",
        f"{author} <alex@example.org>",
        "-m",
        "fix wording\n\nAmendment: Section 7 now says agencies are allowed to share.",
    )


def read_feed(text: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(text)
    assert not parsed.bozo, f"feedparser found the feed malformed: {parsed.get('bozo_exception')!r}"
    assert parsed.version == "atom10"
    return parsed


def built_file(site: Path, base: str, href: str) -> Path:
    """The file in the built site that an absolute link under ``base`` leads to."""
    assert href.startswith(base), f"{href} is not under {base}"
    path = urlsplit(href[len(base) :]).path
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_the_feed_has_absolute_links_to_built_pages_authors_and_unique_ids(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    with_site_url(root)
    git(root, "commit", "-q", "-am", "Publish at the partnership's address")
    amend(root, "Alex Editor")

    built = build(root)
    parsed = read_feed((built.site / "feed.xml").read_bytes())

    assert parsed.feed.id == SITE_URL + "changes/"
    assert built_file(built.site, SITE_URL, parsed.feed.link).is_file()
    entries = parsed.entries
    assert len(entries) >= 3  # the first publication's items and the amendment
    ids = [entry.id for entry in entries]
    assert len(set(ids)) == len(ids), "two entries share an id"
    assert all(entry_id.startswith(SITE_URL) for entry_id in ids)
    for entry in entries:
        assert built_file(built.site, SITE_URL, entry.link).is_file(), entry.link
        assert entry.get("author"), f"{entry.title} has no author"
    newest = entries[0]
    assert newest.title == "Updated: The Riverside Act 2001"
    assert newest.author == "Alex Editor"
    assert newest.summary == "Section 7 now says agencies are allowed to share."
    assert newest.link == SITE_URL + "legislation/riverside-act/"
    assert {entry.author for entry in entries[1:]} == {"Partnership Editor"}


def test_without_an_address_the_links_stay_relative_and_the_feed_still_parses(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    amend(root, "Alex Editor")
    built = build(root)
    parsed = read_feed((built.site / "feed.xml").read_bytes())
    assert parsed.entries[0].link == "legislation/riverside-act/"
    assert parsed.entries[0].author == "Alex Editor"
    assert "site_url is not set" in built.output


def test_each_published_version_has_its_own_feed_ids_and_links(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    with_site_url(root)
    git(root, "commit", "-q", "-am", "Publish at the partnership's address")
    released = make(root, "publish", "VERSION=2026.1")
    assert released.returncode == 0, released.stdout + released.stderr
    amend(root, "Alex Editor")
    current = make(root, "publish-current")
    assert current.returncode == 0, current.stdout + current.stderr

    feeds = {}
    for version in ("2026.1", "current"):
        text = subprocess.run(
            ["git", "-C", str(root), "show", f"gh-pages:{version}/feed.xml"], capture_output=True, check=True
        ).stdout
        feeds[version] = read_feed(text)
        base = f"{SITE_URL}{version}/"
        assert feeds[version].feed.id == base + "changes/"
        for entry in feeds[version].entries:
            assert entry.id.startswith(base) and entry.link.startswith(base), (entry.id, entry.link)
            page = entry.link[len(SITE_URL) :] + ("index.html" if entry.link.endswith("/") else "")
            shown = subprocess.run(["git", "-C", str(root), "cat-file", "-e", f"gh-pages:{page}"], check=False)
            assert shown.returncode == 0, f"{entry.link} leads to no published page"
    assert not {e.id for e in feeds["2026.1"].entries} & {e.id for e in feeds["current"].entries}
    assert feeds["current"].entries[0].author == "Alex Editor"
