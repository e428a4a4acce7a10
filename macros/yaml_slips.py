"""Plain answers to the slips people make in front matter, with the line and the fix.

PyYAML reports where its reading gave up, which is often not where the slip is (an unclosed
quote is reported at the end of the front matter) and in its own words ("mapping values are not
allowed here"). Each function here turns one of those into the line the author must change, the
text on it, and what to write instead. Some slips are valid YAML that silently changes the
meaning (a '#' cuts the rest of the line off, a quote closed several lines later swallows the
fields between), so they are looked for after a successful read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from .content_files import PythonContentYamlLoader, yaml_tokens

_FIELD_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*)\s*:(?P<value>.*)$")
_LIST_LINE = re.compile(r"^(?P<indent>\s*-\s+)(?P<value>.*)$")


@dataclass(frozen=True)
class Slip:
    line: int
    """Line in the file (not in the front matter)."""
    field: str | None
    message: str


def quoted(value: str) -> str:
    """The value in the quotes that need no escaping inside it."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _in_quotes(line: str) -> str:
    """The line with its value put in quotes: 'title: "A: B"' or '- "A: B"'."""
    field = _FIELD_LINE.match(line)
    if field:
        return f"{field['indent'].strip()} {field['key']}: {quoted(field['value'])}".strip()
    listed = _LIST_LINE.match(line)
    if listed:
        return f"- {quoted(listed['value'])}"
    return quoted(line)


def _what(line: str) -> str:
    field = _FIELD_LINE.match(line)
    return f"the {field['key']}" if field else "the text"


def _owner(lines: list[str], index: int) -> str | None:
    """The top-level field that line ``index`` (0-based) belongs to."""
    for number in range(min(index, len(lines) - 1), -1, -1):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", lines[number])
        if match:
            return match.group(1)
    return None


def _slip(lines: list[str], index: int, first_line: int, message: str, *, field: bool = True) -> Slip:
    return Slip(line=index + first_line, field=_owner(lines, index) if field else None, message=message)


def _shown(line: str) -> str:
    return line.strip().replace("\t", "\\t")


def _multi_line_quote(text: str) -> tuple[int, int, str] | None:
    """(opening line, closing line, quote) of the first quoted value that runs over several lines.

    Nobody writing these files means a quoted value to run on: it is a quote left open, which
    swallows the lines after it until the next quote mark. ``text`` may be broken YAML: its
    tokens are read, up to the break, by PyYAML's Python scanner, whose errors are explained here.
    """
    loader = PythonContentYamlLoader(text)
    try:
        return _first_multi_line_quote(iter(loader.get_token, None))
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _first_multi_line_quote(tokens: Iterable[yaml.Token]) -> tuple[int, int, str] | None:
    for token in tokens:
        if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
            if token.end_mark.line != token.start_mark.line:
                return token.start_mark.line, token.end_mark.line, token.style
    return None


def _unclosed(lines: list[str], index: int, first_line: int, quote: str, closed_on: int | None) -> Slip:
    line = lines[index]
    fixed = line.rstrip() + quote if not line.rstrip().endswith(quote) else line.rstrip()
    where = (
        f"is only closed on line {closed_on + first_line}, so the lines in between became part of it"
        if closed_on is not None
        else "is never closed"
    )
    return _slip(
        lines,
        index,
        first_line,
        f"the quote mark ({quote}) that starts the value in '{_shown(line)}' {where}. "
        f"End the value with {quote} on this line: {fixed.strip()}",
    )


_SPECIAL_STARTS = "[]{}*&@`%|>!,?-"
"""Characters that mean something to YAML at the start of a value, so a value starting with one
("[Draft] Consent", "*Important*", "@home") must be in quotes."""


def _special_start(lines: list[str], mark: Any, first_line: int, only: str = _SPECIAL_STARTS) -> Slip | None:
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    field = _FIELD_LINE.match(line) or _LIST_LINE.match(line)
    value = field["value"].strip() if field else ""
    if not value or value[0] not in only:
        return None
    return _slip(
        lines,
        mark.line,
        first_line,
        f"the value in '{_shown(line)}' starts with '{value[0]}', which has a special meaning at the start of "
        f"a value. Put {_what(line)} in quotes: {_in_quotes(line)}",
    )


def explain_error(error: yaml.YAMLError, text: str, first_line: int) -> Slip | None:
    """The slip behind a YAML error in ``text``, whose first line is line ``first_line`` of the file."""
    lines = text.splitlines() or [""]
    if not isinstance(error, (yaml.scanner.ScannerError, yaml.parser.ParserError)):
        # The refusal of anchors and aliases says what to do already, unless the author meant the
        # '*' as text ("title: *Important*"), which quotes fix.
        return _special_start(lines, getattr(error, "problem_mark", None), first_line, only="*")
    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)

    if "quoted scalar" in context and context_mark is not None:
        quote = text[context_mark.index] if context_mark.index < len(text) else '"'
        return _unclosed(lines, context_mark.line, first_line, quote, None)
    if "flow" in context and context_mark is not None and context_mark.line < len(lines):
        # An opening '[' or '{' reads as the start of a list or set that is never closed.
        bracket = text[context_mark.index] if context_mark.index < len(text) else "["
        line = lines[context_mark.line]
        return _slip(
            lines,
            context_mark.line,
            first_line,
            f"the '{bracket}' in '{_shown(line)}' starts a list that is never closed. If it is part of the "
            f"text, put {_what(line)} in quotes: {_in_quotes(line)}",
        )
    opened = _multi_line_quote(text[: mark.index] if mark is not None else text)
    if opened is not None:
        return _unclosed(lines, opened[0], first_line, opened[2], opened[1])
    if mark is None or mark.line >= len(lines):
        return None
    index, column = mark.line, mark.column
    line = lines[index]

    if "'\\t'" in problem:
        if not line[:column].strip():
            # A field pushed in by a tab ("\ttitle: …") is that field's line, not the one above.
            own = re.match(r"^\s*([A-Za-z_][\w-]*)\s*:", line)
            return Slip(
                line=index + first_line,
                field=own.group(1) if own else _owner(lines, index),
                message=f"use spaces, not tabs, at the start of line {index + first_line}.",
            )
        return _slip(
            lines,
            index,
            first_line,
            f"there is a tab in '{_shown(line)}': use spaces, not tabs, on line {index + first_line}.",
        )
    if "mapping values are not allowed" in problem:
        first_colon = line.find(":")
        if 0 <= first_colon < column:
            return _slip(
                lines,
                index,
                first_line,
                f"the ': ' inside '{_shown(line)}' makes it look like a new field. Put {_what(line)} in quotes: "
                f"{_in_quotes(line)}",
            )
        return _slip(
            lines,
            index,
            first_line,
            f"'{_shown(line)}' starts further in than the field above it. Start each field at the beginning "
            "of the line, and indent only the lines of a list (under a field that ends with ':').",
            field=False,
        )
    if "could not find expected ':'" in problem and context_mark is not None:
        index = context_mark.line
        line = lines[index]
        squashed = re.match(r"^(\s*(?:-\s+)?[A-Za-z_][\w-]*):(\S.*)$", line)
        if squashed:
            return _slip(
                lines,
                index,
                first_line,
                f"put a space after the ':' in '{_shown(line)}': {squashed.group(1).strip()}: {squashed.group(2)}",
            )
        return _slip(
            lines,
            index,
            first_line,
            f"'{_shown(line)}' is not a 'field: value' line. Start it with the field's name and ': ', "
            "or, if it continues the value above, put that whole value in quotes on one line.",
        )
    special = _special_start(lines, mark, first_line)
    if special is not None:
        return special
    field = _FIELD_LINE.match(line) or _LIST_LINE.match(line)
    value = field["value"].strip() if field else ""
    if value[:1] in ("'", '"') and column > line.find(value[0]):
        quote = value[0]
        return _slip(
            lines,
            index,
            first_line,
            f"the value in '{_shown(line)}' starts with {quote}, so the {quote} inside it ends it early. "
            f"Put it in the other kind of quotes: {_in_quotes(line)}",
        )
    return _slip(
        lines,
        index,
        first_line,
        f"'{_shown(line)}' cannot be read ({problem or error}). Each line is 'field: value', a list line "
        "'  - value', or part of a value in quotes; put a value in quotes if it holds ': ', '#' or a quote mark.",
    )


def slips_in_valid_yaml(text: str, first_line: int) -> list[Slip]:
    """Slips that are valid YAML but change what the author wrote: an open quote, a '#'."""
    lines = text.splitlines()
    tokens = yaml_tokens(text)
    opened = _first_multi_line_quote(tokens)
    if opened is not None:
        return [_unclosed(lines, opened[0], first_line, opened[2], opened[1])]
    spans = [(token.start_mark.index, token.end_mark.index) for token in tokens]
    slips: list[Slip] = []
    offset = 0
    for index, line in enumerate(lines):
        for column, character in enumerate(line):
            position = offset + column
            if character != "#" or not line[:column].strip() or not line[column - 1].isspace():
                continue
            if any(start <= position < end for start, end in spans):
                continue
            kept = line[:column].rstrip()
            slips.append(
                _slip(
                    lines,
                    index,
                    first_line,
                    f"in '{_shown(line)}', the '#' and everything after it are left out, because ' #' starts a "
                    f"note for editors. To keep them, put {_what(line)} in quotes: {_in_quotes(line)} "
                    f"(or, for a note, put it on a line of its own, so the line reads '{kept.strip()}').",
                )
            )
            break
        offset += len(line) + 1
    return slips


def value_lines(node: Any, first_line: int) -> dict[tuple[Any, ...], int]:
    """The line of every value, keyed by its place (("sources", 0, "url")), so a message about
    one entry of a list points at that entry rather than at the list's first line."""
    found: dict[tuple[Any, ...], int] = {}

    def walk(current: Any, path: tuple[Any, ...]) -> None:
        if path:
            found[path] = current.start_mark.line + first_line
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                walk(value, (*path, str(key.value)))
        elif isinstance(current, yaml.SequenceNode):
            for number, value in enumerate(current.value):
                walk(value, (*path, number))

    walk(node, ())
    return found


def source_texts(node: Any, text: str) -> dict[tuple[Any, ...], str]:
    """What the author wrote for every value YAML did not read as text (a number, yes/no, a
    'name: value' pair), keyed by its place (("short_title",), ("aliases", 0)), for the messages."""
    found: dict[tuple[Any, ...], str] = {}

    def walk(current: Any, path: tuple[Any, ...]) -> None:
        if isinstance(current, yaml.MappingNode):
            if path:
                found[path] = text[current.start_mark.index : current.end_mark.index].strip()
            for key, value in current.value:
                walk(value, (*path, str(key.value)))
        elif isinstance(current, yaml.SequenceNode):
            for number, value in enumerate(current.value):
                walk(value, (*path, number))
        elif isinstance(current, yaml.ScalarNode) and current.tag != "tag:yaml.org,2002:str":
            found[path] = text[current.start_mark.index : current.end_mark.index].strip()

    walk(node, ())
    return found


def not_text_message(written: str, value: Any, path: tuple[Any, ...]) -> str:
    """Why a value meant as text was read as something else, and the quotes that fix it."""
    if isinstance(value, bool):
        reason = f"'{written}' is read as yes or no, not as text"
    elif isinstance(value, (int, float)):
        reason = f"'{written}' is read as a number, not as text"
    elif isinstance(value, dict):
        reason = f"'{written}' is read as a 'name: value' pair because of the ': ' in it"
    else:
        reason = f"'{written}' is not read as text"
    last = path[-1] if path else None
    fix = f"- {quoted(written)}" if isinstance(last, int) or last is None else f"{last}: {quoted(written)}"
    return f"{reason}: put it in quotes, {fix}"
