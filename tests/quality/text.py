"""What the checks share: lines outside code blocks, positions for messages, text as read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from jinja2 import TemplateSyntaxError

from macros.content_files import shown_path
from macros.refs import as_read
from macros.template_parsing import parse

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def read_list(path: Path) -> list[str]:
    """The entries of a one-per-line list file, without blank lines and '#' comments."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, line) outside fenced code blocks, numbered from 1."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), 1):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        yield number, line


def position(where: str, first_line: int | None, number: int) -> str:
    """'content/x.md, line 12, field 'body'' from where='content/x.md, field 'body'' and a line in the text."""
    if first_line is None:
        return where
    line = f"line {first_line + number - 1}"
    head, sep, tail = where.partition(", ")
    return f"{head}, {line}{sep}{tail}" if sep else f"{where}, {line}"


def file_name(path: Path, root: Path | None) -> str:
    """A file as messages name it (content_files.shown_path), relative to ``root`` when given."""
    return shown_path(path.resolve(), root.resolve()) if root is not None else str(path)


def plain(text: str) -> str:
    """Text as a reader sees it: each {{ ref() }} as its words (refs.as_read), Markdown links as
    their text, no emphasis."""
    try:
        text = as_read(parse(text))
    except (TemplateSyntaxError, RecursionError):
        pass  # the build reports a broken {{ … }}
    text = re.sub(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def clip(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
