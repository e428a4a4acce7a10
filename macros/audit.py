"""Review status, the amendments list and the audit manifest: worked out once per build."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import yaml
from markupsafe import Markup

from .content_files import SafeYamlLoader
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


VERBS = {"A": "New", "M": "Updated", "D": "Removed", "R": "Renamed"}


@dataclass(frozen=True)
class Amendment:
    change: Change
    item: Item | None
    """The item as it is now; None when its file has since been removed."""
    title: str
    old_title: str | None = None
    """For a rename, the title the item had before."""

    @property
    def verb(self) -> str:
        return VERBS.get(self.change.status, "Updated")

    @property
    def note(self) -> str:
        """What changed, for readers: the editor's "Amendment:" note, or the commit's subject line."""
        return self.change.note or self.change.subject

    @property
    def redline(self) -> Markup:
        """The words that changed, struck through and inserted (empty for a new or removed item)."""
        if self.change.status in ("A", "D") or self.change.before is None or self.change.after is None:
            return Markup("")
        return redline(self.change.before, self.change.after)


def amendment_list(history: History, corpus: Corpus, *, everything: bool = False) -> list[Amendment]:
    """Every change to a content file that readers see, with the item it changed, newest first.

    Changes of layout or whitespace only are left out unless ``everything`` (for the audit manifest).
    """
    by_file = {file: item_id for item_id, file in corpus.files.items()}
    entries = []
    for change in history.changes:
        if not everything and not change.published:
            continue
        item_id = by_file.get(change.path)
        item = corpus.items.get(item_id) if item_id else None
        title = (
            item.link_text
            if item
            else (_title_in(change.before or change.after) or Path(change.path).stem.replace("-", " "))
        )
        old_title = None
        if change.status == "R":
            old_title = _title_in(change.before) or Path(change.old_path or change.path).stem.replace("-", " ")
        entries.append(Amendment(change=change, item=item, title=title, old_title=old_title))
    return entries


def _title_in(text: str | None) -> str | None:
    """The short title (or title) in a content file's front matter, read from the file's text."""
    if not text or not text.startswith("---"):
        return None
    front = text.split("\n---", 1)[0][3:]
    try:
        data = yaml.load(front, Loader=SafeYamlLoader)  # noqa: S506 - safe_load's meaning, read in C
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    title = data.get("short_title") or data.get("title")
    return str(title) if title else None


_REF = re.compile(r"\{\{\s*ref\(\s*(['\"])([^'\"]*)\1\s*(?:,\s*(?:text\s*=\s*)?(['\"])(.*?)\3\s*)?\)\s*\}\}")
REDLINE_CONTEXT = 6
"""Unchanged words shown either side of each change."""


_READER_FIELDS = ("title", "short_title", "summary", "aliases", "members", "name", "text", "updates", "what")
"""Front matter fields whose words readers see on the page (and whose changes the redline shows)."""


def _reader_text(text: str) -> str:
    """The words of a content file that readers see: titles, summary, rules, notes and the body."""
    if not text.startswith("---"):
        return text
    front, sep, body = text[3:].partition("\n---")
    if not sep:
        return text
    try:
        data = yaml.load(front, Loader=SafeYamlLoader)  # noqa: S506 - safe_load's meaning, read in C
    except yaml.YAMLError:
        return text
    parts: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for entry in value:
                collect(entry)
        elif isinstance(value, dict):
            for key in _READER_FIELDS:
                if key in value:
                    collect(value[key])

    collect(data if isinstance(data, dict) else {})
    return "\n".join([*parts, body.split("\n", 1)[1] if "\n" in body else ""])


def _words(text: str) -> list[str]:
    """The words of a content file as a reader would read them: links as their text, no template syntax."""
    text = _REF.sub(lambda m: m.group(4) or m.group(2).split("#")[0].replace("-", " "), _reader_text(text))
    return text.split()


def md(value: str) -> Markup:
    from .render import md as escape_markdown

    return escape_markdown(value)


@functools.lru_cache(maxsize=4096)
def redline(before: str, after: str) -> Markup:
    """Word-level differences: deleted words in <del>, inserted in <ins>, each announced as such.

    Screen readers do not announce <del> and <ins> by default, so each carries visually hidden
    words ("deleted text", "inserted text"); a few unchanged words either side give the context.
    Kept per pair of texts: an item's page and the changes page show the same change, and history
    stays the same between `make serve` rebuilds.
    """
    old, new = _words(before), _words(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pieces: list[Markup] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            if len(words) > 2 * REDLINE_CONTEXT or first or last:
                head = [] if first else words[:REDLINE_CONTEXT]
                tail = [] if last else words[-REDLINE_CONTEXT:]
                if len(head) + len(tail) < len(words):
                    words = [*head, "…", *tail] if head or tail else []
                    if not head and not tail:
                        continue
            pieces.append(Markup(" ").join(md(word) for word in words))
            continue
        if tag in ("delete", "replace"):
            pieces.append(
                Markup(
                    '<del><span class="isg-visually-hidden">[deleted text: </span>{}<span class="isg-visually-hidden">]</span></del>'
                ).format(Markup(" ").join(md(word) for word in old[i1:i2]))
            )
        if tag in ("insert", "replace"):
            pieces.append(
                Markup(
                    '<ins><span class="isg-visually-hidden">[inserted text: </span>{}<span class="isg-visually-hidden">]</span></ins>'
                ).format(Markup(" ").join(md(word) for word in new[j1:j2]))
            )
    return Markup(" ").join(piece for piece in pieces if piece)


def item_amendments(history: History, corpus: Corpus, item_id: str) -> list[Amendment]:
    """The changes readers see in one item's history, newest first, followed back through renames."""
    item = corpus.items[item_id]
    entries = []
    for change in history.for_file(corpus.files[item_id]):
        if not change.published:
            continue
        old_title = None
        if change.status == "R":
            old_title = _title_in(change.before) or Path(change.old_path or change.path).stem.replace("-", " ")
        entries.append(Amendment(change=change, item=item, title=item.link_text, old_title=old_title))
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
                "shown_to_readers": entry.change.published,
            }
            for entry in amendment_list(history, corpus, everything=True)
        ],
    }
