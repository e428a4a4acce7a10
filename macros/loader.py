"""Read every content file once, validate it, and return the whole corpus.

Everything that can be wrong with the content is found here, before a single
page is written, and reported together with the file, field and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes
from pydantic import TypeAdapter, ValidationError

from .corpus import Corpus, Reference, find_refs, unresolved
from .problems import ContentError, Problem, did_you_mean, problems_from_validation
from .schema import KIND_BY_FOLDER, KINDS, AnyItem, Item, Myth, PrincipleSet

BODY_FUNCTIONS = frozenset({"ref"})
"""What an item's body may call; anything else is a typo."""

_FRONT_MATTER_FENCE = "---"
# Raw HTML would bypass escaping; autolinks such as <https://…> stay allowed.
_RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?/?>")
_AUTOLINK = re.compile(r"<(https?://|mailto:)[^>\s]+>")

_ITEM_ADAPTER: TypeAdapter[Item] = TypeAdapter(AnyItem)


class _ContentYamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a date like 2026-13-01 gets our plain message, not a crash."""


_ContentYamlLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass(frozen=True)
class _Parsed:
    """A content file split into its front matter and Markdown body."""

    data: dict[str, Any]
    body: str
    body_line: int
    field_lines: dict[str, int]


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
        if path.is_dir() or path.name.startswith("."):
            continue
        shown = _display(path, project_dir)
        relative = path.relative_to(content_dir)
        if path.suffix in (".yml", ".yaml") and relative.parts[0] == "flows":
            continue  # decision flows are data files, loaded by the flow module
        if path.suffix != ".md":
            problems.append(
                Problem(file=shown, message="this is not a content file: items are Markdown files ending in .md.")
            )
            continue
        try:
            item, parsed = _load_item(path, relative, shown)
        except _FileProblem as failure:
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


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _load_item(path: Path, relative: Path, shown: str) -> tuple[Item, _Parsed]:
    parsed = _parse(path.read_text(encoding="utf-8"), shown)
    data = parsed.data

    def wrong(field: str, message: str) -> _FileProblem:
        return _FileProblem(Problem(file=shown, field=field, line=parsed.field_lines.get(field), message=message))

    if "body" in data:
        raise wrong("body", "write the body below the closing '---', not as a field.")
    kind_name = data.get("kind")
    if kind_name is None:
        raise wrong("kind", f"this required field is missing. Say what sort of item this is: one of {', '.join(KINDS)}.")
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
    return item, parsed


def _parse(text: str, shown: str) -> _Parsed:
    if not text.strip():
        raise _FileProblem(
            Problem(file=shown, message="the file is empty. Start it with front matter between two '---' lines.")
        )
    lines = text.splitlines()
    if lines[0].strip() != _FRONT_MATTER_FENCE:
        raise _FileProblem(
            Problem(file=shown, line=1, message="the file must start with a line holding only '---'.")
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == _FRONT_MATTER_FENCE)
    except StopIteration:
        raise _FileProblem(
            Problem(
                file=shown,
                message="the front matter is never closed: add a line holding only '---' after the last field.",
            )
        ) from None
    front = "\n".join(lines[1:end])
    try:
        loader = _ContentYamlLoader(front)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
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
        raise _FileProblem(
            Problem(
                file=shown,
                line=2,
                message="the front matter must be 'field: value' lines, such as 'title: Crime and Disorder Act 1998'.",
            )
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
    body = "\n".join(lines[end + 1 :]).strip("\n") + "\n"
    return _Parsed(data=data, body=body, body_line=end + 2, field_lines=field_lines)


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
    """Find every cross-reference once and check that it points at something real."""
    parser = Environment()
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
            problems.extend(_check_raw_html(update.what, files[item_id], field, field_lines[item_id].get(f"{field}#text")))

        bodies = [("body", item.body, body_lines[item_id])]
        if isinstance(item, PrincipleSet):
            # Member texts may cite other rules too; they count as the body.
            bodies += [(f"members[{n}].text", m.text, field_lines[item_id].get("members")) for n, m in enumerate(item.members, 1)]
        for field, source, first_line in bodies:
            problems.extend(_check_raw_html(source, files[item_id], field, first_line))
            try:
                tree = parser.parse(source)
            except TemplateSyntaxError as error:
                problems.append(
                    Problem(
                        file=files[item_id],
                        field=field,
                        line=_line(first_line, error.lineno),
                        message=f"a '{{{{ … }}}}' instruction is broken: {error.message}.",
                    )
                )
                continue
            for name in tree.find_all(nodes.Name):
                if name.ctx == "load" and name.name not in BODY_FUNCTIONS:
                    problems.append(
                        Problem(
                            file=files[item_id],
                            field=field,
                            line=_line(first_line, name.lineno),
                            message=f"'{name.name}' is not something the body can use."
                            f"{did_you_mean(name.name, BODY_FUNCTIONS)} To link to another item write "
                            "{{ ref('item-id') }}.",
                        )
                    )
            for target, lineno in find_refs(tree):
                if target is None:
                    problems.append(
                        Problem(
                            file=files[item_id],
                            field=field,
                            line=_line(first_line, lineno),
                            message="ref() needs the id of an item in quotes, like {{ ref('seven-golden-rules') }}.",
                        )
                    )
                else:
                    check(item_id, target, field=field, line=_line(first_line, lineno))
    return references, problems


def _line(first_line: int | None, lineno: int) -> int | None:
    return None if first_line is None else first_line + lineno - 1


def _check_raw_html(source: str, file: str, field: str, first_line: int | None) -> list[Problem]:
    problems = []
    for number, text in enumerate(source.splitlines(), 1):
        for match in _RAW_HTML.finditer(_AUTOLINK.sub("", text)):
            problems.append(
                Problem(
                    file=file,
                    field=field,
                    line=_line(first_line, number),
                    message=f"raw HTML ('{match.group(0)}') is not allowed in content: use Markdown instead.",
                )
            )
    return problems
