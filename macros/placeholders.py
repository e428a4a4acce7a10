"""The placeholder text `make new` writes, and the check that refuses it until it is replaced.

`make new` has to write a file that reads as a valid item, so it fills each field it cannot
know with a placeholder. Those placeholders must never reach the published site: every check
(`make check`, the build, CI) names each one with its file, line and field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .problems import Problem
from .schema import Item


@dataclass(frozen=True)
class Placeholder:
    text: str
    """What `make new` writes (or once wrote)."""
    instead: str
    """What to write instead, finishing the sentence "replace the placeholder text … with"."""
    whole_value: bool = False
    """True when only the whole value is the placeholder (short texts that real content may contain)."""


SUMMARY = Placeholder(
    "One plain sentence saying what this is and who it helps.",
    "one plain sentence saying what this item is and who it helps",
)
BODY = Placeholder(
    "Write the text of the item here, in Markdown.",
    "the text of the item",
)
ANSWERED_BY = Placeholder(
    "id-of-the-item-that-answers-this-myth",
    "the id of the item that answers the myth, such as consent or seven-golden-rules#rule-3",
    whole_value=True,
)
SECTION = Placeholder("number of a section the guidance cites", "a section number, such as 115", whole_value=True)
SOURCE_TITLE = Placeholder(
    "Name of the Act on legislation.gov.uk",
    "the Act's name, such as Children Act 2004 (legislation.gov.uk)",
    whole_value=True,
)
SOURCE_URL = Placeholder(
    "https://www.legislation.gov.uk/replace-with-the-address-of-the-act",
    "the address of the Act's page on legislation.gov.uk",
    whole_value=True,
)
MEMBER_NAME = Placeholder("First rule", "the rule's short name", whole_value=True)
MEMBER_TEXT = Placeholder("What the first rule says.", "what the rule says", whole_value=True)

BODY_TEXT = (
    f"{BODY.text} Link to another item by writing ref and its id\n"
    "between double curly brackets, as the guide for staff shows.\n"
)
"""The whole body `make new` writes."""

ALL: tuple[Placeholder, ...] = (
    SUMMARY,
    BODY,
    ANSWERED_BY,
    SECTION,
    SOURCE_TITLE,
    SOURCE_URL,
    MEMBER_NAME,
    MEMBER_TEXT,
    # What earlier versions of `make new` wrote, so files started with them are caught too.
    Placeholder("The Act on legislation.gov.uk", SOURCE_TITLE.instead, whole_value=True),
)


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(field path as people count it, text) for every text in a field, nested ones included."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for number, entry in enumerate(value, 1):
            yield from _strings(entry, f"{path}[{number}]")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), f"{path}.{name}")


def _found(placeholder: Placeholder, text: str) -> bool:
    if placeholder.whole_value:
        return text.strip().casefold() == placeholder.text.casefold()
    return placeholder.text.casefold() in text.casefold()


def placeholder_problems(
    item: Item, *, file: str, lines: list[str], field_lines: dict[str, int], body_line: int
) -> list[Problem]:
    """Every placeholder left in one item; ``lines`` are the file's lines, to point at the right one."""
    problems: list[Problem] = []
    for name in type(item).model_fields:
        for path, text in _strings(getattr(item, name), name):
            for placeholder in ALL:
                if not _found(placeholder, text):
                    continue
                start = body_line if name == "body" else field_lines.get(name)
                problems.append(
                    Problem(
                        file=file,
                        field=path,
                        line=_line_of(lines, placeholder.text, start),
                        message=f"replace the placeholder text '{placeholder.text}' with {placeholder.instead}.",
                    )
                )
                break
    return problems


def _line_of(lines: list[str], needle: str, start: int | None) -> int | None:
    """The first line from ``start`` on that holds ``needle``: the value, not just its field's name."""
    if start is None:
        return None
    wanted = needle.casefold()
    for number in range(start, len(lines) + 1):
        if wanted in lines[number - 1].casefold():
            return number
    return start
