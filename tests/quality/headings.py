"""Headings: never skipping a level, starting where the page leaves off."""

from __future__ import annotations

import re

from .text import position, prose_lines

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^\s*$|^ {0,3}(?:[-*+]\s|\d+[.)]\s|>|#|\||`{3,}|~{3,})|^ {4}")


def headings(markdown: str) -> list[tuple[int, int, str]]:
    """(line, level, text) of each heading, written '## Text' or underlined with '===' or '---'."""
    found: list[tuple[int, int, str]] = []
    previous: tuple[int, str] | None = None
    for number, line in prose_lines(markdown):
        atx = _ATX.match(line)
        setext = _SETEXT.match(line)
        if atx:
            text = re.sub(r"[ \t]+#+$", "", atx.group(2) or "")
            found.append((number, len(atx.group(1)), _ATTR_LIST.sub("", text).strip()))
        elif setext and previous is not None and previous[0] == number - 1 and not _NOT_PARAGRAPH.match(previous[1]):
            found.append((previous[0], 1 if setext.group(1)[0] == "=" else 2, previous[1].strip()))
        previous = (number, line)
    return found


def heading_problems(markdown: str, *, top: int = 2, where: str = "the text", first_line: int | None = 1) -> list[str]:
    """Headings never skip a level: the first is level ``top``, and each is at most one deeper than the last.

    An item's page title is its only level-1 heading, so its body starts at
    '##' (top=2). A rule of a principle set, and a step of a decision flow,
    already sit under a '##' heading, so headings in their texts start at '###' (top=3).
    """
    problems = []
    previous: int | None = None
    for number, level, text in headings(markdown):
        at = position(where, first_line, number)
        shown = f"'{text}'"
        if level < top:
            problems.append(
                f"{at}: the heading {shown} is level {level}, but headings here start at level {top} "
                f"('{'#' * top}'){': the page title is the only level-1 heading' if level == 1 else ''}."
            )
        elif previous is None and level > top:
            problems.append(
                f"{at}: the first heading {shown} is level {level}, which skips a level: "
                f"make it level {top} ('{'#' * top}')."
            )
        elif previous is not None and level > previous + 1:
            problems.append(
                f"{at}: the heading {shown} is level {level} after a level-{previous} heading, which skips a "
                f"level: make it level {previous + 1} ('{'#' * (previous + 1)}')."
            )
        previous = level
    return problems
