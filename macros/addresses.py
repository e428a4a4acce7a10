"""Addresses that outlive their items, and the order of the printed guidance.

Other procedures and people's bookmarks link to the guidance's pages, so an address never just
disappears. ``content/addresses.yml`` (written by ``make rename`` and ``make withdraw``) lists every
old address: where it moved to, or when and why its item was withdrawn. Each old address keeps a
page file in docs/ holding ``{{ moved_page() }}`` or ``{{ withdrawn_page() }}``, which these
functions fill in. ``content/order.yml`` gives the whole-guidance page its order.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .content_files import ContentYamlLoader, UnreadableFile, read_text
from .corpus import Corpus, doc_url
from .paths import Paths
from .problems import ContentError, Problem, problems_from_validation
from .refs import unresolved
from .schema import KINDS, Addresses, Moved, Order, Withdrawn

ADDRESSES_FILE = "addresses.yml"
ORDER_FILE = "order.yml"
DATA_FILES = frozenset({ADDRESSES_FILE, ORDER_FILE})
"""Data files at the top of content/, beside the folders of items."""

MOVED_STUB = "{{ moved_page() }}\n"
WITHDRAWN_STUB = "{{ withdrawn_page() }}\n"

_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True)
class SiteData:
    addresses: Addresses = field(default_factory=Addresses)
    order: Order = field(default_factory=Order)

    def moved(self, address: str) -> Moved | None:
        return next((entry for entry in self.addresses.moved if entry.address == address), None)

    def withdrawn(self, address: str) -> Withdrawn | None:
        return next((entry for entry in self.addresses.withdrawn if entry.address == address), None)

    def old_addresses(self) -> list[str]:
        return [entry.address for entry in self.addresses.moved] + [entry.address for entry in self.addresses.withdrawn]


def _load(path: Path, shown: str, model: type[_Model], content_dir: Path) -> tuple[_Model | None, list[Problem]]:
    if not path.exists():
        return model(), []
    try:
        data = yaml.load(read_text(path, shown, root=content_dir), Loader=ContentYamlLoader)  # noqa: S506 - a SafeLoader
    except UnreadableFile as failure:
        return None, [failure.problem]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [
            Problem(
                file=shown,
                line=mark.line + 1 if mark is not None else None,
                message=f"this is not valid YAML ({getattr(error, 'problem', None) or error}).",
            )
        ]
    try:
        return model.model_validate(data or {}), []
    except ValidationError as error:
        return None, problems_from_validation(
            error, file=shown, allowed_fields=model.model_fields, kind=path.stem, field_lines={}
        )


def load_site_data(paths: Paths, corpus: Corpus) -> SiteData:
    """Load and check addresses.yml and order.yml against the corpus and docs/; raise ContentError."""
    content_dir, docs_dir = paths.content, paths.docs
    addresses_shown = paths.shown(content_dir / ADDRESSES_FILE)
    order_shown = paths.shown(content_dir / ORDER_FILE)
    addresses, problems = _load(content_dir / ADDRESSES_FILE, addresses_shown, Addresses, content_dir)
    order, order_problems = _load(content_dir / ORDER_FILE, order_shown, Order, content_dir)
    problems += order_problems
    if addresses is None or order is None:
        raise ContentError(problems)

    current = {corpus.doc_path(item_id)[: -len(".md")] for item_id in corpus.items}
    seen: set[str] = set()
    entries: list[tuple[str, Moved | Withdrawn, str]] = [
        *((f"moved: {e.address}", e, MOVED_STUB) for e in addresses.moved),
        *((f"withdrawn: {e.address}", e, WITHDRAWN_STUB) for e in addresses.withdrawn),
    ]
    for where, entry, stub in entries:

        def report(message: str, *, file: str = addresses_shown, where: str = where) -> None:
            problems.append(Problem(file=file, message=f"{where}: {message}"))

        if entry.address in seen:
            report("this address is listed twice: keep one entry.")
        seen.add(entry.address)
        if entry.address in current:
            report("an item's page is at this address now, so it cannot also be an old address.")
        target = entry.to if isinstance(entry, Moved) else entry.replaced_by
        if target:
            message = unresolved(target, corpus.items)
            if message:
                report(message)
        page = docs_dir / f"{entry.address}.md"
        shown_page = paths.shown(page)
        try:
            text = read_text(page, shown_page, root=docs_dir) if page.is_file() else None
        except UnreadableFile as failure:
            problems.append(failure.problem)
            continue
        if text != stub:
            report(
                f"the old address needs the page file {shown_page} holding the single line {stub.strip()} "
                "(make rename and make withdraw write it)."
            )

    listed: set[str] = set()
    for number, item_id in enumerate(order.whole_guidance, 1):
        if item_id not in corpus.items:
            problems.append(
                Problem(
                    file=order_shown, field=f"whole_guidance[{number}]", message=unresolved(item_id, corpus.items) or ""
                )
            )
        elif item_id in listed:
            problems.append(
                Problem(file=order_shown, field=f"whole_guidance[{number}]", message=f"'{item_id}' is listed twice.")
            )
        listed.add(item_id)
    if problems:
        raise ContentError(problems)
    return SiteData(addresses=addresses, order=order)


def whole_guidance_order(corpus: Corpus, order: Order) -> list[str]:
    """The items of the whole-guidance page: those listed in order.yml, then the rest by kind and title."""
    listed = [item_id for item_id in order.whole_guidance if item_id in corpus.items]
    placed = set(listed)
    rest = [item.id for kind in KINDS for item in corpus.of_kind(kind) if item.id not in placed]
    return listed + rest


def stub_pages(data: SiteData) -> dict[str, str]:
    """Page file (relative to docs/) → the text it must hold, for every old address."""
    pages = {f"{entry.address}.md": MOVED_STUB for entry in data.addresses.moved}
    pages.update({f"{entry.address}.md": WITHDRAWN_STUB for entry in data.addresses.withdrawn})
    return pages


def redirect_url(from_doc: str, to_doc: str, anchor: str, *, directory_urls: bool) -> str:
    """The address a browser should go to from one page to another, as MkDocs will write them."""
    source, target = doc_url(from_doc, directory_urls=directory_urls), doc_url(to_doc, directory_urls=directory_urls)
    base = source if source.endswith("/") else posixpath.dirname(source) + "/"
    relative = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if directory_urls and not relative.endswith("/") and not relative.endswith(".html"):
        relative += "/"
    return relative + (f"#{anchor}" if anchor else "")


def describe(data: SiteData) -> dict[str, Any]:
    """The old addresses for the audit manifest."""
    return {
        "moved": [entry.model_dump(mode="json") for entry in data.addresses.moved],
        "withdrawn": [entry.model_dump(mode="json") for entry in data.addresses.withdrawn],
    }
