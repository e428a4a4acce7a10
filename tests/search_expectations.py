"""Which benchmark queries can run: the page each expects must exist, unless it was a local item.

A query about an item carried from the published guidance must always find its page: if the page
is gone, the benchmark fails naming the query. A query about an item the partnership added
(``origin: local``) that has since been removed is left out and reported, so withdrawing a local
item never fails the benchmark for a reason unrelated to search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.schema import KIND_BY_FOLDER

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Expectations:
    runnable: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """One line per query left out, naming it and the page it expected."""
    missing: list[str] = field(default_factory=list)
    """One line per query whose page must exist and does not."""


def carried_ids(coverage_file: Path) -> set[str]:
    coverage = yaml.safe_load(coverage_file.read_text(encoding="utf-8"))
    return {item_id for ids in coverage["sections"].values() for item_id in ids} | set(coverage.get("glossary", []))


def page_file(docs_dir: Path, expect: str) -> Path:
    """The page file in docs/ that publishes an address such as 'legislation/children-act-2004/'."""
    path = expect.strip("/")
    if not path:
        return docs_dir / "index.md"
    as_file = docs_dir / f"{path}.md"
    return as_file if as_file.exists() else docs_dir / path / "index.md"


def sort_queries(queries: list[dict[str, Any]], docs_dir: Path, carried: set[str]) -> Expectations:
    result = Expectations()
    for row in queries:
        pages = row["expect"] if isinstance(row["expect"], list) else [row["expect"]]
        gone = [page for page in pages if not page_file(docs_dir, page).exists()]
        if not gone:
            result.runnable.append(row)
            continue
        carried_gone = [page for page in gone if not _local_item_page(page, carried)]
        if carried_gone:
            result.missing.append(
                f"{row['query']!r} expects {carried_gone[0]}, which no longer exists: it carries the published "
                "guidance, so restore it, or change the query in tests/search_queries.yml to the page that now answers it"
            )
        elif len(gone) < len(pages):
            result.runnable.append({**row, "expect": [page for page in pages if page not in gone]})
        else:
            result.skipped.append(
                f"left out {row['query']!r}: its page {gone[0]} no longer exists (not an item of the published guidance)"
            )
    return result


def _local_item_page(expect: str, carried: set[str]) -> bool:
    parts = expect.strip("/").split("/")
    return len(parts) == 2 and parts[0] in KIND_BY_FOLDER and parts[1] not in carried


def expectations(root: Path = ROOT) -> Expectations:
    queries = yaml.safe_load((root / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
    return sort_queries(queries, root / "docs", carried_ids(root / "tests" / "source_coverage.yml"))
