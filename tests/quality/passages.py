"""Every piece of text in the content files, where it is, and the checks run over all of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.front_matter import split_front_matter

from .headings import heading_problems
from .links import EXTERNAL, link_problems, link_text_problems, url_problems
from .summaries import summary_problems
from .text import file_name


@dataclass(frozen=True)
class Passage:
    """One piece of text in a content file, and where it is."""

    file: str
    """The file, relative to the project."""
    field: str
    """'body', 'summary', 'members[2].text', 'outcomes.no-purpose.text'…"""
    text: str
    line: int | None
    """The file line the text starts on."""
    exact: bool
    """Whether line + n - 1 is the file line of the text's line n (false for folded YAML text)."""
    kind: str
    """'body', 'summary', 'text' (Markdown shown under a heading), 'url' or 'link-title'."""

    @property
    def where(self) -> str:
        """The file, line and field, for messages about the whole passage."""
        line = f", line {self.line}" if self.line is not None else ""
        return f"{self.file}{line}, field '{self.field}'"

    @property
    def within(self) -> tuple[str, int | None]:
        """(where, first_line) to pass to a check, so its messages name the exact line when known."""
        if self.exact and self.line is not None:
            return f"{self.file}, field '{self.field}'", self.line
        return self.where, None


def content_files(content_dir: Path) -> list[Path]:
    """Every content file: content/<folder>/<id>.md and content/flows/*.yml."""
    flows = content_dir / "flows"
    return sorted(content_dir.glob("*/*.md")) + sorted([*flows.glob("*.yml"), *flows.glob("*.yaml")])


def passages(content_dir: Path, *, root: Path | None = None) -> list[Passage]:
    """Every body, summary, rule text, flow text, source address and source title in the content."""
    found: list[Passage] = []
    for path in content_files(content_dir):
        file = file_name(path, root)
        text = path.read_text(encoding="utf-8")
        found += _item_passages(text, file) if path.suffix == ".md" else _flow_passages(text, file)
    return found


def content_summary_problems(found: Iterable[Passage]) -> list[str]:
    """summary_problems for every item's and flow's summary."""
    return [message for p in found if p.kind == "summary" for message in summary_problems(p.text, where=p.where)]


def content_heading_problems(found: Iterable[Passage]) -> list[str]:
    """heading_problems for every body (headings start at '##') and rule or flow text (at '###')."""
    problems = []
    for p in found:
        if p.kind in ("body", "text"):
            where, first_line = p.within
            problems += heading_problems(p.text, top=2 if p.kind == "body" else 3, where=where, first_line=first_line)
    return problems


def content_link_problems(found: Iterable[Passage]) -> list[str]:
    """link_problems for every text, and the https and link-text rules for sources[] and links[]."""
    problems = []
    for p in found:
        where, first_line = p.within
        if p.kind in ("body", "text", "summary"):
            problems += link_problems(p.text, where=where, first_line=first_line)
        elif p.kind == "url":
            problems += url_problems(p.text, where=p.where)
            if not EXTERNAL.match(p.text.strip()):
                problems.append(f"{p.where}: '{p.text}' is not a full web address: start it with https://.")
        elif p.kind == "link-title":
            problems += link_text_problems(p.text, where=p.where)
    return problems


def _item_passages(text: str, shown: str) -> list[Passage]:
    split = split_front_matter(text)  # a file without front matter is refused by the build
    found = [Passage(shown, "body", split.body, split.body_line, True, "body")]
    front = _compose(split.front)
    if not isinstance(front, yaml.MappingNode):
        return found
    fields = _mapping(front)

    def add(field: str, node: yaml.Node, kind: str) -> None:
        if isinstance(node, yaml.ScalarNode):
            found.append(_scalar_passage(shown, field, node, kind, offset=2))

    def add_links(field: str, entries: yaml.Node | None) -> None:
        """A list of links (sources, links): each one's address and title."""
        for number, entry in _sequence(entries):
            entry_fields = _mapping(entry)
            if "url" in entry_fields:
                add(f"{field}[{number}].url", entry_fields["url"], "url")
            if "title" in entry_fields:
                add(f"{field}[{number}].title", entry_fields["title"], "link-title")

    if "summary" in fields:
        add("summary", fields["summary"], "summary")
    for name in ("sources", "links"):
        add_links(name, fields.get(name))
    for number, entry in _sequence(fields.get("updates")):
        # Currency notes are content too: their text, and the addresses and titles of their sources.
        update = _mapping(entry)
        if "what" in update:
            add(f"updates[{number}].what", update["what"], "text")
        add_links(f"updates[{number}].sources", update.get("sources"))
    for number, entry in _sequence(fields.get("members")):
        member = _mapping(entry)
        if "text" in member:
            add(f"members[{number}].text", member["text"], "text")
    return found


def _flow_passages(text: str, shown: str) -> list[Passage]:
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    found: list[Passage] = []
    fields = _mapping(root)

    def add(field: str, node: yaml.Node | None, kind: str) -> None:
        if isinstance(node, yaml.ScalarNode):
            found.append(_scalar_passage(shown, field, node, kind, offset=1))

    add("summary", fields.get("summary"), "summary")
    for name in ("urgent", "record"):
        add(name, fields.get(name), "text")
    for group, keys in (("questions", ("ask", "hint")), ("outcomes", ("title", "text"))):
        node = fields.get(group)
        if isinstance(node, yaml.MappingNode):
            for name, step in _mapping(node).items():
                step_fields = _mapping(step)
                for key in keys:
                    add(f"{group}.{name}.{key}", step_fields.get(key), "text")
    for number, step in _sequence(fields.get("how")):
        add(f"how[{number}].text", _mapping(step).get("text"), "text")
    return found


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # the loader reports broken YAML


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _sequence(node: yaml.Node | None) -> list[tuple[int, yaml.Node]]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    return list(enumerate(node.value, 1))


def _scalar_passage(shown: str, field: str, node: yaml.ScalarNode, kind: str, *, offset: int) -> Passage:
    # A block scalar (| or >) starts on the line after its indicator. Only a literal
    # block (|) keeps its line breaks, so only there do line numbers inside it hold.
    block = node.style in ("|", ">")
    line = node.start_mark.line + offset + (1 if block else 0)
    return Passage(shown, field, str(node.value), line, node.style == "|", kind)
