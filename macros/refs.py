"""``ref()``: how staff text links to an item (``{{ ref('id') }}``) or to one of its rules
(``{{ ref('id#rule-4') }}``), optionally with its own words (``{{ ref('id', 'link text') }}``).

This module owns the whole idea: finding the calls in a parsed body or page file (with their
lines), checking that each points at something real (and saying plainly what is wrong when it
does not), and the Markdown link each becomes. The loader, the page-file checks, the decision
flows, the old-address checks, the renderer and the content-quality tests all go through it.
What else may stand between ``{{`` and ``}}`` is templating.py's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import nodes
from markupsafe import Markup

from .corpus import Corpus, relative_link
from .escaping import md_escape
from .problems import did_you_mean
from .schema import Item, PrincipleSet

NAME = "ref"
"""The name staff text calls."""

HOW_TO_LINK = "To link to another item write {{ ref('item-id') }} or {{ ref('item-id', 'link text') }}."
NEEDS_QUOTED_ID = "ref() needs the id of an item in quotes, like {{ ref('seven-golden-rules') }}."


@dataclass(frozen=True)
class RefCall:
    """One ``ref(...)`` call as written."""

    target: str | None
    """The quoted id (``'id'`` or ``'id#anchor'``); None when it is not quoted text."""
    text: str | None
    """The link text given (second argument or ``text=``), when it is quoted text."""
    line: int
    """The line of the parsed text the call is on, counted from 1."""


def ref_calls(template: nodes.Template) -> list[RefCall]:
    """Each ``ref(...)`` call in a parsed template (template_parsing.parse), in the order written."""
    return [found for call in template.find_all(nodes.Call) if (found := _ref_call(call)) is not None]


def _ref_call(call: nodes.Node) -> RefCall | None:
    if not (isinstance(call, nodes.Call) and isinstance(call.node, nodes.Name) and call.node.name == NAME):
        return None
    texts = [*call.args[1:2], *(keyword.value for keyword in call.kwargs if keyword.key == "text")]
    return RefCall(
        target=_quoted(call.args[0]) if call.args else None,
        text=next((text for text in map(_quoted, texts) if text is not None), None),
        line=call.lineno,
    )


def as_read(template: nodes.Template) -> str:
    """The text as a reader reads it, without the corpus at hand: each ``ref()`` as its own link
    text, or as the words of the id ('seven-golden-rules#rule-4' reads 'seven golden rules').
    For comparing versions and judging readability; pages use link(). Other markup is left out."""
    parts: list[str] = []
    for output in template.body:
        for part in output.nodes if isinstance(output, nodes.Output) else []:
            if isinstance(part, nodes.TemplateData):
                parts.append(part.data)
            elif (call := _ref_call(part)) is not None:
                parts.append(call.text or (call.target or "").partition("#")[0].replace("-", " "))
    return "".join(parts)


def _quoted(node: nodes.Node) -> str | None:
    return node.value if isinstance(node, nodes.Const) and isinstance(node.value, str) else None


def unresolved(target: str, items: dict[str, Item]) -> str | None:
    """Say in plain words what is wrong with a reference, or None when it resolves."""
    item_id, _, anchor = target.partition("#")
    item = items.get(item_id)
    if item is None:
        return f"'{item_id}' is not the id of any item.{did_you_mean(item_id, items)}"
    if anchor:
        anchors = [item.anchor(n) for n in range(1, len(item.members) + 1)] if isinstance(item, PrincipleSet) else []
        if anchor not in anchors:
            known = f" It has: {', '.join(anchors)}." if anchors else " It has no numbered rules to point at."
            return f"'{item_id}' has no rule '#{anchor}'.{known}"
    return None


def unresolved_calls(template: nodes.Template, items: dict[str, Item]) -> list[tuple[int, str]]:
    """(line, message) for each quoted ``ref()`` target in the template that leads nowhere."""
    return [
        (call.line, message)
        for call in ref_calls(template)
        if call.target is not None and (message := unresolved(call.target, items))
    ]


def retarget_calls(source: str, old: str, new: str) -> str:
    """The text with every ``ref('old')`` (or ``ref('old#anchor')``) pointing at ``new`` instead,
    everything else as written: ``make rename`` edits files in place, so this works on the text."""
    return re.sub(
        r"""(ref\(\s*(['"]))""" + re.escape(old) + r"(#[a-z0-9-]+)?(?=\2)",
        lambda m: m.group(1) + new + (m.group(3) or ""),
        source,
    )


@dataclass(frozen=True)
class Target:
    """Where a reference leads and what the link should say."""

    item: Item
    doc_path: str
    anchor: str
    label: str


def resolve(corpus: Corpus, target: str) -> Target:
    """Find what ``id`` or ``id#anchor`` points at; the loader has already checked it exists."""
    item_id, _, anchor = target.partition("#")
    item = corpus.items[item_id]
    anchor = anchor or corpus.anchor_of(item_id)
    label = item.link_text
    if anchor and isinstance(item, PrincipleSet):
        number = int(anchor.rpartition("-")[2])
        label = f"{item.member_label} {number}: {item.members[number - 1].name}"
    return Target(item=item, doc_path=corpus.doc_path(item_id), anchor=anchor, label=label)


def link(corpus: Corpus, target: str, text: str | None = None, *, from_doc: str) -> Markup:
    """The Markdown link ``ref(target, text)`` becomes on the page ``from_doc``: the item's (or
    rule's) name unless the author gave words of their own, both escaped."""
    resolved = resolve(corpus, target)
    href = relative_link(from_doc, resolved.doc_path)
    if resolved.anchor:
        href += f"#{resolved.anchor}"
    return Markup(f"[{md_escape(text or resolved.label)}]({href})")
