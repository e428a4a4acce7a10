"""What staff-written text may do between ``{{`` and ``}}``, and rendering it from its checked tree.

Content bodies, rule texts and page files are templates, so they are code. They are held to a
closed list, checked on the parsed template before anything is rendered:

- a content body or rule text may only call ``ref('item-id')`` or ``ref('item-id', 'link text')``;
- a page file in docs/ may call the generator's page functions with quoted text, and read
  ``config.extra`` settings (``{{ config.extra.partnership.name }}``).

Nothing else is allowed: no attributes, filters, statements or other names. Nothing is compiled:
``render_checked`` and ``render_checked_page`` read the checked tree (template_parsing.parse), write
out its text and call the allowed functions, and refuse any other node, so even a check missed here
cannot run anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from jinja2 import TemplateSyntaxError, nodes
from markupsafe import Markup, escape

from . import refs
from .front_matter import split_front_matter
from .problems import did_you_mean
from .template_parsing import parse

BODY_FUNCTIONS = frozenset({refs.NAME})
"""What a content body may call."""

PAGE_FUNCTIONS = frozenset(
    {
        "item_page",
        "kind_index",
        refs.NAME,
        "decision_tool",
        "whole_guidance",
        "review_status",
        "what_has_changed",
        "accessibility_testing",
        "site_file_link",
        "moved_page",
        "withdrawn_page",
        "referral_contacts",
        "changes_in_law",
    }
)
"""What a page file in docs/ may call: the generator's documented page functions."""

PAGE_SETTINGS = "config"
"""The one name a page may read settings from, and only below ``config.extra``."""

_HOW_TO_LINK = refs.HOW_TO_LINK


@dataclass(frozen=True)
class TemplateProblem:
    line: int
    message: str


class UncheckedTemplate(ValueError):
    """A text holds something its check would have refused: the check was skipped."""


def render_checked(source: str, ref: Callable[..., object]) -> Markup:
    """A body as its page shows it: its text as written, and each ``ref()`` call as what ``ref``
    returns for the same quoted arguments (escaped unless it is Markup, as Jinja's autoescape does).

    The parsed tree is read rather than compiled: a body that passed check_body holds nothing else,
    and whatever else is found raises UncheckedTemplate before anything is called.
    """

    def value(node: nodes.Node) -> str:
        args, kwargs = _quoted_ref_arguments(node)
        return escape(ref(*args, **kwargs))

    return Markup(_render_tree(parse(source), value))


def render_checked_page(
    tree: nodes.Template,
    functions: Mapping[str, Callable[..., object]],
    settings: object,
    getattr: Callable[[object, str], object],
) -> str:
    """A page file as mkdocs-macros renders it, from the tree its environment parsed (no autoescape):
    each page function called with its written-out values, and each ``config.extra…`` read with
    ``getattr`` (that environment's own, so a missing setting fails as it would there) from
    ``settings`` (``config``).

    As for bodies, the tree that check_page passed is read, not compiled; anything else raises
    UncheckedTemplate before anything is called.
    """

    def value(node: nodes.Node) -> str:
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in PAGE_FUNCTIONS:
            function = functions[node.node.name]
            values: list[nodes.Node] = [*node.args, *(keyword.value for keyword in node.kwargs)]
            if (
                node.dyn_args is not None
                or node.dyn_kwargs is not None
                or not all(map(_is_literal, values))
                or _repeated_keyword(node)
            ):
                raise UncheckedTemplate(
                    f"{node.node.name}() with values that are not written out, on line {node.lineno}"
                )
            args = [argument.as_const() for argument in node.args]
            return str(function(*args, **{keyword.key: keyword.value.as_const() for keyword in node.kwargs}))
        if (names := _setting_names(node, PAGE_SETTINGS)) is not None:
            found = settings
            for name in names:
                found = getattr(found, name)
            return str(found)
        raise UncheckedTemplate(f"'{_describe(node)}' on line {node.lineno}")

    return _render_tree(tree, value)


def _render_tree(tree: nodes.Template, value: Callable[[nodes.Node], str]) -> str:
    """The text of a checked tree: its text as written and each expression as ``value`` gives it."""
    parts: list[str] = []
    for output in tree.body:
        if not isinstance(output, nodes.Output):
            raise UncheckedTemplate(f"a '{{% … %}}' instruction on line {output.lineno}")
        for part in output.nodes:
            parts.append(part.data if isinstance(part, nodes.TemplateData) else value(part))
    return "".join(parts)


def _quoted_ref_arguments(node: nodes.Node) -> tuple[list[str], dict[str, str]]:
    """The quoted arguments of a ``ref()`` call; UncheckedTemplate for any other expression."""
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == refs.NAME):
        raise UncheckedTemplate(f"'{_describe(node)}' on line {node.lineno}")
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        raise UncheckedTemplate(f"ref() with unpacked arguments on line {node.lineno}")
    if repeated := _repeated_keyword(node):
        raise UncheckedTemplate(f"ref() given '{repeated}=' twice on line {node.lineno}")
    args = [_quoted_text(value, node.lineno) for value in node.args]
    kwargs = {keyword.key: _quoted_text(keyword.value, node.lineno) for keyword in node.kwargs}
    return args, kwargs


def _quoted_text(node: nodes.Node, line: int) -> str:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    raise UncheckedTemplate(f"ref() with '{_describe(node)}' on line {line}: only quoted text")


def check_body(source: str) -> list[TemplateProblem]:
    """Everything in a body's ``{{ }}`` that is not a plain ``ref()`` call, in plain words."""
    return _check(source, functions=BODY_FUNCTIONS, settings=None, subject="the body")


def check_page(source: str) -> list[TemplateProblem]:
    """Everything in a page file's ``{{ }}`` outside the page functions and ``config.extra``.

    The body is checked exactly as mkdocs-macros will render it (after the front matter), and the
    whole file too, so that a comment in the front matter cannot hide the body from the check.
    Front matter itself may hold no template markers: the page's title is rendered as a template.
    """
    split = split_front_matter(source)
    problems = [
        TemplateProblem(found.line + split.body_line - 1, found.message)
        for found in _check(split.body, functions=PAGE_FUNCTIONS, settings=PAGE_SETTINGS, subject="a page")
    ]
    marker = re.search(r"\{[{%#]|[{%#]\}", split.front)
    if marker:
        problems.append(
            TemplateProblem(
                split.front.count("\n", 0, marker.start()) + 2,
                f"'{marker.group(0)}' is not allowed in a page's front matter (between the '---' lines).",
            )
        )
    if not problems:
        problems = _check(source, functions=PAGE_FUNCTIONS, settings=PAGE_SETTINGS, subject="a page")
    return problems


def _check(source: str, *, functions: frozenset[str], settings: str | None, subject: str) -> list[TemplateProblem]:
    try:
        tree = parse(source)
    except TemplateSyntaxError as error:
        return [TemplateProblem(error.lineno, f"a '{{{{ … }}}}' instruction is broken: {error.message}.")]
    except RecursionError:
        return [TemplateProblem(1, "a '{{ … }}' instruction is nested too deeply to read: write it plainly.")]
    problems: list[TemplateProblem] = []
    for output in tree.body:
        if not isinstance(output, nodes.Output):
            problems.append(
                TemplateProblem(
                    output.lineno,
                    "'{% … %}' instructions are not allowed here: only {{ … }} links are. " + _HOW_TO_LINK,
                )
            )
            continue
        for part in output.nodes:
            if isinstance(part, nodes.TemplateData):
                continue
            problems.extend(_check_expression(part, functions, settings, subject))
    return problems


def _check_expression(
    expr: nodes.Node, functions: frozenset[str], settings: str | None, subject: str
) -> list[TemplateProblem]:
    line = expr.lineno
    if isinstance(expr, nodes.Call):
        callee = expr.node
        if not isinstance(callee, nodes.Name) or callee.name not in functions:
            return [_unknown(callee, functions, line, subject)]
        if expr.dyn_args is not None or expr.dyn_kwargs is not None:
            return [TemplateProblem(line, f"{callee.name}() takes quoted text only. {_HOW_TO_LINK}")]
        if repeated := _repeated_keyword(expr):
            return [TemplateProblem(line, f"{callee.name}() is given '{repeated}=' more than once: write it once.")]
        if callee.name == refs.NAME and (
            len(expr.args) > 2
            or any(keyword.key != "text" for keyword in expr.kwargs)
            or (len(expr.args) == 2 and expr.kwargs)
        ):
            return [TemplateProblem(line, f"ref() takes an item's id and, if you like, the link text. {_HOW_TO_LINK}")]
        values: Iterable[nodes.Node] = [*expr.args, *(keyword.value for keyword in expr.kwargs)]
        if callee.name == refs.NAME:
            literal = bool(expr.args) and all(isinstance(v, nodes.Const) and isinstance(v.value, str) for v in values)
        else:
            literal = all(_is_literal(v) for v in values)
        if not literal:
            if callee.name == refs.NAME:
                return [TemplateProblem(line, refs.NEEDS_QUOTED_ID)]
            return [
                TemplateProblem(
                    line,
                    f"{callee.name}() takes written-out values only (text in quotes, true or false, a list or a mapping of them).",
                )
            ]
        return []
    if settings is not None and _is_setting(expr, settings):
        return []
    if isinstance(expr, nodes.Name):
        return [_unknown(expr, functions, line, subject)]
    return [
        TemplateProblem(
            line,
            f"'{_describe(expr)}' is not allowed between {{{{ and }}}}: content can only link to items. {_HOW_TO_LINK}",
        )
    ]


def _repeated_keyword(call: nodes.Call) -> str | None:
    """A keyword written twice in one call, which Jinja parses but Python will not run (the page
    would render with the last one, while the checks and the change history read the first)."""
    keys = [keyword.key for keyword in call.kwargs]
    return next((key for key in keys if keys.count(key) > 1), None)


def _is_literal(expr: nodes.Node) -> bool:
    """Text, numbers, true/false, and lists or mappings of them: values that run nothing."""
    if isinstance(expr, nodes.Const):
        return isinstance(expr.value, (str, bool, int, float)) or expr.value is None
    if isinstance(expr, (nodes.List, nodes.Tuple)):
        return all(_is_literal(item) for item in expr.items)
    if isinstance(expr, nodes.Dict):
        return all(_is_literal(pair.key) and _is_literal(pair.value) for pair in expr.items)
    return False


def _is_setting(expr: nodes.Node, settings: str) -> bool:
    return _setting_names(expr, settings) is not None


def _setting_names(expr: nodes.Node, settings: str) -> list[str] | None:
    """The names read in ``config.extra.a.b`` (``['extra', 'a', 'b']``): attribute names only, no
    underscores at the start, rooted at config.extra; None for any other expression."""
    names: list[str] = []
    while isinstance(expr, nodes.Getattr):
        names.append(expr.attr)
        expr = expr.node
    names.reverse()
    if (
        isinstance(expr, nodes.Name)
        and expr.name == settings
        and len(names) >= 2
        and names[0] == "extra"
        and all(name.isidentifier() and not name.startswith("_") for name in names)
    ):
        return names
    return None


def _unknown(callee: nodes.Node, functions: frozenset[str], line: int, subject: str) -> TemplateProblem:
    if isinstance(callee, nodes.Name):
        return TemplateProblem(
            line,
            f"'{callee.name}' is not something {subject} can use.{did_you_mean(callee.name, functions)} {_HOW_TO_LINK}",
        )
    return TemplateProblem(line, f"'{_describe(callee)}' is not allowed between {{{{ and }}}}. {_HOW_TO_LINK}")


def _describe(expr: nodes.Node) -> str:
    """A short readable rendering of an expression for a message, e.g. ref.__globals__."""
    if isinstance(expr, nodes.Name):
        return expr.name
    if isinstance(expr, nodes.Getattr):
        return f"{_describe(expr.node)}.{expr.attr}"
    if isinstance(expr, nodes.Getitem):
        return f"{_describe(expr.node)}[…]"
    if isinstance(expr, nodes.Call):
        return f"{_describe(expr.node)}(…)"
    if isinstance(expr, nodes.Filter):
        return f"… | {expr.name}"
    if isinstance(expr, nodes.Const):
        return repr(expr.value)
    return type(expr).__name__.lower()
