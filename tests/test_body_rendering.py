"""Checked bodies and page files render exactly as Jinja would render them, without being compiled.

Jinja is the reference: each body is rendered both ways with the same ``ref`` (against the sandbox
bodies were once compiled in), each page file both ways with the same page functions (against an
environment made as mkdocs-macros makes its own), and the text must match to the character
(whitespace control, raw blocks, comments, trailing newlines).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2 import nodes as jinja_nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from macros import _render_page_file, template_parsing
from macros.problems import PluginError
from macros.template_parsing import parse
from macros.templating import (
    PAGE_FUNCTIONS,
    UncheckedTemplate,
    check_body,
    check_page,
    render_checked,
    render_checked_page,
)


def fake_ref(target: str, text: str | None = None) -> Markup:
    return Markup(f"[{text or target.upper()}](/{target}/)")


def plain_ref(target: str, text: str | None = None) -> str:
    """A ref that returns plain text, which autoescape must escape."""
    return f"<{target}> & {text}"


BODIES = [
    "",
    "Plain text with no calls.",
    "Text ending in a newline.\n",
    "Two trailing newlines.\n\n",
    "{{ ref('seven-golden-rules') }}",
    "See {{ ref('a') }} and {{ ref('b', 'the b page') }}.\n",
    "Keyword text: {{ ref('a', text='words') }}",
    "Anchor: {{ ref('rules#rule-4') }}",
    'Double quotes: {{ ref("a", "it\'s") }}',
    "Whitespace control:   {{- ref('a') -}}   after\n",
    "A comment {# a note for editors #} in the middle.",
    "Raw block: {% raw %}{{ ref('a') }}{% endraw %} stays as written.",
    "Markup <b>stays</b> & so do &amp; entities.",
    "Unicode: café — ‘quotes’ 日本\n",
    "Line one\n{{ ref('a') }}\nline three\n",
    "A single { brace and } another.",
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("ref", [fake_ref, plain_ref])
def test_a_checked_body_renders_as_the_sandbox_renders_it(body: str, ref: object) -> None:
    sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)
    expected = sandbox.from_string(body).render(ref=ref)
    assert render_checked(body, ref) == expected  # type: ignore[arg-type]


def test_every_body_in_the_table_passes_the_check() -> None:
    # The table is worth its keep only if the check lets its bodies through: a body the check
    # refuses is never rendered.
    assert [body for body in BODIES if check_body(body)] == []


@pytest.mark.parametrize(
    "body",
    [
        "{{ config }}",
        "{{ ref }}",
        "{{ ref('a') ~ 'x' }}",
        "{{ ref('a') | upper }}",
        "{{ ref('a').__class__ }}",
        "{{ ref(*['a']) }}",
        "{{ ref(**{'target': 'a'}) }}",
        "{{ ref(target) }}",
        "{{ ref(1) }}",
        "{{ ref('a', text=x) }}",
        "{{ other('a') }}",
        "{% set x = ref %}{{ x('a') }}",
        "{% if true %}yes{% endif %}",
        "{{ '{{' }}",
        "{{ ref('a', text='shown to reviewers', text='shown to readers') }}",
    ],
)
def test_anything_but_text_and_quoted_ref_calls_is_refused_before_anything_is_called(body: str) -> None:
    calls: list[tuple[object, ...]] = []

    def recording_ref(*args: object, **kwargs: object) -> Markup:
        calls.append(args)
        return Markup("")

    with pytest.raises(UncheckedTemplate):
        render_checked(f"Before. {body} After.", recording_ref)
    assert calls == []
    assert check_body(body), "the check refuses it too"


@pytest.mark.parametrize(
    "text",
    ["", "one line", "two\nlines\n", "windows\r\nline\rendings\r\n", "a { brace } and % and # and }}", "\n", "é ‘x’"],
)
def test_text_without_template_markers_parses_as_jinja_parses_it(text: str, given_to_jinja: list[str]) -> None:
    assert parse(text) == Environment(keep_trailing_newline=True).parse(text)
    assert given_to_jinja == [], "text without markers never needs Jinja's lexer"
    assert (
        render_checked(text, fake_ref)
        == ImmutableSandboxedEnvironment(keep_trailing_newline=True).from_string(text).render()
    )


# --- Page files: rendered as mkdocs-macros' own environment renders them --------------------------

PAGES = [
    '{{ item_page("care-act-2014") }}\n',
    "{{ kind_index('Legislation', intro='Laws that allow sharing.') }}\n\nAfter.\n",
    '# Whole\n\n{{ whole_guidance(figures={"when-and-how-to-share": "main"}, edition=true) }}\n',
    "Run by {{ config.extra.partnership.name }}.\n\n{{ review_status() }}",
    "{{ decision_tool('main') }}\n\n\n",
    "No calls at all.\r\nWindows lines.\r\n",
    "{{- referral_contacts() -}}\n",
]


def page_functions() -> dict[str, object]:
    def shows(name: str) -> object:
        return lambda *args, **kwargs: f"<{name} {args!r} {sorted(kwargs.items())!r}>"

    return {name: shows(name) for name in PAGE_FUNCTIONS}


CONFIG = {"extra": {"partnership": {"name": "Pan-Cheshire <partnerships> & co"}}}


@pytest.mark.parametrize("source", PAGES)
def test_a_checked_page_renders_as_mkdocs_macros_renders_it(source: str) -> None:
    assert check_page(source) == []
    macros_env = Environment(undefined=StrictUndefined)  # as mkdocs-macros makes it: no autoescape
    macros_env.globals.update(page_functions())
    expected = macros_env.from_string(source).render(config=CONFIG)
    rendered = render_checked_page(macros_env.parse(source), page_functions(), CONFIG, macros_env.getattr)  # type: ignore[arg-type]
    assert rendered == expected


@pytest.mark.parametrize(
    "source",
    [
        "{{ config }}",
        "{{ config.extra }}",
        "{{ config.site_name }}",
        "{{ item_page(config.extra.x) }}",
        "{{ item_page(*['x']) }}",
        "{{ item_page('x') | upper }}",
        "{{ cycler }}",
        "{% include 'x' %}",
        "{{ kind_index('Legislation', intro='a', intro='b') }}",
    ],
)
def test_anything_else_in_a_page_is_refused_before_anything_is_called(source: str) -> None:
    called: list[str] = []
    functions = {name: (lambda *args, **kwargs: called.append("called") or "") for name in PAGE_FUNCTIONS}
    env = Environment(undefined=StrictUndefined)
    with pytest.raises(UncheckedTemplate):
        render_checked_page(env.parse(f"Before. {source}"), functions, CONFIG, env.getattr)
    assert called == []
    assert check_page(source), "check_page refuses it too"


def test_a_missing_setting_fails_as_it_would_in_mkdocs_macros() -> None:
    env = Environment(undefined=StrictUndefined)
    with pytest.raises(UndefinedError):
        render_checked_page(env.parse("{{ config.extra.nowhere.name }}"), {}, CONFIG, env.getattr)


# --- Parsing: the quick paths make the tree Jinja's parser makes, line numbers included --------------


def tree_of(node: object) -> object:
    """A node as nested tuples of its type, line, fields and children, for comparing two trees whole."""
    if isinstance(node, jinja_nodes.Node):
        fields = tuple((name, tree_of(value)) for name, value in node.iter_fields())
        return (type(node).__name__, getattr(node, "lineno", None), fields)
    if isinstance(node, list):
        return [tree_of(child) for child in node]
    return node


def jinja_tree(text: str) -> object:
    try:
        return tree_of(Environment(keep_trailing_newline=True).parse(text))
    except TemplateSyntaxError:
        return "syntax error"


def quick_tree(text: str) -> object:
    try:
        return tree_of(parse(text))
    except TemplateSyntaxError:
        return "syntax error"


PIECES = [
    "text", " ", "\n", "\r\n", "{", "}", "{{", "}}", "%", "#", "-", "'", '"', "\\", "é",
    "{{ ref('a') }}", '{{ref("b-c")}}', "{{ ref('a', 'words') }}", "{{ ref( 'a' ,text = 'w' ) }}",
    "{{ ref('a') -}}", "{{- ref('a') }}", "{# note #}", "{% raw %}", "{% endraw %}", "ref('a')",
    "{{ ref('a',) }}", "{{ ref('a'\n) }}", "{{ ref(\"it's\") }}", "{{ other('a') }}", "{{ ref('a') ~ 'b' }}",
    # Line breaks to Python's str.splitlines but not to Jinja, a NUL, and spaces Jinja skips in a tag
    "\u2028", "\x85", "\x0b", "\x00", "{{\u00a0ref('a') }}", "{{ ref('a\u2029b', '\x0c') }}",
]  # fmt: skip


@pytest.fixture
def given_to_jinja(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts parse() handed to Jinja's own parser (the rest took a quick path), from a cold cache."""
    handed: list[str] = []
    jinja_parse = template_parsing._PARSER.parse

    def recording(source: str, *args: object, **kwargs: object) -> object:
        handed.append(source)
        return jinja_parse(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(template_parsing._PARSER, "parse", recording)
    template_parsing.parse.cache_clear()
    yield handed
    template_parsing.parse.cache_clear()


def test_the_quick_parse_makes_the_tree_jinja_makes_for_every_text(given_to_jinja: list[str]) -> None:
    randomly = random.Random(20261127)
    texts = ["".join(randomly.choices(PIECES, k=randomly.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert quick_tree(text) == jinja_tree(text), text
    quick_with_links = {text for text in texts if "{{ ref('a') }}" in text} - set(given_to_jinja)
    assert len(quick_with_links) > 25, "the texts should exercise the quick path for links"
    assert len(set(texts) - set(given_to_jinja)) > 200


@pytest.mark.parametrize(
    "text",
    [
        "See {{ ref('a') }}.\nThen {{ ref('b', 'the b page') }} and\n\n{{ ref('c', text='c') }} at the end.\n",
        "{{{ ref('a') }}",
        "{{ ref('a') }}}",
        "{{ ref('a') }}{{ ref('b') }}",
        "Line\r\nwith {{ ref('a') }}\r\n",
    ],
)
def test_texts_with_links_parse_as_jinja_parses_them(text: str) -> None:
    assert quick_tree(text) == jinja_tree(text)


def test_plain_links_are_parsed_without_jinja(given_to_jinja: list[str]) -> None:
    text = "See {{ ref('a') }}.\nThen {{ ref('b', 'the b page') }} and {{ ref(\"c\", text='c') }}.\n"
    assert quick_tree(text) == jinja_tree(text)
    assert given_to_jinja == []


class FakeMacrosEnv:
    """What _render_page_file reads of mkdocs-macros' plugin object, as mkdocs-macros makes it."""

    def __init__(self, markdown: str, functions: dict[str, object]) -> None:
        self.env = Environment(undefined=StrictUndefined)
        self.markdown = markdown
        self.macros = functions
        self.variables = {"config": CONFIG}
        self.page = SimpleNamespace(meta={}, title="A page", file=SimpleNamespace(src_uri="legislation/x.md"))

    def has_j2(self, text: str) -> bool:
        return "{{" in text or "{%" in text or "{#" in text


def test_a_page_file_is_rendered_here_and_mkdocs_macros_told_it_is_done() -> None:
    env = FakeMacrosEnv("{{ item_page('x') }}\n", page_functions())
    _render_page_file(env)
    assert env.markdown == "<item_page ('x',) []>"
    assert env.page.meta["render_macros"] is False


def test_a_page_function_that_fails_is_left_to_mkdocs_macros_to_report() -> None:
    def fails(*args: object) -> str:
        raise ValueError("no such flow")

    env = FakeMacrosEnv("{{ decision_tool('nope') }}\n", {**page_functions(), "decision_tool": fails})
    _render_page_file(env)
    assert env.markdown == "{{ decision_tool('nope') }}\n"
    assert "render_macros" not in env.page.meta


@pytest.mark.parametrize("source", ["{{ cycler.__init__.__globals__ }}", "{% include '/etc/passwd' %}", "{{ config }}"])
def test_a_page_the_check_would_refuse_stops_the_build_instead_of_reaching_jinja(source: str) -> None:
    env = FakeMacrosEnv(f"Text. {source}\n", page_functions())
    with pytest.raises(PluginError, match=r"legislation/x\.md: .* is not something a page may hold"):
        _render_page_file(env)
    assert "render_macros" not in env.page.meta
