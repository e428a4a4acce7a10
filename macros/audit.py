"""Review status, the amendments list and the audit manifest: worked out once per build."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from .corpus import Corpus
from .history import Change, History
from .schema import Item, Update

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ReviewRow:
    item: Item
    status: str
    """"overdue", "due soon" or "not due"."""
    days: int
    """Days until the review is due; negative when overdue."""


def review_rows(corpus: Corpus, today: dt.date) -> list[ReviewRow]:
    """Every item, soonest review first."""
    rows = []
    for item in corpus.items.values():
        days = (item.review_due - today).days
        status = "overdue" if days < 0 else "due soon" if days <= DUE_SOON_DAYS else "not due"
        rows.append(ReviewRow(item=item, status=status, days=days))
    return sorted(rows, key=lambda row: (row.item.review_due, row.item.link_text.casefold()))


def review_summary(rows: list[ReviewRow]) -> str:
    """The build's plain-English line about reviews."""
    overdue = [row.item.id for row in rows if row.status == "overdue"]
    soon = [row.item.id for row in rows if row.status == "due soon"]
    if not overdue and not soon:
        return (
            f"Reviews: none of the {len(rows)} items is overdue or due within {DUE_SOON_DAYS} days; "
            f"the next review is due {rows[0].item.review_due.isoformat()}."
            if rows
            else "Reviews: no items."
        )
    parts = []
    if overdue:
        parts.append(f"{len(overdue)} overdue ({', '.join(overdue)})")
    if soon:
        parts.append(f"{len(soon)} due within {DUE_SOON_DAYS} days ({', '.join(soon)})")
    return "Reviews: " + "; ".join(parts) + "."


def review_state(item: Item) -> str:
    """Whether the item has been reviewed against current law, in a few plain words."""
    if item.reviewed:
        return f"reviewed by {item.reviewed_by} on {item.status_date.isoformat()}"
    return f"not reviewed: transcribed {item.status_date.isoformat()}"


def status_summary(rows: list[ReviewRow]) -> str:
    """The build's line saying how many items have really been reviewed against current law."""
    transcribed = [row for row in rows if not row.item.reviewed]
    reviewed = len(rows) - len(transcribed)
    if not transcribed:
        return f"Review status: all {reviewed} items have been reviewed against current law."
    return (
        f"Review status: {len(transcribed)} of {len(rows)} items are transcribed from the published guidance "
        f"and not yet reviewed against current law; {reviewed} reviewed."
    )


@dataclass(frozen=True)
class CurrencyNote:
    """One "Since this guidance was published" note, with the item it belongs to."""

    item: Item
    number: int
    """Its position among the item's notes, from 1: the anchor is ``update-<number>``."""
    update: Update

    @property
    def anchor(self) -> str:
        return f"update-{self.number}"


def currency_notes(corpus: Corpus, order: list[str] | None = None) -> list[CurrencyNote]:
    """Every currency note, item by item (in ``order`` when given, else by id)."""
    ids = order or sorted(corpus.items)
    return [
        CurrencyNote(item=corpus.items[item_id], number=number, update=update)
        for item_id in ids
        for number, update in enumerate(corpus.items[item_id].updates, 1)
    ]


def notes_summary(notes: list[CurrencyNote]) -> str:
    """The build's line counting the currency notes."""
    if not notes:
        return "Currency notes: none."
    items = len({note.item.id for note in notes})
    changes = sum(1 for note in notes if note.update.type == "change")
    unconfirmed = [f"{note.item.id}#{note.anchor}" for note in notes if not note.update.confirmed]
    line = (
        f"Currency notes: {len(notes)} on {items} items ({changes} changes in law or national guidance, "
        f"{len(notes) - changes} corrections)"
    )
    if unconfirmed:
        line += f"; {len(unconfirmed)} not confirmed ({', '.join(unconfirmed)})"
    return line + "."


def update_record(update: Update) -> dict[str, object]:
    """A currency note as the audit manifest lists it."""
    return {
        "type": update.type,
        "what": update.what,
        "date": update.date.isoformat() if update.date else None,
        "confirmed": update.confirmed,
        "sources": [{"title": source.title, "url": source.url} for source in update.sources],
        "findings": list(update.findings),
    }


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
                "review_status": item.status,
                "transcribed": item.transcribed.isoformat() if item.transcribed else None,
                "last_reviewed": item.last_reviewed.isoformat() if item.last_reviewed else None,
                "reviewed_by": item.reviewed_by,
                "review_due": item.review_due.isoformat(),
                "owner": item.owner,
                "updates": [update_record(update) for update in item.updates],
            }
        )
    return {
        "build": {
            "commit": history.head or None,
            "version": history.version or None,
            "built_at": built_at.isoformat(timespec="seconds"),
            "history": "git" if history.available else history.note,
        },
        "review_status": {
            "transcribed": sum(1 for row in items if row["review_status"] == "transcribed"),
            "reviewed": sum(1 for row in items if row["review_status"] == "reviewed"),
        },
        "currency_notes": {
            "total": sum(len(row["updates"]) for row in items),  # type: ignore[arg-type]
            "not_confirmed": sum(
                1 for row in items for update in row["updates"] if not update["confirmed"]  # type: ignore[attr-defined,index]
            ),
        },
        "items": items,
    }
