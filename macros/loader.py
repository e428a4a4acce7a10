"""Read every content file once, validate it, and return the whole corpus.

Everything that can be wrong with the content is found here, before a single
page is written, and reported together with the file, field and line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateSyntaxError
from pydantic import TypeAdapter, ValidationError

from .addresses import DATA_FILES
from .content_files import ContentYamlLoader, UnreadableFile, is_ignored, read_text, shown_path
from .corpus import Corpus, Reference
from .front_matter import split_front_matter
from .placeholders import placeholder_problems
from .problems import ContentError, Problem, did_you_mean, problems_from_validation
from .raw_html import check_raw_html
from .refs import ref_calls, unresolved
from .schema import KIND_BY_FOLDER, KINDS, AnyItem, Item, Myth, PrincipleSet
from .template_parsing import parse
from .templating import check_body
from .yaml_slips import explain_error, slips_in_valid_yaml, source_texts, value_lines

_ITEM_ADAPTER: TypeAdapter[Item] = TypeAdapter(AnyItem)


@dataclass(frozen=True)
class _Parsed:
    """A content file split into its front matter and Markdown body."""

    data: dict[str, Any]
    body: str
    body_line: int
    field_lines: dict[str, int]
    written: dict[tuple[Any, ...], str]
    """What the author wrote for values YAML did not read as text, for the messages."""
    value_lines: dict[tuple[Any, ...], int]
    """The line of every value, nested ones included."""


class _FileProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_corpus(content_dir: Path, *, project_dir: Path | None = None) -> Corpus:
    """Load and validate every item under ``content_dir``; raise ContentError on any problem."""
    project_dir = project_dir or content_dir.parent
    problems: list[Problem] = []
    items: dict[str, Item] = {}
    files: dict[str, str] = {}
    body_lines: dict[str, int] = {}
    field_lines: dict[str, dict[str, int]] = {}

    if not content_dir.is_dir():
        raise ContentError([Problem(file=str(content_dir), message="the content folder does not exist.")])

    for path in sorted(content_dir.rglob("*")):
        if is_ignored(path) or any(part.startswith(".") for part in path.relative_to(content_dir).parts):
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        shown = shown_path(path, project_dir)
        relative = path.relative_to(content_dir)
        if path.suffix in (".yml", ".yaml") and relative.parts[0] in ("flows", "search"):
            continue  # decision flows and search words are data files, loaded by their own modules
        if len(relative.parts) == 1 and relative.name in DATA_FILES:
            continue  # addresses and order: loaded by the addresses module
        if path.suffix != ".md":
            problems.append(
                Problem(file=shown, message="this is not a content file: items are Markdown files ending in .md.")
            )
            continue
        try:
            item, parsed = _load_item(path, relative, shown, content_dir)
        except (_FileProblem, UnreadableFile) as failure:
            problems.append(failure.problem)
            continue
        except ContentError as failure:
            problems.extend(failure.problems)
            continue
        if item.id in items:
            problems.append(
                Problem(
                    file=shown,
                    field="id",
                    line=parsed.field_lines.get("id"),
                    message=f"the id '{item.id}' is already used by {files[item.id]}: every item needs its own id.",
                )
            )
            continue
        items[item.id] = item
        files[item.id] = shown
        body_lines[item.id] = parsed.body_line
        field_lines[item.id] = parsed.field_lines

    if problems:
        raise ContentError(problems)

    references, reference_problems = _collect_references(items, files, body_lines, field_lines)
    if reference_problems:
        raise ContentError(reference_problems)
    return Corpus(items=items, files=files, references=references)


def _load_item(path: Path, relative: Path, shown: str, content_dir: Path) -> tuple[Item, _Parsed]:
    text = read_text(path, shown, root=content_dir)
    parsed = _parse(text, shown)
    data = parsed.data

    def wrong(field: str, message: str) -> _FileProblem:
        return _FileProblem(Problem(file=shown, field=field, line=parsed.field_lines.get(field), message=message))

    if "body" in data:
        raise wrong("body", "write the body below the closing '---', not as a field.")
    kind_name = data.get("kind")
    if kind_name is None:
        raise wrong(
            "kind", f"this required field is missing. Say what sort of item this is: one of {', '.join(KINDS)}."
        )
    kind = KINDS.get(str(kind_name))
    if kind is None:
        raise wrong(
            "kind",
            f"'{kind_name}' is not a kind of item.{did_you_mean(str(kind_name), KINDS)} Known kinds: {', '.join(KINDS)}.",
        )
    try:
        item = _ITEM_ADAPTER.validate_python({**data, "body": parsed.body})
    except ValidationError as error:
        raise ContentError(
            problems_from_validation(
                error,
                file=shown,
                allowed_fields=kind.model.model_fields,
                kind=kind.name,
                field_lines=parsed.field_lines,
                model=kind.model,
                written=parsed.written,
                value_lines=parsed.value_lines,
            )
        ) from None

    if item.id != path.stem:
        raise wrong(
            "id",
            f"the id '{item.id}' does not match the file name: rename the file to "
            f"'{item.id}.md' or change the id to '{path.stem}'.",
        )
    folder = relative.parts[0] if len(relative.parts) > 1 else ""
    if len(relative.parts) != 2 or folder != kind.folder:
        holds = f" This folder holds {KIND_BY_FOLDER[folder].name} items." if folder in KIND_BY_FOLDER else ""
        raise wrong("kind", f"a {kind.name} item belongs in the folder content/{kind.folder}/.{holds}")
    placeholders = placeholder_problems(
        item, file=shown, lines=text.splitlines(), field_lines=parsed.field_lines, body_line=parsed.body_line
    )
    if placeholders:
        raise ContentError(placeholders)
    return item, parsed


def _no_fields(shown: str) -> Problem:
    return Problem(
        file=shown,
        line=2,
        message="the front matter must be 'field: value' lines, such as 'title: Crime and Disorder Act 1998'.",
    )


@functools.lru_cache(maxsize=1024)  # a `make serve` rebuild reads again only the files that changed
def _parse(text: str, shown: str) -> _Parsed:
    if not text.strip():
        raise _FileProblem(
            Problem(file=shown, message="the file is empty. Start it with front matter between two '---' lines.")
        )
    split = split_front_matter(text if text.endswith("\n") else text + "\n")
    if not split.found:
        first, *rest = split.body.split("\n", 2)
        if first.rstrip(" \t") != "---":
            raise _FileProblem(
                Problem(file=shown, line=1, message="the file must start with a line holding only '---'.")
            )
        if not rest or rest[0].rstrip(" \t") != "---":
            raise _FileProblem(
                Problem(
                    file=shown,
                    message="the front matter is never closed: add a line holding only '---' after the last field.",
                )
            )
        raise _FileProblem(_no_fields(shown))  # nothing between the two lines
    front = split.front.removesuffix("\n")
    try:
        loader = ContentYamlLoader(front)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except ValueError:
        # PyYAML reads a very long number as an int, which Python refuses past 4,300 digits.
        raise _FileProblem(
            Problem(file=shown, message="a value in the front matter is a number too long to read: put it in quotes.")
        ) from None
    except yaml.YAMLError as error:
        slip = explain_error(error, front, first_line=2)
        if slip is not None:
            raise _FileProblem(Problem(file=shown, field=slip.field, line=slip.line, message=slip.message)) from None
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise _FileProblem(
            Problem(
                file=shown,
                line=mark.line + 2 if mark is not None else None,
                message=f"the front matter is not valid YAML ({reason}). Check for a missing ':', "
                "an unclosed quote or wrong indentation.",
            )
        ) from None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise _FileProblem(_no_fields(shown))
    slips = slips_in_valid_yaml(front, first_line=2)
    if slips:
        raise ContentError(
            Problem(file=shown, field=slip.field, line=slip.line, message=slip.message) for slip in slips
        )
    field_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        name = str(key_node.value)
        line = key_node.start_mark.line + 2
        if name in field_lines:
            raise _FileProblem(
                Problem(
                    file=shown,
                    field=name,
                    line=line,
                    message=f"this field is written twice (first on line {field_lines[name]}): keep one.",
                )
            )
        field_lines[name] = line
    for key_node, value_node in node.value:
        _nested_lines(str(key_node.value), value_node, field_lines)
    return _Parsed(
        data=data,
        body=split.body.strip("\n") + "\n",
        body_line=split.body_line,
        field_lines=field_lines,
        written=source_texts(node, front),
        value_lines=value_lines(node, first_line=2),
    )


def _nested_lines(path: str, node: yaml.Node, field_lines: dict[str, int]) -> None:
    """Lines of entries of list fields ("updates[2]") and their fields ("updates[2].sources[1].url"),
    numbered from 1 as people count; "<path>#text" is the line a text value itself starts on."""
    if isinstance(node, yaml.ScalarNode):
        # A block scalar (">-" or "|") starts on the line after its indicator.
        field_lines[f"{path}#text"] = node.start_mark.line + 2 + (1 if node.style in ("|", ">") else 0)
    elif isinstance(node, yaml.SequenceNode):
        for number, entry in enumerate(node.value, 1):
            inner = f"{path}[{number}]"
            field_lines.setdefault(inner, entry.start_mark.line + 2)
            _nested_lines(inner, entry, field_lines)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            inner = f"{path}.{key.value}"
            field_lines.setdefault(inner, key.start_mark.line + 2)
            _nested_lines(inner, value, field_lines)


def _collect_references(
    items: dict[str, Item],
    files: dict[str, str],
    body_lines: dict[str, int],
    field_lines: dict[str, dict[str, int]],
) -> tuple[dict[str, list[Reference]], list[Problem]]:
    """Find every cross-reference once, check that it points at something real, and hold each
    body to what content may write between {{ and }} (see templating.py)."""
    references: dict[str, list[Reference]] = {}
    problems: list[Problem] = []

    def check(item_id: str, target: str, *, field: str, line: int | None) -> None:
        message = unresolved(target, items)
        if message:
            problems.append(Problem(file=files[item_id], field=field, line=line, message=message))
        else:
            references[item_id].append(Reference(source=item_id, target=target, field=field))

    for item_id, item in items.items():
        references[item_id] = []
        listed: list[tuple[str, list[str]]] = [("related", list(item.related))]
        if isinstance(item, Myth):
            listed.append(("answered_by", list(item.answered_by)))
        for field, targets in listed:
            for target in targets:
                check(item_id, target, field=field, line=field_lines[item_id].get(field))

        for number, update in enumerate(item.updates, 1):
            # A note's text is shown escaped, never as a template; raw HTML is still a mistake to report.
            field = f"updates[{number}].what"
            problems.extend(
                check_raw_html(update.what, files[item_id], field, field_lines[item_id].get(f"{field}#text"))
            )

        for field, source, first_line in body_sources(item, body_lines[item_id], field_lines[item_id]):
            problems.extend(check_raw_html(source, files[item_id], field, first_line))
            template_problems = check_body(source)
            problems.extend(
                Problem(file=files[item_id], field=field, line=_line(first_line, found.line), message=found.message)
                for found in template_problems
            )
            if template_problems:
                continue
            try:
                tree = parse(source)
            except TemplateSyntaxError:  # reported by check_body
                continue
            for call in ref_calls(tree):
                if call.target is not None:
                    check(item_id, call.target, field=field, line=_line(first_line, call.line))
    return references, problems


def body_sources(item: Item, body_line: int | None, field_lines: dict[str, int]) -> list[tuple[str, str, int | None]]:
    """(field, Markdown, first line) for the body and, in a principle set, each rule's text."""
    bodies = [("body", item.body, body_line)]
    if isinstance(item, PrincipleSet):
        # Member texts may cite other rules too; they count as the body.
        bodies += [(f"members[{n}].text", m.text, field_lines.get("members")) for n, m in enumerate(item.members, 1)]
    return bodies


def _line(first_line: int | None, lineno: int) -> int | None:
    return None if first_line is None else first_line + lineno - 1
