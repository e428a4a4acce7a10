"""Plain-English reports of what is wrong with the content, for non-programmers."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

try:
    from mkdocs.exceptions import PluginError as PluginError
except ImportError:  # Zensical runs define_env without MkDocs installed
    PluginError = Exception  # type: ignore[misc,assignment]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one content file."""

    file: str
    message: str
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", {describe_field(self.field)}"
        return f"{where}: {self.message}"


_LAST_ENTRY = re.compile(r"^(?P<list>.+)\[(?P<number>\d+)\](?:\.(?P<rest>.+))?$")


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def describe_field(field: str) -> str:
    """A field path as staff read it: 'members[2].text' is "field 'text' in the 2nd entry of field 'members'".

    Entry numbers in paths count from 1 (see ``_field_path``); a path with none is shown as it is.
    """
    match = _LAST_ENTRY.match(field)
    if match is None:
        return f"field '{field}'"
    entry = f"the {_ordinal(int(match['number']))} entry of {describe_field(match['list'])}"
    return f"field '{match['rest']}' in {entry}" if match["rest"] else entry


class ContentError(PluginError):
    """The content cannot be published; the message lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.report("so the site was not built", "build again"))

    def report(self, consequence: str, next_step: str) -> str:
        """Every problem, one a line, under a heading that says what did not happen and what to do.

        The build says the site was not built; ``make check``, which builds nothing, says so in its own words.
        """
        count = len(self.problems)
        heading = f"The content has {count} problem{'' if count == 1 else 's'}, {consequence}:"
        lines = [heading, *(f"  - {problem}" for problem in self.problems)]
        lines.append(f"Fix the file(s) named above and {next_step}.")
        return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _field_path(loc: tuple[Any, ...]) -> str:
    # ("sources", 2, "url") reads better as "sources[3].url": people count from 1.
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems_from_validation(
    error: ValidationError,
    *,
    file: str,
    allowed_fields: Iterable[str],
    kind: str,
    field_lines: dict[str, int],
    model: Any = None,
    written: dict[tuple[Any, ...], str] | None = None,
    value_lines: dict[tuple[Any, ...], int] | None = None,
) -> list[Problem]:
    """Turn pydantic's error list into one plain sentence per mistake.

    ``model`` (the kind's pydantic model) lets a mistake inside a list entry, such as an
    unknown field in one of the ``updates``, name the fields that entry may have. ``written`` holds
    what the author wrote for values YAML did not read as text (yaml_slips.py), so that
    'short_title: No' is answered with the quotes it needs, not with "False".
    """
    from .yaml_slips import (
        not_text_message,  # not at the top: yaml_slips imports content_files, which imports this module
    )

    written = written or {}
    value_lines = value_lines or {}
    allowed = sorted(allowed_fields)
    problems: list[Problem] = []
    for detail in error.errors():
        # The discriminated union puts the kind name first in the location.
        loc = tuple(detail["loc"])
        if loc and loc[0] == kind:
            loc = loc[1:]
        field = _field_path(loc) or None
        top = str(loc[0]) if loc else None
        # An entry of a list points at that entry; nested fields ("updates[2].date") at their own line;
        # otherwise the field's own line.
        line = (value_lines.get(loc) if len(loc) > 1 else None) or (
            _nearest_line(field, field_lines) if field else None
        )
        name = str(loc[-1]) if loc else None
        error_type = detail["type"]
        value = detail.get("input")
        if error_type == "missing" and len(loc) > 1:
            message = f"this required field is missing. Every entry of {top} needs '{name}'."
        elif error_type == "missing":
            message = f"this required field is missing. Every {kind} item needs '{top}'."
        elif error_type == "extra_forbidden" and len(loc) > 1:
            inner = _inner_fields(model, loc) if model is not None else []
            entry = str(loc[0])
            message = f"'{name}' is not something an entry of {entry} can have.{did_you_mean(str(name), inner)}"
            if inner:
                message += f" Allowed: {', '.join(inner)}."
        elif error_type == "extra_forbidden":
            message = (
                f"'{top}' is not a field a {kind} item can have.{did_you_mean(str(top), allowed)}"
                f" Allowed fields: {', '.join(name for name in allowed if name != 'body')}."
            )
        elif error_type == "string_too_short":
            message = "this field is empty: write something in it."
        elif error_type == "too_short":
            message = "this list is empty: it needs at least one entry."
        elif error_type == "string_pattern_mismatch" and "findings" in loc:
            message = f"'{value}' is not a finding number of the content review: write it like T2, E1 or Q12."
        elif error_type == "string_pattern_mismatch":
            message = (
                f"'{value}' is not a valid id: use lower-case letters, digits and hyphens,"
                " like 'crime-and-disorder-act-1998' (add '#anchor' to cite one rule)."
            )
        elif error_type == "string_type" and loc in written and value is not None:
            message = f"this should be text, but {not_text_message(written[loc], value, loc)}"
        elif error_type == "string_type":
            message = f"this should be text, but it is {_describe(value)}."
        elif error_type == "list_type":
            message = f"this should be a list (lines starting with '- '), but it is {_describe(value)}."
        elif error_type in ("model_type", "dict_type"):
            message = f"this should be a set of 'name: value' lines, but it is {_describe(value)}."
        elif error_type in ("bool_type", "bool_parsing"):
            message = f"write true or false here, not {_describe(value)}."
        elif error_type == "literal_error" and top == "origin":
            message = (
                f"'{value}' is not an origin: write 'origin: local' for an item the partnership added, "
                "or leave the field out for an item of the published guidance."
            )
        elif error_type == "literal_error":
            expected = detail.get("ctx", {}).get("expected", "")
            message = f"{_describe(value)} is not allowed here: write {expected}."
        elif error_type == "value_error":
            cause = detail.get("ctx", {}).get("error", detail["msg"])
            message = str(cause) + "."
            named = getattr(cause, "field", None)
            if named:
                # Whole-item (or whole-entry) checks name the field that has to change.
                field = f"{field}.{named}" if field else named
                line = field_lines.get(field) or field_lines.get(named) or line
        else:
            message = detail["msg"] + "."
        problems.append(Problem(file=file, field=field, line=line, message=message))
    return problems


def _nearest_line(field: str, field_lines: dict[str, int]) -> int | None:
    """The line of the field, or of the nearest entry or field that holds it ("updates[2]" for "updates[2].date")."""
    path = field
    while path:
        if path in field_lines:
            return field_lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _inner_fields(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The fields of the model that holds the last part of ``loc`` (an entry of a list field)."""
    import typing

    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        annotation = fields[part].annotation
        # Unwrap list[X], X | None and Annotated[X, ...] down to a model.
        for _ in range(4):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if hasattr(annotation, "model_fields") or not args:
                break
            annotation = args[0]
        if not hasattr(annotation, "model_fields"):
            return []
        current = annotation
    return sorted(current.model_fields)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'name: value' lines"
    return f"'{value}'"
