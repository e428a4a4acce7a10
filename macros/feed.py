"""The Atom feed of changes (feed.xml): the "What has changed" page for feed readers.

Feed readers need absolute addresses and ids that no other feed uses, so both come from the
address the site is published at (``site_url``; mike adds the version's folder to it, so each
published version has its own ids). Without one the links stay relative, as the site's own are.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from urllib.parse import quote

from .amendments import Amendment

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
"""The newest changes the feed carries; the page lists them all."""

# Characters XML 1.0 does not allow at all: a commit subject could hold one, and the feed would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def site_base(site_url: str | None) -> str:
    """The published address with one trailing slash ("" when it is not set)."""
    return site_url.rstrip("/") + "/" if site_url else ""


def feed_xml(
    entries: list[Amendment],
    *,
    title: str,
    publisher: str,
    site_url: str | None,
    changes_url: str,
    url_of: Callable[[str], str],
    built_at: dt.datetime,
) -> str:
    """The feed of the newest changes readers see, newest first.

    ``changes_url`` and ``url_of`` give addresses relative to the site, as the pages link them.
    """
    base = site_base(site_url)
    newest = entries[:FEED_ENTRIES]
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "title", f"{title}: what has changed")
    # Without an address the id can only be a name: every copy built without one shares it.
    _text(feed, "id", base + changes_url if base else "urn:guidance:changes/")
    ET.SubElement(feed, "link", {"rel": "alternate", "href": base + changes_url})
    _text(feed, "updated", (newest[0].change.date if newest else built_at).isoformat())
    _text(ET.SubElement(feed, "author"), "name", publisher)
    for amendment in newest:
        change = amendment.change
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", f"{amendment.verb}: {amendment.title}")
        key = f"{change.commit}/{change.path}"
        _text(entry, "id", f"{base}{changes_url}#{quote(key)}" if base else f"urn:guidance-change:{key}")
        ET.SubElement(entry, "link", {"href": base + (url_of(amendment.item.id) if amendment.item else changes_url)})
        _text(entry, "updated", change.date.isoformat())
        # The commit's author: who made the change (their name only; git's email address is not published).
        _text(ET.SubElement(entry, "author"), "name", change.author or publisher)
        _text(entry, "summary", amendment.note)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _NOT_XML.sub("\ufffd", text)
