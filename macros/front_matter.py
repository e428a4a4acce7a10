"""Splitting a staff-written Markdown file into its front matter and its text: one rule for
content files and page files alike, the one MkDocs applies to pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
"""How MkDocs finds a page's front matter (mkdocs.utils.meta.YAML_RE)."""

_SETTING_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
"""A page setting written MultiMarkdown's way (mkdocs.utils.meta.META_RE), without '---' lines."""


@dataclass(frozen=True)
class Split:
    front: str
    """The text between the '---' lines ('' when there is none)."""
    body: str
    """What follows the closing line; the page functions run on this."""
    body_line: int
    """The line of the file the body starts on."""
    found: bool
    """Whether the file has front matter at all."""


def split_front_matter(source: str) -> Split:
    """The file split exactly as MkDocs will split it.

    MkDocs reads page files with universal newlines, so a file saved with Windows line endings
    ('\\r\\n') is split, and its lines counted, as if it had '\\n'.
    """
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return Split(front="", body=text, body_line=1, found=False)
    return Split(
        front=match.group(1), body=text[match.end() :], body_line=text.count("\n", 0, match.end()) + 1, found=True
    )


def setting_without_dashes(split: Split) -> str | None:
    """The setting MkDocs reads from a page without front matter whose first line is 'key: value'
    (MultiMarkdown's style: such lines, up to the first blank one, become the page's settings and
    leave its text), by MkDocs' name for it; None when the first line is the page's text."""
    if split.found:
        return None
    match = _SETTING_LINE.match(split.body.split("\n", 1)[0])
    return match.group("key").lower() if match else None
