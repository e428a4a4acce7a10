"""Template code in bodies, rule texts and pages, and the HTML a body turns into: refused with its line."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, Project
from hostile import base, builds, refusal

from macros.cli import read_config
from macros.render import Renderer
from macros.templating import UncheckedTemplate
from macros.validation import validate

__all__ = ["base"]  # the fixture, used by name


# --- Template code in bodies, rule texts and pages ------------------------------------------------

TEMPLATE_ATTACKS = [
    "{{ ref.__globals__['__builtins__']['open']('/etc/passwd').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ namespace() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ config }}",
    "{{ ref('some-act') | attr('__class__') }}",
    "{{ ref('some-act').__class__ }}",
    "{{ ref(*['some-act']) }}",
    "{{ ref(target) }}",
    "{% include '/etc/passwd' %}",
    "{% import 'item.md.jinja' as x %}",
    "{% set x = ref %}{{ x('some-act') }}",
    "{% for x in range(10) %}{{ x }}{% endfor %}",
]


@pytest.mark.parametrize("attack", TEMPLATE_ATTACKS)
def test_template_code_in_a_body_is_refused_with_its_line(base: Project, attack: str) -> None:
    base.item("legislation", "hostile", "legislation", body=f"First line.\n\n{attack}\n")
    message = refusal(base)
    assert re.search(r"content/legislation/hostile\.md, line \d+, field 'body'", message), message
    assert "root:" not in message


@pytest.mark.parametrize("attack", TEMPLATE_ATTACKS[:4])
def test_template_code_in_a_rule_text_is_refused(base: Project, attack: str) -> None:
    base.item(
        "principles",
        "rules",
        "principle-set",
        member_label="Rule",
        anchor_prefix="rule",
        members=[{"name": "First", "text": f"One {attack}"}],
    )
    assert "content/principles/rules.md, line 11, field 'text' in the 1st entry of field 'members'" in refusal(base)


def test_a_keyword_given_twice_is_refused_with_its_line(base: Project) -> None:
    # Jinja parses it; Python would not run it. The page would show the second text, while the
    # checks and the change history read the first.
    call = "{{ ref('some-act', text='what reviewers read', text='what readers see') }}"
    file = base.item("legislation", "twice", "legislation", body=f"First line.\n\n{call}\n")
    line = file.read_text().splitlines().index(call) + 1
    assert f"content/legislation/twice.md, line {line}, field 'body': ref() is given 'text=' more than once" in (
        refusal(base)
    )
    file.unlink()
    (base.docs / "legislation" / "twice.md").unlink()
    base.nav.remove("legislation/twice.md")
    (base.docs / "about.md").write_text(
        "# About\n\n{{ kind_index('Legislation', intro='a', intro='b') }}\n", encoding="utf-8"
    )
    assert "docs/about.md, line 3: kind_index() is given 'intro=' more than once" in refusal(base)


@pytest.mark.parametrize(
    "call",
    [
        "{{ ref('some-act', 'words', text='other words') }}",
        "{{ ref('some-act', 'words', 'more words') }}",
        "{{ ref('some-act', label='words') }}",
    ],
)
def test_a_ref_with_arguments_it_does_not_take_is_refused_with_its_line(base: Project, call: str) -> None:
    # These once stopped the build with Python's TypeError instead of a message.
    file = base.item("legislation", "odd", "legislation", body=f"First line.\n\n{call}\n")
    line = file.read_text().splitlines().index(call) + 1
    assert f"content/legislation/odd.md, line {line}, field 'body': ref() takes an item's id and" in refusal(base)


@pytest.mark.parametrize(
    "attack",
    [
        "{{ config.__class__.__init__.__globals__ }}",
        "{{ config.extra._secret }}",
        "{{ config['extra'] }}",
        "{{ context() }}",
        "{{ macros_info() }}",
        "{{ now() }}",
        "{{ page.file.abs_src_path }}",
        "{% include 'mkdocs.yml' %}",
        "{{ item_page(page.title) }}",
    ],
)
def test_a_page_file_may_use_only_the_page_functions_and_settings(base: Project, attack: str) -> None:
    (base.docs / "about.md").write_text(f"# About\n\nText.\n\n{attack}\n", encoding="utf-8")
    message = refusal(base)
    assert "docs/about.md, line 5" in message


@pytest.mark.parametrize(
    ("call", "named"),
    [
        ("{{ kind_index('Legislation') }}", "kind_index() names no kind 'Legislation'. The kinds are: "),
        ("{{ kind_index('legislations') }}", "Did you mean 'legislation'?"),
        ("{{ kind_index(7) }}", "kind_index() names no kind '7'"),
    ],
)
def test_a_kind_index_of_no_kind_is_refused_with_its_line(base: Project, call: str, named: str) -> None:
    (base.docs / "about.md").write_text(f"# About\n\nText.\n\n{call}\n", encoding="utf-8")
    message = refusal(base)
    assert "docs/about.md, line 5: " in message
    assert named in message


def test_a_page_file_may_read_settings_and_call_page_functions(base: Project) -> None:
    (base.docs / "about.md").write_text(
        "# About\n\n{{ config.extra.partnership.name }} {{ ref('some-act') }} {{ kind_index('legislation') }}\n",
        encoding="utf-8",
    )
    builds(base)


@pytest.mark.parametrize("attack", TEMPLATE_ATTACKS)
def test_the_renderer_runs_nothing_but_ref_even_when_the_check_is_bypassed(base: Project, attack: str) -> None:
    corpus_config = read_config(ROOT / "mkdocs.yml")
    corpus_config["nav"] = base.nav
    corpus = validate(base.paths, corpus_config).corpus
    renderer = Renderer(corpus, today=__import__("datetime").date(2026, 11, 27))
    with pytest.raises(UncheckedTemplate):
        renderer.markdown(f"Text before. {attack}", from_doc="legislation/some-act.md")
    assert "(some-act.md)" in renderer.markdown("{{ ref('some-act') }}", from_doc="legislation/x.md")


# --- The HTML a body turns into ------------------------------------------------------------------

HTML_ATTACKS = {
    "javascript link": ("[Click](javascript:alert(1))", "javascript:alert(1)"),
    "mixed-case javascript": ("[Click](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)"),
    "reference javascript": ("[Click][x]\n\n[x]: javascript:alert(1)", "defines a link for the whole page"),
    "data link": ("[Click](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html"),
    "vbscript link": ("[Click](vbscript:msgbox)", "vbscript:"),
    "image": ("![x](https://example.org/track.png)", "<img>"),
    "data image": ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "<img>"),
    "event handler from attribute list": ('A paragraph.\n{: onclick="alert(1)" }', "'onclick'"),
    "style from attribute list": ('A paragraph.\n{: style="position:fixed" }', "'style'"),
    "href from attribute list": ('[Click](https://example.org){: href="javascript:alert(1)" }', "javascript:"),
    "svg": ("<svg/onload=alert(1)>", "<svg"),
    "tag split across lines": ("<img\nsrc=x\nonerror=alert(1)>", "<img src=x onerror"),
    "iframe split": ("<iframe\n  src='https://example.org'></iframe>", "<iframe src="),
    "comment": ("<!-- hidden\nnote -->\n\nText.", "comment"),
    "details with handler": ("<details\nopen ontoggle=alert(1)>x</details>", "ontoggle"),
}


@pytest.mark.parametrize("body,named", list(HTML_ATTACKS.values()), ids=list(HTML_ATTACKS))
def test_markup_in_a_body_that_the_allow_list_refuses_stops_the_build(base: Project, body: str, named: str) -> None:
    base.item("legislation", "hostile", "legislation", body=f"Intro.\n\n{body}\n")
    message = refusal(base)
    assert "content/legislation/hostile.md" in message and "field 'body'" in message
    assert named in message, message


def test_the_markdown_the_guidance_needs_is_allowed(base: Project) -> None:
    body = (
        "## A heading {: #custom .note }\n\n"
        "| Left | Right |\n|:--|--:|\n| a | b |\n\n"
        '!!! note "Note"\n    Text of a note.\n\n'
        '??? info "More"\n    Hidden text.\n\n'
        "[Web](https://www.gov.uk) <https://www.gov.uk> [Email](mailto:someone@example.org) "
        "[Phone](tel:+441234567890) {{ ref('some-act') }}\n\n"
        "Term\n:   Definition\n\n"
        "1. One\n2. Two\n\n> A quote & more\n\n`<script>alert(1)</script>` in code is text.\n"
    )
    base.item("legislation", "rich", "legislation", body=body)
    builds(base)
