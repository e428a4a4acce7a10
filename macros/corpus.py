"""The validated content as one object: items, where their pages live, who cites whom.

What a reference points at and the link it becomes belong to refs.py."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from functools import cached_property

from .schema import KINDS, Item


@dataclass(frozen=True)
class Reference:
    """One item pointing at another (or at one rule of it)."""

    source: str
    target: str
    field: str

    @property
    def target_id(self) -> str:
        return self.target.partition("#")[0]


@dataclass(frozen=True)
class Corpus:
    items: dict[str, Item]
    files: dict[str, str]
    """Content file of each item, relative to the project."""
    references: dict[str, list[Reference]] = field(default_factory=dict)

    def doc_path(self, item_id: str) -> str:
        """The page showing the item, relative to docs/, e.g. legislation/crime-and-disorder-act-1998.md;
        for a kind without pages of its own, its index page (glossary/index.md)."""
        item = self.items[item_id]
        kind = KINDS[item.kind]
        return f"{kind.folder}/{item.id}.md" if kind.own_page else f"{kind.folder}/index.md"

    def url(self, item_id: str, *, directory_urls: bool = True) -> str:
        """The item's address in the built site, e.g. legislation/some-act/ or glossary/#dvds."""
        anchor = self.anchor_of(item_id)
        return doc_url(self.doc_path(item_id), directory_urls=directory_urls) + (f"#{anchor}" if anchor else "")

    def anchor_of(self, item_id: str) -> str:
        """Where on its page the item starts: empty for an item with its own page."""
        return "" if KINDS[self.items[item_id].kind].own_page else item_id

    def of_kind(self, kind: str) -> list[Item]:
        return sorted(
            (item for item in self.items.values() if item.kind == kind),
            key=lambda item: item.link_text.casefold(),
        )

    @cached_property
    def backlinks(self) -> dict[str, list[Item]]:
        """For each item, the other items that cite it, computed once for the whole corpus.

        Glossary terms are left out: "DVDS is short for the Domestic Violence Disclosure Scheme" is a
        pointer to the page, not a page that refers to it, and listed under "Referenced by" it reads
        as the page citing itself.
        """
        citing: dict[str, set[str]] = {item_id: set() for item_id in self.items}
        for refs in self.references.values():
            for ref in refs:
                if ref.target_id != ref.source and KINDS[self.items[ref.source].kind].own_page:
                    citing[ref.target_id].add(ref.source)
        return {
            item_id: sorted((self.items[s] for s in sources), key=lambda item: item.link_text.casefold())
            for item_id, sources in citing.items()
        }


def doc_url(doc_path: str, *, directory_urls: bool = True) -> str:
    """Where MkDocs publishes a page file: legislation/x.md → legislation/x/, glossary/index.md → glossary/."""
    stem = doc_path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=65536)
def relative_link(from_doc: str, to_doc: str) -> str:
    """A Markdown link target from one page to another, both relative to docs/: what posixpath's
    relpath gives, worked out from the two paths' parts when both are plain (relpath asks the
    system for the working folder at every call, and a site of 500 items makes thousands)."""
    if from_doc == to_doc:
        return posixpath.basename(to_doc)
    start = posixpath.dirname(from_doc) or "."
    if not (_plain_path(start) and _plain_path(to_doc)):
        return posixpath.relpath(to_doc, start)
    start_parts = [] if start == "." else start.split("/")
    parts = to_doc.split("/")
    common = 0
    while common < min(len(start_parts), len(parts)) and start_parts[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + parts[common:]) or "."


def _plain_path(path: str) -> bool:
    """Relative, with no empty, '.' or '..' parts (those relpath would tidy first)."""
    return path == "." or all(part not in ("", ".", "..") for part in path.split("/"))
