"""Review status, the amendments list and the audit manifest: worked out once per build."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from .corpus import Corpus
from .history import Change, History
from .schema import Item

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ReviewRow:
    item: Item
    status: str
    """"overdue", "due soon" or "up to date"."""
    days: int
    """Days until the review is due; negative when overdue."""


def review_rows(corpus: Corpus, today: dt.date) -> list[ReviewRow]:
    """Every item, soonest review first."""
    rows = []
    for item in corpus.items.values():
        days = (item.review_due - today).days
        status = "overdue" if days < 0 else "due soon" if days <= DUE_SOON_DAYS else "up to date"
        rows.append(ReviewRow(item=item, status=status, days=days))
    return sorted(rows, key=lambda row: (row.item.review_due, row.item.link_text.casefold()))


def review_summary(rows: list[ReviewRow]) -> str:
    """The build's plain-English line about reviews."""
    overdue = [row.item.id for row in rows if row.status == "overdue"]
    soon = [row.item.id for row in rows if row.status == "due soon"]
    if not overdue and not soon:
        return f"Reviews: all {len(rows)} items are up to date; the next is due {rows[0].item.review_due.isoformat()}." if rows else "Reviews: no items."
    parts = []
    if overdue:
        parts.append(f"{len(overdue)} overdue ({', '.join(overdue)})")
    if soon:
        parts.append(f"{len(soon)} due within {DUE_SOON_DAYS} days ({', '.join(soon)})")
    return "Reviews: " + "; ".join(parts) + "."


VERBS = {"A": "New", "M": "Updated", "D": "Removed"}


@dataclass(frozen=True)
class Amendment:
    change: Change
    item: Item | None
    """The item as it is now; None when its file has since been removed."""
    title: str

    @property
    def verb(self) -> str:
        return VERBS.get(self.change.status, "Updated")


def amendment_list(history: History, corpus: Corpus) -> list[Amendment]:
    """Every change to a content file with the item it changed, newest first."""
    by_file = {file: item_id for item_id, file in corpus.files.items()}
    entries = []
    for change in history.changes:
        item_id = by_file.get(change.path)
        item = corpus.items.get(item_id) if item_id else None
        title = item.link_text if item else Path(change.path).stem.replace("-", " ")
        entries.append(Amendment(change=change, item=item, title=title))
    return entries


def amendments(history: History, corpus: Corpus) -> list[tuple[str, list[Amendment]]]:
    """Changes to content grouped by release (or by month before the first release), newest first."""
    entries = amendment_list(history, corpus)

    def group(entry: Amendment) -> str:
        if entry.change.release:
            return f"Release {entry.change.release}"
        if any(e.change.release for e in entries):
            return "Not yet in a release"
        return f"{entry.change.date:%B %Y}"

    return [(name, list(items)) for name, items in groupby(entries, key=group)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def audit_manifest(
    corpus: Corpus, history: History, *, project_dir: Path, built_at: dt.datetime, url_of
) -> dict[str, object]:
    """What was published, from which files and commits: site/audit.json."""
    items = []
    for item_id, item in sorted(corpus.items.items()):
        file = corpus.files[item_id]
        last = history.for_file(file)[:1]
        items.append(
            {
                "id": item_id,
                "kind": item.kind,
                "title": item.title,
                "source_file": file,
                "url": url_of(item_id),
                "sha256": sha256(project_dir / file),
                "last_commit": last[0].commit if last else None,
                "last_changed": last[0].date.isoformat() if last else None,
                "uncommitted_changes": file in history.uncommitted,
                "last_reviewed": item.last_reviewed.isoformat(),
                "review_due": item.review_due.isoformat(),
                "owner": item.owner,
                # "local": added by the partnership, not part of the published guidance.
                "origin": item.origin,
            }
        )
    return {
        "build": {
            "commit": history.head or None,
            "version": history.version or None,
            "built_at": built_at.isoformat(timespec="seconds"),
            "history": "git" if history.available else history.note,
        },
        "items": items,
    }
