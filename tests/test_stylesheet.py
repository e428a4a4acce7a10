"""The site's own stylesheet is read by browsers as written.

A rule left open does not break the page visibly: CSS nesting swallows every rule after it into
the open one, and they silently stop applying (it happened: the redline and the printed edition's
styles were lost behind an unclosed search-hint rule). Browsers report no error, so this reads the
file as a CSS parser would and fails on the first rule that is not where its author meant it.
"""

from __future__ import annotations

import re

from conftest import ROOT

STYLESHEETS = sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css"))
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")
# At-rules that hold rules, not declarations.
_GROUPING = re.compile(r"@(media|supports|layer|container|document)\b")


def nesting_problems(css: str) -> list[str]:
    """Each rule opened inside a style rule, or a brace left open or closed twice, with its line."""
    text = _STRING.sub(
        lambda m: re.sub(r"[{}]", " ", m.group()), _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), css)
    )
    problems: list[str] = []
    stack: list[tuple[str, int]] = []
    start = 0
    for match in re.finditer(r"[{};]", text):
        line = text.count("\n", 0, match.start()) + 1
        prelude = text[start : match.start()].strip()
        if match.group() == "{":
            grouping = bool(_GROUPING.match(prelude))
            if stack and stack[-1][0] == "style":
                problems.append(f"line {line}: '{prelude[:60]}' opens inside the rule opened on line {stack[-1][1]}")
            stack.append(("group" if grouping else "style", line))
        elif match.group() == "}":
            if not stack:
                problems.append(f"line {line}: a '}}' closes nothing")
            else:
                stack.pop()
        start = match.end()
    problems.extend(f"line {line}: this rule is never closed" for _, line in stack)
    return problems


def test_the_checker_finds_a_rule_left_open() -> None:
    assert nesting_problems("a {\n  color: red;\n.b { color: blue; }\n") == [
        "line 3: '.b' opens inside the rule opened on line 1",
        "line 1: this rule is never closed",
    ]
    assert nesting_problems("@media print {\n  a { color: red; }\n}\n/* { */ b::after { content: '{'; }\n") == []


def test_every_rule_of_the_site_stylesheets_stands_on_its_own() -> None:
    assert STYLESHEETS, "the site's stylesheets were not found"
    for sheet in STYLESHEETS:
        problems = nesting_problems(sheet.read_text(encoding="utf-8"))
        assert not problems, f"{sheet.relative_to(ROOT)}:\n" + "\n".join(problems)
