"""Read a built site: its pages, their links and their ids, as a browser would resolve them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


@dataclass
class Page:
    url: str
    """Site-relative URL, e.g. legislation/crime-and-disorder-act-1998/."""
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(attribute, value) for every href and src."""
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name in ("href", "src") and tag not in ("base",):
                self.links.append((name, value))
        if tag in ("script", "style", "code", "pre"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def read_site(site: Path) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        pages[url] = Page(url=url, path=path, ids=collector.ids, links=collector.links, text=" ".join(collector.text))
    return pages


def is_internal(link: str) -> bool:
    parts = urlsplit(link)
    return not parts.scheme and not parts.netloc and not link.startswith("//")


def resolve(page_url: str, link: str) -> tuple[str, str]:
    """The site-relative target of a relative link on a page, and its fragment."""
    target, fragment = urldefrag(link)
    if not target:
        return page_url, unquote(fragment)
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    joined = posixpath.normpath(posixpath.join(base, unquote(target)))
    if joined == ".":
        joined = ""
    if target.endswith("/") and joined:
        joined += "/"
    return joined.lstrip("/"), unquote(fragment)


def target_file(site: Path, target: str) -> Path:
    path = site / target
    return path / "index.html" if target == "" or target.endswith("/") or path.is_dir() else path
