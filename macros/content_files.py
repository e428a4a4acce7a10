"""Reading files that partnership staff write: content, flows and page files.

Every file that reaches the build through here is an ordinary, readable UTF-8 text file of a
sensible size. Anything else (a Windows-1252 file, a link to a file elsewhere on the machine, a
pasted 5 MB document) gets a plain message naming the file instead of a Python traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 256 * 1024
"""The largest content or page file the build reads.

The longest item of the guidance is under 6 KB and the whole published guidance is about
42 KB, so 256 KB leaves room for any real item while refusing a pasted document or a file
that is not text at all.
"""

IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def shown_path(path: Path, project_dir: Path) -> str:
    """How a file is named in messages: relative to the project, as staff see it in their editor."""
    return path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else path.as_posix()


def is_ignored(path: Path) -> bool:
    """Editors' backups and system files, which are not content: consent.md~, .#consent.md, .DS_Store."""
    name = path.name
    return name.startswith(".") or name.endswith("~") or name in IGNORED_NAMES or name.endswith(".swp")


class UnreadableFile(Exception):
    """A staff-written file that cannot be read as text; carries the plain problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_text(path: Path, shown: str, *, root: Path | None = None) -> str:
    """The text of a staff-written file, or UnreadableFile saying plainly why not.

    ``root`` is the folder the file must stay inside: a link pointing out of it is refused, so a
    content file can never make the build publish another file on the machine.
    """

    def refuse(message: str) -> UnreadableFile:
        return UnreadableFile(Problem(file=shown, message=message))

    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            raise refuse("this is a link to a file that does not exist: replace it with the file itself.")
        if root is not None and not target.is_relative_to(root.resolve()):
            raise refuse("this is a link to a file outside the project: replace it with the file itself.")
        # Even inside the project a link is refused: what is published must be the file reviewed here.
        raise refuse("this is a link to another file: replace it with the file itself.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refuse(
                f"this file is {size // 1024} KB, more than the {MAX_FILE_BYTES // 1024} KB a content file may be. "
                "Split it into several items, or check that the right file was saved here."
            )
        data = path.read_bytes()
    except OSError as error:
        raise refuse(f"this file cannot be read ({error.strerror or error}).") from None
    try:
        # A byte-order mark, which some Windows editors add, is accepted and dropped.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(
            Problem(
                file=shown,
                line=line,
                message="this file is not saved as UTF-8 text (it may have been saved as 'ANSI' or "
                "'Windows-1252'). Save it again choosing the UTF-8 encoding.",
            )
        ) from None
    if "\x00" in text:
        raise refuse("this file holds binary data, not text: check that the right file was saved here.")
    return text


class _NoAliases:
    """Anchors and aliases (``&name`` / ``*name``) are refused: no content needs them, and a few
    nested aliases can expand into billions of values (a "YAML bomb")."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        loader: Any = self  # the YAML loader this is mixed into
        if loader.check_event(yaml.AliasEvent):
            event = loader.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                "the '*' and '&' marks (YAML anchors and aliases) are not allowed in content; write each value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)  # type: ignore[misc]


class ContentYamlLoader(_NoAliases, yaml.SafeLoader):
    """Safe YAML for staff-written data, without aliases. Dates stay text, so a date like
    2026-13-01 gets the schema's plain message rather than a crash."""


class TextYamlLoader(_NoAliases, yaml.BaseLoader):
    """YAML whose every value is text ("no", "yes" and "999" are words), without aliases."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


ContentYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
