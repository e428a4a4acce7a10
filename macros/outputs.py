"""What each build publishes besides its pages: audit.json, feed.xml and the footer's build stamp.

The generator writes these itself, so MkDocs and Zensical publish the same ones: Zensical's theme
does not see what a macros module puts in ``config.extra``, and Zensical calls no hook after the
build. Each engine reaches this module at a different moment:

- MkDocs (mkdocs-macros) calls ``define_env`` once, before any page, and empties the site folder
  after it; then ``on_pre_page_macros`` for every page (the stamp goes into the page's metadata,
  which the footer, overrides/partials/copyright.html, reads); then ``on_post_build`` (the files).
- Zensical calls ``define_env`` for every page it renders, with that page, and nothing else: the
  stamp goes into that page and the files are written (again only when their text changed). A
  build from Zensical's cache renders no page, so it writes neither: build with ``--clean``.

A page file cannot set the stamp itself: page front matter is limited to a few keys (pages.py).

The theme draws the 404 page without a page: MkDocs' 404 page reads the stamp from
``config.extra`` instead (``stamp_config``); Zensical's cannot, so its 404 page has none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .addresses import SiteData, describe
from .amendments import amendment_list
from .content_files import ContentYamlLoader
from .corpus import Corpus
from .feed import feed_xml
from .front_matter import split_front_matter
from .history import History
from .manifest import audit_manifest

STAMP = "guidance_build"
"""The page metadata key the footer reads: the commit and version the page was built from."""
FOOTER = "guidance_footer"
"""The page metadata key of the footer's links (the privacy notice and accessibility statement)."""
FOOTER_PAGES = ("accessibility.md", "privacy.md")
"""Page files the footer links to, in this order, when the site has them."""
AUDIT_FILE = "audit.json"
FEED_FILE = "feed.xml"
SITE_FILES = (AUDIT_FILE, FEED_FILE)
"""The files written at the top of the site, whose addresses no page may take (pages.py)."""
CHANGES_PAGE = "changes"
"""The "What has changed" page (docs/changes.md), which the feed stands for."""


@dataclass(frozen=True)
class BuildOutputs:
    stamp: dict[str, str]
    """commit, version and note (why there is no history, or why the build failed)."""
    files: dict[str, str] = field(default_factory=dict)
    """The text of each file written at the top of the site, by name."""
    footer: list[dict[str, str]] = field(default_factory=list)
    """The footer's links: each page's title and address from the top of the site."""

    def stamp_page(self, meta: dict[str, Any]) -> None:
        meta[STAMP] = dict(self.stamp)
        meta[FOOTER] = [dict(link) for link in self.footer]

    def stamp_config(self, config: Any) -> None:
        """For MkDocs' 404 page, the one page drawn without a page (see above)."""
        config["extra"][STAMP] = dict(self.stamp)
        config["extra"][FOOTER] = [dict(link) for link in self.footer]

    def write(self, site_dir: Path) -> None:
        """Write each file into the site, replacing it whole (never half-written) when its text changed."""
        site_dir.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            path = site_dir / name
            data = text.encode("utf-8")
            try:
                if path.read_bytes() == data:
                    continue
            except OSError:
                pass
            partial = path.with_name(f".{name}.partial")
            partial.write_bytes(data)
            os.replace(partial, path)


_last: tuple[tuple[object, ...], tuple[object, ...], BuildOutputs] | None = None
"""Zensical asks for every page: the outputs of the same validated content and settings are kept."""


def build_outputs(
    corpus: Corpus, history: History, site: SiteData, *, project_dir: Path, config: Mapping[str, Any]
) -> BuildOutputs:
    """The stamp, audit manifest and feed of this build."""
    global _last
    settings = _settings(config)
    inputs: tuple[object, ...] = (corpus, history, site)
    values: tuple[object, ...] = (project_dir, *settings.values())
    if _last is not None and all(a is b for a, b in zip(_last[0], inputs, strict=True)) and _last[1] == values:
        return _last[2]
    directory_urls = settings["directory_urls"]

    def url_of(item_id: str) -> str:
        return str(corpus.url(item_id, directory_urls=directory_urls))

    built_at = dt.datetime.now(dt.UTC)
    manifest = {
        **audit_manifest(corpus, history, project_dir=project_dir, built_at=built_at, url_of=url_of),
        "old_addresses": describe(site),
    }
    feed = feed_xml(
        amendment_list(history, corpus),
        title=settings["site_name"],
        publisher=settings["publisher"],
        site_url=settings["site_url"],
        changes_url=_page_url(CHANGES_PAGE, directory_urls),
        url_of=url_of,
        built_at=built_at,
    )
    outputs = BuildOutputs(
        stamp={
            "commit": history.head,
            "version": history.version,
            "note": "" if history.available else history.note,
        },
        files={AUDIT_FILE: _json(manifest), FEED_FILE: feed},
        footer=footer_links(project_dir, config),
    )
    _last = (inputs, values, outputs)
    return outputs


def failed_outputs(config: Mapping[str, Any], note: str, *, project_dir: Path) -> BuildOutputs:
    """What a build that shows only a content error (under `make serve`) publishes."""
    settings = _settings(config)
    feed = feed_xml(
        [],
        title=settings["site_name"],
        publisher=settings["publisher"],
        site_url=settings["site_url"],
        changes_url=_page_url(CHANGES_PAGE, settings["directory_urls"]),
        url_of=str,
        built_at=dt.datetime.now(dt.UTC),
    )
    return BuildOutputs(
        stamp={"commit": "", "version": "", "note": note},
        files={AUDIT_FILE: _json({"error": note}), FEED_FILE: feed},
        footer=footer_links(project_dir, config),
    )


def _settings(config: Mapping[str, Any]) -> dict[str, Any]:
    extra = config.get("extra") or {}
    partnership = extra.get("partnership") or {}
    site_name = str(config.get("site_name") or "")
    return {
        "site_name": site_name,
        "publisher": str(partnership.get("name") or site_name),
        "site_url": config.get("site_url") or None,
        "directory_urls": bool(config.get("use_directory_urls", True)),
    }


def footer_links(project_dir: Path, config: Mapping[str, Any]) -> list[dict[str, str]]:
    """The privacy notice and accessibility statement, where the site has them, worked out once.

    The theme used to look for them in the whole menu on every page: time that grew with the square
    of the site's size, and a menu Zensical's theme does not see.
    """
    docs = project_dir / str(config.get("docs_dir") or "docs")
    directory_urls = bool(config.get("use_directory_urls", True))
    links = []
    for name in FOOTER_PAGES:
        path = docs / name
        if not path.is_file():
            continue
        title = None
        split = split_front_matter(path.read_text(encoding="utf-8"))
        if split.found:
            with contextlib.suppress(yaml.YAMLError, ValueError, RecursionError):
                front = yaml.load(split.front, Loader=ContentYamlLoader)  # noqa: S506 - a SafeLoader without aliases
                if isinstance(front, dict) and isinstance(front.get("title"), str):
                    title = front["title"]
        links.append(
            {"title": title or name.removesuffix(".md").capitalize(), "url": _page_url(name[:-3], directory_urls)}
        )
    return links


def _page_url(name: str, directory_urls: bool) -> str:
    return f"{name}/" if directory_urls else f"{name}.html"


def _json(data: object) -> str:
    # Sorted keys: the same content gives the same file, whichever engine or order wrote it.
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
