"""Markup that staff text may not carry, found before anything is rendered: raw HTML (even split
over lines), link and abbreviation definitions (they apply to the whole page), and code blocks
left open (they would swallow what follows on the page). html_policy.py judges what the text
finally turns into; these checks give the author the line to fix."""

from __future__ import annotations

import bisect
import re

from .problems import Problem

# Raw HTML would bypass escaping; autolinks such as <https://…> stay allowed.
# A tag may run over several lines ("<img\nsrc=x\nonerror=…>"). Its attributes stop at the next '<'
# or '>', so each '<' is looked at once: the check takes time in proportion to the text.
_RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:[\s/][^<>]*)?>")
_AUTOLINK = re.compile(r"<(https?://|mailto:|tel:)[^<>\s]+>")
# Link and abbreviation definitions apply to the whole page the text is placed in, not only to this
# text: a definition here could change a link or tooltip elsewhere on the page.
_DEFINITION = re.compile(r"^ {0,3}\*?\[[^\]\n]+\]:", re.M)

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def _fences(source: str) -> tuple[list[tuple[int, int]], int | None]:
    """(first, last) line numbers (from 0) of each fenced code block, and the line of a fence left
    open at the end. A fence closes on a line of the same character, at least as long, and nothing else."""
    blocks: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for number, line in enumerate(source.split("\n")):
        match = _FENCE.match(line)
        if opened is None:
            if match:
                opened = (number, match.group(1))
        elif (
            match
            and match.group(1)[0] == opened[1][0]
            and len(match.group(1)) >= len(opened[1])
            and not line[match.end() :].strip()
        ):
            blocks.append((opened[0], number))
            opened = None
    return blocks, (opened[0] if opened else None)


def _blank_code(source: str) -> str:
    """The text with code blocks and code spans blanked (newlines kept): code is shown as written,
    so '<' in code is text. One pass over lines and one over backtick runs: no regex backtracking."""
    lines = source.split("\n")
    blocks, left_open = _fences(source)
    if left_open is not None:
        blocks.append((left_open, len(lines) - 1))
    for first, last in blocks:
        for number in range(first, last + 1):
            lines[number] = " " * len(lines[number])
    chars = list("\n".join(lines))
    text = "".join(chars)
    runs = [(match.start(), match.end()) for match in re.finditer(r"`+", text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        later = same[bisect.bisect_right(same, index) :]
        if not later:
            index += 1
            continue
        close = runs[later[0]][1]
        for offset in range(start, close):
            if chars[offset] != "\n":
                chars[offset] = " "
        index = later[0] + 1
    return "".join(chars)


def check_raw_html(source: str, file: str, field: str, first_line: int | None) -> list[Problem]:
    """Raw HTML, even split over lines, and link or abbreviation definitions, with the line each
    starts on (html_policy.py is the final judge of what the text turns into)."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = _AUTOLINK.sub(blank, _blank_code(source))
    problems = []
    _, left_open = _fences(source)
    if left_open is not None:
        # On a page the text is followed by more: an open block would swallow it, or, closed by the
        # next text's fence, turn that text's code into live markup.
        problems.append(
            Problem(
                file=file,
                field=field,
                line=_line(first_line, left_open + 1),
                message="this code block is never closed: add a line holding only the same ``` or ~~~ after it.",
            )
        )
    for match in _RAW_HTML.finditer(text):
        tag = " ".join(match.group(0).split())
        problems.append(
            Problem(
                file=file,
                field=field,
                line=_line(first_line, text.count("\n", 0, match.start()) + 1),
                message=f"raw HTML ('{tag[:80]}') is not allowed in content: use Markdown instead.",
            )
        )
    for match in _DEFINITION.finditer(text):
        what = "an abbreviation" if match.group(0).lstrip().startswith("*") else "a link"
        problems.append(
            Problem(
                file=file,
                field=field,
                line=_line(first_line, text.count("\n", 0, match.start()) + 1),
                message=f"'{match.group(0).strip()}' defines {what} for the whole page, which content may not do: "
                + (
                    "abbreviations come from the glossary (content/glossary/)."
                    if what == "an abbreviation"
                    else "write the address in the link itself, like [text](https://…)."
                ),
            )
        )
    return problems


def _line(first_line: int | None, lineno: int) -> int | None:
    return None if first_line is None else first_line + lineno - 1
