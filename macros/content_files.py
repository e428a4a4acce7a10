"""Reading files that partnership staff write: content, flows and page files.

Every file that reaches the build through here is an ordinary, readable UTF-8 text file of a
sensible size. Anything else (a Windows-1252 file, a link to a file elsewhere on the machine, a
pasted 5 MB document) gets a plain message naming the file instead of a Python traceback.
"""

from __future__ import annotations

import re
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


class _NotTooDeep:
    """A value nested hundreds deep ("[[[[…") exhausts Python's stack while PyYAML composes it:
    refused as YAML, at the line reached, so every reader of staff files names file and line."""

    def get_single_node(self) -> Any:
        try:
            return super().get_single_node()  # type: ignore[misc]
        except RecursionError:
            loader: Any = self  # the YAML loader this is mixed into
            raise yaml.composer.ComposerError(
                None,
                None,
                "values are nested too deeply (brackets inside brackets hundreds of times); write them out plainly",
                loader.get_mark(),
            ) from None


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


class PythonContentYamlLoader(_NotTooDeep, _NoAliases, yaml.SafeLoader):
    """What ContentYamlLoader means, read by PyYAML's own Python code: its errors are the ones
    yaml_slips.py explains, so every refusal and every token of a broken file comes from here."""


class PythonTextYamlLoader(_NotTooDeep, _NoAliases, yaml.BaseLoader):
    """What TextYamlLoader means, read by PyYAML's own Python code (see PythonContentYamlLoader)."""


PythonContentYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)

_PYTHON_READS = re.compile(r"[\t\r\ufeff\x85\u2028\u2029]")
_BLOCK_NOTE = re.compile(r"[|>][-+0-9]*#")
"""Characters libyaml and PyYAML's Python reader treat differently (a tab inside a value, the kinds
of line break, a byte-order mark inside the text): a text holding one is read in Python only."""


def _python_reads(stream: Any) -> bool:
    """Whether only PyYAML's Python reader gives this text its meaning and messages exactly.

    libyaml also accepts a '?' inside a value in brackets ("[a, b?c]") and a note straight after a
    block value's mark ("text: >#"), which PyYAML refuses; such texts are read in Python too.
    Everything else reads the same in both, marks (line, column, character index) included:
    tests/test_yaml_reading.py compares them.
    """
    if not isinstance(stream, str):
        return True
    if _PYTHON_READS.search(stream) or _BLOCK_NOTE.search(stream):
        return True
    return "?" in stream and ("[" in stream or "{" in stream) and _question_in_brackets(stream)


def _question_in_brackets(text: str) -> bool:
    """Whether libyaml reads a '?' inside a plain value in brackets (PyYAML ends the value there and
    refuses the text), or cannot read the text at all."""
    depth = 0
    try:
        for token in iter(yaml.CBaseLoader(text).get_token, None):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth -= 1
            elif depth and isinstance(token, yaml.ScalarToken) and token.plain and "?" in token.value:
                return True
    except Exception:  # noqa: BLE001 - libyaml cannot read it: PyYAML will say why
        return True
    return False


def _read_differently(root: yaml.Node | None, length: int) -> bool:
    """Whether libyaml's tree may differ from PyYAML's: a node appears twice (what an alias
    composes to in libyaml), there is an empty value (libyaml may place it on another line:
    at the end of a text without a last line break, or in brackets), or a tag holds a second '!'
    (libyaml reads "!:!odd" as a tag; PyYAML refuses any '!' after the first that does not end a
    handle such as "!e!", and a plain-text reader would otherwise keep the value)."""
    seen: set[int] = set()
    stack: list[Any] = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen or node.start_mark.index >= length:
            return True
        if isinstance(node, yaml.ScalarNode) and not node.value and not node.style:
            return True
        if "!" in (node.tag or "")[1:]:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return False


class _ReadInC:
    """A loader reading with libyaml (PyYAML's C extension, about ten times faster), meaning
    exactly what its Python twin means.

    A text libyaml cannot read, one that holds an alias (refused), or one of the few that
    libyaml reads differently (``_python_reads``) is read by the Python twin instead, so every message and line number is PyYAML's own. Tokens always
    come from the Python twin: they are read only to explain slips.
    """

    _python_loader: type[Any]

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._python: Any = self._python_loader(stream) if _python_reads(stream) else None
        self._read_in_c = False
        super().__init__(stream if self._python is None else "")  # type: ignore[call-arg]

    def _twin(self) -> Any:
        if self._python is None:
            self._python = self._python_loader(self._stream)
        return self._python

    def get_single_node(self) -> Any:
        if self._python is None:
            try:
                node = super().get_single_node()  # type: ignore[misc]
            except Exception:  # noqa: BLE001 - libyaml's refusal: PyYAML gives the one to show
                node = _unread
            if node is not _unread and not _read_differently(node, len(self._stream)):
                self._read_in_c = True
                return node
        self._read_in_c = False
        return self._twin().get_single_node()

    def construct_document(self, node: Any) -> Any:
        try:
            return super().construct_document(node)  # type: ignore[misc]
        except yaml.YAMLError:
            if not self._read_in_c:
                raise
        # A value that cannot be built (an unknown '!tag'): PyYAML's message, whose marks quote the line.
        twin = self._twin()
        return twin.construct_document(twin.get_single_node())

    def get_token(self) -> Any:
        return self._twin().get_token()

    def dispose(self) -> None:
        if self._python is not None:
            self._python.dispose()


_unread = object()


class ContentYamlLoader(_ReadInC, yaml.CSafeLoader):
    """Safe YAML for staff-written data, without aliases. Dates stay text, so a date like
    2026-13-01 gets the schema's plain message rather than a crash."""

    _python_loader = PythonContentYamlLoader


class TextYamlLoader(_ReadInC, yaml.CBaseLoader):
    """YAML whose every value is text ("no", "yes" and "999" are words), without aliases."""

    _python_loader = PythonTextYamlLoader


ContentYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def yaml_tokens(text: str) -> list[yaml.Token]:
    """Every token of a text that has been read as YAML without error, for the slip checks."""
    if not _python_reads(text):
        try:
            loader = yaml.CBaseLoader(text)
            return list(iter(loader.get_token, None))
        except Exception:  # noqa: BLE001, S110 - read again in Python below
            pass
    python = PythonTextYamlLoader(text)
    try:
        return list(iter(python.get_token, None))
    finally:
        python.dispose()
