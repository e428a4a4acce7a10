"""Currency notes: each "Since this guidance was published" note, with the item it belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Corpus
from .schema import Item, Update


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
