"""Content YAML is read by libyaml (fast) and means exactly what PyYAML's Python reader made of it.

Every message about front matter quotes PyYAML's marks and problems (yaml_slips.py), so the C
reader may only be used where it agrees to the character: the same values, the same line, column
and position of every value, and, for anything refused, PyYAML's own refusal.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import ROOT

from macros.content_files import (
    ContentYamlLoader,
    PythonContentYamlLoader,
    PythonTextYamlLoader,
    TextYamlLoader,
    yaml_tokens,
)

PAIRS = [
    (PythonContentYamlLoader, ContentYamlLoader),
    (PythonTextYamlLoader, TextYamlLoader),
]


def _read(loader: Any, text: str) -> tuple[Any, ...]:
    """What a reader makes of a text: every node with its marks and the data, or the error."""
    try:
        reader = loader(text)
        try:
            node = reader.get_single_node()
            data = reader.construct_document(node) if node is not None else None
        finally:
            reader.dispose()
    except RecursionError:
        return ("refused", "RecursionError")  # its wording depends on where the stack ran out
    except (yaml.YAMLError, ValueError) as error:
        return ("refused", type(error).__name__, str(error))
    nodes: list[tuple[Any, ...]] = []
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            nodes.append(("again", current.start_mark.index))
            continue  # an alias (what libyaml composes one to): the node is already listed
        seen.add(id(current))
        nodes.append(
            (
                type(current).__name__,
                current.tag,
                current.value if isinstance(current, yaml.ScalarNode) else None,
                getattr(current, "style", None) or None,
                current.start_mark.line,
                current.start_mark.column,
                current.start_mark.index,
                current.end_mark.index,
            )
        )
        if isinstance(current, yaml.MappingNode):
            stack += [part for pair in current.value for part in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
    return ("read", repr(data), nodes)


def _tokens(tokens: list[yaml.Token]) -> list[tuple[Any, ...]]:
    """What the slip checks read of tokens: positions, and the lines and quotes of values."""
    return [
        (token.start_mark.index, token.end_mark.index)
        + (
            (token.style or None, token.start_mark.line, token.end_mark.line)
            if isinstance(token, yaml.ScalarToken)
            else ()
        )
        for token in tokens
    ]


def _front(path: Any) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return str(text)
    return str(text.split("\n---", 1)[0][3:].strip("\n"))


CONTENT = sorted([*ROOT.glob("content/**/*.md"), *ROOT.glob("content/**/*.yml")])

TRICKY = [
    "title: A\ttab inside\n",
    "\ttitle: pushed in by a tab\n",
    "url: https://example.org/a\tb\n",
    "title: A\r\nsummary: B\r\n",
    "words: [a, b?c, d]\n",
    'words: ["a]", b?c]\n',
    "words: [\n  a, b,\n  c?d]\nask: Can I share?\n",
    "ask: Can I share? [yes]\n",
    "text: >#-\n  words\n",
    "a: 1\n? &x 1\n  ",
    "? ",
    "aliases: [CDA: ]\n",
    "title:",
    "a: &x [1, 2]\nb: *x\n",
    "a: &x 1\n",
    "a0: &a0 [x, x]\na1: &a1 [*a0, *a0]\n",
    "a: &a [*a]\n",
    "title: *Important*\n",
    "date: 2026-13-01\nwhen: 2026-01-01\n",
    "tag: !thing value\n",
    "words: !:!odd value\n",
    "words: [!a.b!c x]\n",
    "n: " + "9" * 5000 + "\n",
    "deep: " + "[" * 2000 + "]" * 2000 + "\n",
    'title: "open quote\nsummary: x"\n',
    "title: Clare's Law: the right to ask\n",
    "title: Section 115 #2 of the Act\n",
    "a: '\ufeffmark'\n",
    "a: b\u2028c\n",
    "a: b\x85c\n",
]


@pytest.mark.parametrize("path", CONTENT, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_content_file_reads_the_same_in_c_as_in_python(path: Any) -> None:
    text = _front(path)
    for python, fast in PAIRS:
        assert _read(fast, text) == _read(python, text)
    assert _tokens(yaml_tokens(text)) == _tokens(list(iter(PythonTextYamlLoader(text).get_token, None)))


@pytest.mark.parametrize("text", TRICKY, ids=lambda text: repr(text[:30]))
def test_texts_libyaml_reads_differently_get_pythons_meaning_and_messages(text: str) -> None:
    for python, fast in PAIRS:
        assert _read(fast, text) == _read(python, text)


def test_an_alias_bomb_is_refused_at_its_first_alias_with_the_line() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    with pytest.raises(yaml.composer.ComposerError) as refused:
        yaml.load("\n".join(lines), Loader=ContentYamlLoader)  # noqa: S506 - a SafeLoader
    assert refused.value.problem_mark is not None and refused.value.problem_mark.line == 1
    assert "anchors and aliases" in str(refused.value.problem)
