"""A checked body renders exactly as Jinja's sandbox would render it, without being compiled.

The sandbox is the reference: each body below is rendered both ways with the same ``ref`` and the
text must match to the character (whitespace control, raw blocks, comments, trailing newlines).
"""

from __future__ import annotations

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from macros.templating import UncheckedTemplate, check_body, render_checked


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
