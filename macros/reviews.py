"""Review status: when each item is due for review against current law, and whether it has been."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .corpus import Corpus
from .schema import Item

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
