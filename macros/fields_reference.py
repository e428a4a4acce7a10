"""Write FIELDS.md, the staff's reference of the fields each kind of item may have.

It is made from the schema itself (each field's type and its docstring in schema.py), so it
cannot drift from what the build accepts: tests/test_fields_reference.py fails when FIELDS.md is
not what this module writes, and `make fields` rewrites it.

    python -m macros.fields_reference            write FIELDS.md
"""

from __future__ import annotations

import datetime as dt
import sys
import typing
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .field_types import ID_PATTERN, REF_PATTERN, plain_text, require_https
from .schema import KINDS, Item, Member, Source

OUTPUT = "FIELDS.md"

_NESTED: tuple[type[BaseModel], ...] = (Source, Member)


def _markers(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The bare type and every constraint attached to it, however it was written."""
    found = list(metadata)
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *extras = typing.get_args(annotation)
        for extra in extras:
            found += extra.metadata if isinstance(extra, FieldInfo) else [extra]
    return annotation, found


def describe(annotation: Any, metadata: list[Any] | None = None) -> str:
    """What to write for a field of this type, in words."""
    annotation, markers = _markers(annotation, metadata or [])
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        return describe(next(arg for arg in typing.get_args(annotation) if arg is not type(None)))
    if origin is Literal:
        return " or ".join(f"`{value}`" for value in typing.get_args(annotation))
    if origin is list:
        (entry,) = typing.get_args(annotation)
        return f"a list, one `- ` line each: {describe(entry)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"{annotation.__name__.lower()} ({', '.join(annotation.model_fields)})"
    if annotation is dt.date:
        return "a date written YYYY-MM-DD"
    if annotation is bool:
        return "`true` or `false`"
    patterns = {getattr(marker, "pattern", None) for marker in markers}
    functions = {getattr(marker, "func", None) for marker in markers}
    if ID_PATTERN in patterns:
        return "an id (lower-case words joined by hyphens)"
    if REF_PATTERN in patterns:
        return "item id (add `#rule-4` to point at one rule)"
    if require_https in functions:
        return "a web address starting `https://`"
    if plain_text in functions:
        return "plain text"
    return "Markdown text"


def _row(name: str, field: FieldInfo, description: str | None = None) -> str:
    required = "yes" if field.is_required() else "no"
    what = describe(field.annotation, list(field.metadata))
    text = " ".join((description or field.description or "").split()).replace("|", "\\|")
    return f"| `{name}` | {required} | {what} | {text} |"


_HEADER = "| Field | Required | What to write | What it is for |\n| --- | --- | --- | --- |"


def render() -> str:
    """The whole of FIELDS.md."""
    common = [name for name in Item.model_fields if name not in ("kind", "body")]
    parts = [
        "# Fields for each kind of item",
        "",
        "<!-- Made from macros/schema.py by `make fields`; a test fails when it is out of date. Do not edit by hand. -->",
        "",
        "Every item is one Markdown file in `content/<folder>/`. Its fields go between the two `---` lines at",
        "the top, one `field: value` a line; its text goes below them (see [CONTRIBUTING.md](CONTRIBUTING.md)",
        'and the [README](README.md#edit-or-add-an-item-for-partnership-staff)). A field marked "no" may be',
        "left out. Put a value in quotes when it holds `: `, ` #` or starts with a quote mark, or when it is",
        'a number or yes/no meant as text: `title: "Clare\'s Law: the right to ask"`, `short_title: "No"`.',
        "",
        "## Fields every item has",
        "",
        _HEADER,
        f"| `kind` | yes | {' or '.join(f'`{name}`' for name in KINDS)} | {Item.model_fields['kind'].description} |",
        *(_row(name, Item.model_fields[name]) for name in common),
        "",
        "The text of the page is written below the closing `---`, in Markdown.",
        "",
    ]
    for kind in KINDS.values():
        own = [name for name in kind.model.model_fields if name not in Item.model_fields]
        parts += [f"## {kind.heading}: `kind: {kind.name}`", "", f"Files in `content/{kind.folder}/`."]
        if own:
            parts += ["", "Fields of its own, besides those every item has:", "", _HEADER]
            parts += [_row(name, kind.model.model_fields[name]) for name in own]
        parts.append("")
    for model in _NESTED:
        parts += [
            f"## Each entry of a list of {model.__name__.lower()}s",
            "",
            " ".join((model.__doc__ or "").split()),
            "",
            _HEADER,
            *(_row(name, field) for name, field in model.model_fields.items()),
            "",
        ]
    return "\n".join(parts)


def undocumented() -> list[str]:
    """Fields without a docstring, which the reference could not explain."""
    missing = []
    for model in (*(kind.model for kind in KINDS.values()), *_NESTED):
        for name, field in model.model_fields.items():
            if name == "kind":
                continue  # documented once, on Item
            if not field.description:
                missing.append(f"{model.__name__}.{name}")
    return sorted(set(missing))


def main(argv: list[str] | None = None) -> int:
    root = Path.cwd()
    (root / OUTPUT).write_text(render(), encoding="utf-8")
    print(f"Wrote {OUTPUT}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
