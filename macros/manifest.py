"""The audit manifest (audit.json): what a build published, from which files and commits."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from .amendments import amendment_list, shown_to_readers
from .corpus import Corpus
from .history import History
from .schema import Update


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


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def audit_manifest(
    corpus: Corpus, history: History, *, project_dir: Path, built_at: dt.datetime, url_of: Callable[[str], str]
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
        "review_status": {
            "transcribed": sum(1 for row in items if row["review_status"] == "transcribed"),
            "reviewed": sum(1 for row in items if row["review_status"] == "reviewed"),
        },
        "currency_notes": {
            "total": sum(len(item.updates) for item in corpus.items.values()),
            "not_confirmed": sum(
                1 for item in corpus.items.values() for update in item.updates if not update.confirmed
            ),
        },
        "items": items,
        "changes": [
            {
                "commit": entry.change.commit,
                "committed": entry.change.date.isoformat(),
                "authored": entry.change.authored.isoformat() if entry.change.authored else None,
                "author": entry.change.author,
                "subject": entry.change.subject,
                "amendment_note": entry.change.note or None,
                "status": entry.change.status,
                "path": entry.change.path,
                "old_path": entry.change.old_path,
                "title": entry.title,
                "shown_to_readers": shown_to_readers(entry.change),
            }
            for entry in amendment_list(history, corpus, everything=True)
        ],
    }
