"""Every field of a content file is hostile input: the build refuses it by name, or publishes it as text.

Each class of attack that was found to work (template code reading /etc/passwd, markup in titles
and aliases, javascript: links, attribute lists, split tags) has its cases here. Refusals are
checked through the same validation the build uses; what is allowed is built and its output parsed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, Project

from macros.cli import read_config
from macros.problems import ContentError
from macros.render import Renderer
from macros.validation import validate

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
REFRESH = '<meta http-equiv="refresh" content="0;url=https://example.org">'
TEMPLATE = "{{ config }}"
ENTITY = "&lt;script&gt;alert(1)&lt;/script&gt;"
MARKUP_PAYLOADS = [SCRIPT, IMAGE, REFRESH, TEMPLATE, ENTITY, "<svg/onload=alert(1)>", "bell\x07"]


def refusal(project: Project) -> str:
    """The build's message for a project that must not build."""
    config = read_config(ROOT / "mkdocs.yml")
    config["nav"] = project.nav
    with pytest.raises(ContentError) as caught:
        validate(project.paths, config)
    return str(caught.value)


def builds(project: Project) -> None:
    config = read_config(ROOT / "mkdocs.yml")
    config["nav"] = project.nav
    validate(project.paths, config)


@pytest.fixture
def base(project: Project) -> Project:
    project.item("legislation", "some-act", "legislation")
    return project


# --- Plain-text fields: markup is refused when the file is loaded ---------------------------------

FIELDS = {
    "title": lambda payload: {"title": f"A {payload} title"},
    "short_title": lambda payload: {"short_title": f"Short {payload}"},
    "summary": lambda payload: {"summary": f"A summary {payload}."},
    "aliases": lambda payload: {"aliases": [f"Alias {payload}"]},
    "keywords": lambda payload: {"keywords": [f"word {payload}"]},
    "sources": lambda payload: {"sources": [{"title": f"Source {payload}", "url": "https://www.legislation.gov.uk/"}]},
    "guidance_section": lambda payload: {"guidance_section": f"2. Section {payload}"},
    "owner": lambda payload: {"owner": f"Owner {payload}"},
}


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS, ids=lambda p: p[:18])
@pytest.mark.parametrize("field", list(FIELDS))
def test_markup_in_a_plain_text_field_is_refused_naming_file_and_field(base: Project, field: str, payload: str) -> None:
    base.item("legislation", "hostile", "legislation", **FIELDS[field](payload))
    message = refusal(base)
    assert "content/legislation/hostile.md" in message
    assert f"field '{field}" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("payload", [SCRIPT, TEMPLATE, ENTITY])
def test_markup_in_a_glossary_abbreviation_and_a_rule_name_is_refused(base: Project, payload: str) -> None:
    base.item("glossary", "abc", "glossary-term", abbreviation=f"AB{payload}")
    base.item(
        "principles",
        "rules",
        "principle-set",
        member_label="Rule",
        anchor_prefix="rule",
        members=[{"name": f"First {payload}", "text": "One."}],
    )
    message = refusal(base)
    assert "content/glossary/abc.md" in message and "field 'abbreviation'" in message
    assert "content/principles/rules.md" in message and "field 'name' in the 1st entry of field 'members'" in message


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "http://example.org", "//example.org"]
)
def test_a_source_address_must_be_https(base: Project, url: str) -> None:
    base.item("legislation", "hostile", "legislation", sources=[{"title": "A source", "url": url}])
    assert "content/legislation/hostile.md" in refusal(base)
    assert "is not a web address starting with https://" in refusal(base)


@pytest.mark.parametrize("field", ["urgent", "title", "record"])
def test_markup_in_a_flow_text_is_refused(base: Project, field: str) -> None:
    import yaml

    flow = yaml.safe_load((ROOT / "content" / "flows" / "when-to-share.yml").read_text(encoding="utf-8"))
    flow[field] = f"Text {REFRESH}"
    base.write("flows/when-to-share.yml", yaml.safe_dump(flow, sort_keys=False))
    message = refusal(base)
    assert f"content/flows/when-to-share.yml, field '{field}': '<' is not allowed here" in message


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


def test_a_page_file_may_read_settings_and_call_page_functions(base: Project) -> None:
    (base.docs / "about.md").write_text(
        "# About\n\n{{ config.extra.partnership.name }} {{ ref('some-act') }} {{ kind_index('legislation') }}\n",
        encoding="utf-8",
    )
    builds(base)


def test_the_sandbox_renders_nothing_but_ref_even_when_the_check_is_bypassed(base: Project) -> None:
    corpus_config = read_config(ROOT / "mkdocs.yml")
    corpus_config["nav"] = base.nav
    corpus = validate(base.paths, corpus_config).corpus
    renderer = Renderer(corpus, today=__import__("datetime").date(2026, 11, 27))
    for attack in TEMPLATE_ATTACKS[:6]:
        with pytest.raises(Exception) as caught:  # noqa: PT011 - SecurityError or UndefinedError, both refusals
            renderer.markdown(attack, from_doc="legislation/some-act.md")
        assert type(caught.value).__module__.startswith("jinja2")
    assert "some-act" in renderer.markdown("{{ ref('some-act') }}", from_doc="legislation/x.md")


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


# --- Found by the hostile review: ways around the checks above ---------------------------------------

DOCS_ATTACKS = {
    "front matter hides the body": (
        "evilfm.md",
        "---\n# {% raw %}\ntitle: Smuggling\n---\nRCE: {{ cycler.__init__.__globals__.os.popen('id').read() }}{# {% endraw %} #}\n",
        "docs/evilfm.md",
    ),
    "title rendered as a template": ("evil2.md", '---\ntitle: "{{ cycler.__init__ }}"\n---\n# Hi\n', "docs/evil2.md"),
    "markdown page under another ending": (
        "evil.markdown",
        "RCE: {{ cycler.__init__.__globals__ }}\n",
        "docs/evil.markdown",
    ),
    "mdown page": ("evil3.mdown", "{{ 6*7 }}\n", "docs/evil3.mdown"),
    "script in a page": ("evil4.md", "# Page\n\n<script>alert(13)</script>\n", "<script>"),
    "refresh in a page": (
        "evil5.md",
        '# Page\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
        "<meta>",
    ),
    "iframe in a page": ("evil6.md", "# Page\n\n<iframe src='https://evil.example/'></iframe>\n", "<iframe>"),
    "javascript link in a page": ("evil7.md", "# Page\n\n[x](javascript:alert(1))\n", "javascript:"),
    "markup in a page title": (
        "evil8.md",
        "---\ntitle: Evil <img src=x onerror=alert(11)>\n---\n# Hi\n",
        "field 'title'",
    ),
    "quote out of a description": (
        "evil9.md",
        "---\ndescription: '\"><img src=x onerror=alert(12)>'\n---\n# Hi\n",
        "field 'description'",
    ),
    "a page template without the security policy": (
        "evil10.md",
        "---\ntemplate: redirect.html\nlocation: '\",alert(1),\"'\n---\n# Hi\n",
        "field 'template': 'template' is not something a page's front matter may set",
    ),
    "a redirect from any page": (
        "evil11.md",
        "---\nredirect: https://evil.example/phish\n---\n# Hi\n",
        "field 'redirect'",
    ),
    "an author attribute": ("evil12.md", '---\nauthor: x" http-equiv="refresh\n---\n# Hi\n', "field 'author'"),
    "a quote in a description": (
        "evil13.md",
        "---\ndescription: '0;url=https://e.example/\" http-equiv=\"refresh'\n---\n# Hi\n",
        "field 'description': write a plain-text sentence (no double quotes",
    ),
    "a definition inside a quote": ("evil14.md", "# Hi\n\n> [Home]: https://evil.example/\n", "defines a link"),
    "text that takes minutes": ("evil15.md", "# Hi\n\n" + "[" * 30000 + "\n", "takes more than 5 seconds"),
    "front matter with Windows line endings": (
        "evil16.md",
        "---\r\ntemplate: redirect.html\r\n---\r\n# Hi\r\n",
        "field 'template': 'template' is not something a page's front matter may set",
    ),
    "an HTML file": ("evil.html", "<script>alert(1)</script>", "docs/evil.html: only pages"),
    "an SVG file": ("picture.svg", "<svg onload=alert(1)/>", "docs/picture.svg: only pages"),
}


@pytest.mark.parametrize("name,text,named", list(DOCS_ATTACKS.values()), ids=list(DOCS_ATTACKS))
def test_page_files_are_held_to_the_same_rules(base: Project, name: str, text: str, named: str) -> None:
    (base.docs / name).write_text(text, encoding="utf-8")
    message = refusal(base)
    assert f"docs/{name}" in message and named in message, message
    assert "uid=" not in message


def test_the_menu_holds_plain_titles_and_real_addresses(base: Project) -> None:
    (base.docs / ".nav.yml").write_text(
        'nav:\n  - "Home <img src=x onerror=alert(21)>": index.md\n  - Click: "javascript:alert(1)"\n', encoding="utf-8"
    )
    message = refusal(base)
    assert "docs/.nav.yml, the 1st entry of field 'nav': the title 'Home <img" in message
    (base.docs / ".nav.yml").write_text('nav:\n  - glob: "*.md"\n    "X<img>": index.md\n', encoding="utf-8")
    assert "'X<img>' is not an option of a glob line" in refusal(base)
    assert "'javascript:alert(1)' is not a page or an https:// address" in message


@pytest.mark.parametrize(
    "where,target",
    [("docs/assets/passwd.txt", "/etc/passwd"), ("docs/etc", "/etc"), ("content/legislation/inside.md", "some-act.md")],
)
def test_no_link_to_another_file_is_published(base: Project, where: str, target: str) -> None:
    link = base.root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    message = refusal(base)
    assert f"{where}: this is a link" in message
    assert "root:" not in message


def test_a_field_cannot_open_a_code_block_that_swallows_the_body(base: Project) -> None:
    path = base.item(
        "guidance",
        "evil-summary",
        "topic",
        body='~~~\n<meta http-equiv="refresh" content="0;url=https://example.org/">\n~~~\n',
    )
    text = re.sub(r"^summary: .*$", r'summary: "A harmless summary.\\n\\n~~~"', path.read_text(), flags=re.M)
    path.write_text(text)
    assert "content/guidance/evil-summary.md, line 5, field 'summary': this field must be one line" in refusal(base)


@pytest.mark.parametrize("character", ["\u202e", "\u200b", "\u2066", "\ufeff"])
def test_a_field_cannot_hide_its_reading_order(base: Project, character: str) -> None:
    base.item("legislation", "bidi", "legislation", short_title=f"Article 8 ECHR {character}fdp.exe")
    assert "field 'short_title': this field holds an invisible control character" in refusal(base)


def test_a_tilde_fence_in_a_one_line_field_stays_text() -> None:
    from macros.escaping import md_escape

    assert "~" not in str(md_escape("~~~ a title"))


@pytest.mark.parametrize(
    "body",
    [
        "Text.\n\n~~~\nan open code block",
        "Text.\n\n```\nan open code block",
    ],
)
def test_a_body_that_leaves_a_code_block_open_is_refused(base: Project, body: str) -> None:
    base.item("legislation", "open", "legislation", body=body + "\n")
    assert "content/legislation/open.md, line 14, field 'body': this code block is never closed" in refusal(base)


def test_a_rule_text_cannot_borrow_the_body_s_fence(base: Project) -> None:
    path = base.item(
        "principles",
        "rules",
        "principle-set",
        member_label="Rule",
        anchor_prefix="rule",
        members=None,
        body="Intro.\n\n```\n",
    )
    path.write_text(
        path.read_text().replace(
            "---\nIntro.",
            "members:\n  - name: First\n    text: |\n      ```\n      <img src=x onerror=alert(1)>\n      ```\n---\nIntro.",
        )
    )
    assert "field 'body': this code block is never closed" in refusal(base)


@pytest.mark.parametrize(
    "body,named",
    [
        (
            'Read [the guidance](https://example.org "&lt;meta http-equiv=refresh content=0;url=https://e.org&gt;") now.',
            "the title",
        ),
        ("The FOO is here.\n\n*[FOO]: &lt;meta http-equiv=refresh&gt;", "defines an abbreviation"),
        ('[x](https://example.org){: title="&lt;img src=x onerror=alert(1)&gt;" }', "the title"),
        ("A paragraph.\n{: #__config }", "the id '__config'"),
        ("## Broken {: #__search }", "the id '__search'"),
        ("Click [the form][evil] here.\n\n[evil]: javascript:alert(1)", "defines a link"),
        ("A quote:\n\n> [European Convention on Human Rights]: https://evil.example/", "defines a link"),
        ("A list:\n\n- *[GDPR]: Gossip Disclosure Permission Rule", "defines a link"),
    ],
)
def test_tooltips_ids_and_definitions_that_the_theme_would_misuse_are_refused(
    base: Project, body: str, named: str
) -> None:
    base.item("legislation", "hostile", "legislation", body=body + "\n")
    message = refusal(base)
    assert "content/legislation/hostile.md" in message and named in message, message


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/x){onclick=alert(1)}",
        "https://a.example/x)[click](javascript:alert(2))",
        "https://a.example/<x>",
    ],
)
def test_an_address_cannot_break_out_of_its_link(base: Project, url: str) -> None:
    base.item("resources", "links", "resource", links=[{"title": "A link", "url": url}])
    assert "content/resources/links.md" in refusal(base)
    assert "which web addresses must write in code" in refusal(base)


def test_text_that_would_take_minutes_to_render_is_refused_at_the_time_limit(base: Project) -> None:
    base.item("legislation", "slow", "legislation", body="[" * 30000 + "\n")
    assert "takes more than 5 seconds to turn into a web page" in refusal(base)


@pytest.mark.parametrize(
    "write,named",
    [
        (
            lambda p: p.write(
                "legislation/big.md", "---\nkind: legislation\nid: big\ntitle: " + "9" * 5000 + "\n---\nBody.\n"
            ),
            "content/legislation/big.md",
        ),
        (
            lambda p: p.item(
                "legislation", "deep", "legislation", body="{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}\n"
            ),
            "nested too deeply",
        ),
        (
            lambda p: p.item(
                "legislation", "list", "legislation", body="".join("    " * n + "- x\n" for n in range(400))
            ),
            "content/legislation/list.md",
        ),
    ],
)
def test_pathological_input_gets_a_plain_message(base: Project, write, named: str) -> None:
    write(base)
    message = refusal(base)
    assert named in message and "Traceback" not in message


# --- Files that are not what they claim ----------------------------------------------------------


def test_a_file_not_saved_as_utf8_is_named(base: Project) -> None:
    path = base.item("legislation", "ansi", "legislation", body="Caf\u00e9 \u2019quoted\u2019.\n")
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252"))
    line = text.splitlines().index("Café ’quoted’.") + 1
    message = refusal(base)
    assert f"content/legislation/ansi.md, line {line}: this file is not saved as UTF-8 text" in message


def test_a_byte_order_mark_is_accepted(base: Project) -> None:
    path = base.item("legislation", "bom", "legislation")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    builds(base)


def test_a_link_to_a_file_outside_the_project_is_refused(base: Project) -> None:
    (base.content / "legislation" / "passwd.md").symlink_to("/etc/passwd")
    message = refusal(base)
    assert "content/legislation/passwd.md: this is a link to a file outside the project" in message
    assert "root:" not in message


def test_a_dangling_link_is_refused(base: Project) -> None:
    (base.content / "legislation" / "gone.md").symlink_to(base.root / "nowhere.md")
    assert "content/legislation/gone.md: this is a link to a file that does not exist" in refusal(base)


def test_a_page_file_linking_outside_the_project_is_refused(base: Project) -> None:
    (base.docs / "secret.md").symlink_to("/etc/hostname")
    assert "docs/secret.md: this is a link to a file outside the project" in refusal(base)


def test_a_huge_file_is_refused_with_the_limit(base: Project) -> None:
    base.item("legislation", "huge", "legislation", body="Words. " * 750_000)
    message = refusal(base)
    assert "content/legislation/huge.md: this file is 5127 KB, more than the 256 KB a content file may be" in message


def test_a_binary_file_is_refused(base: Project) -> None:
    base.write("legislation/binary.md", "---\nkind: legislation\x00\n---\n")
    assert "content/legislation/binary.md: this file holds binary data" in refusal(base)


def test_a_yaml_alias_bomb_is_refused(base: Project) -> None:
    lines = [
        "---",
        "kind: legislation",
        "id: bomb",
        "title: Bomb",
        "summary: A summary.",
        "a0: &a0 [x, x, x, x, x, x, x, x, x]",
    ]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    lines += ["---", "Body."]
    base.write("legislation/bomb.md", "\n".join(lines) + "\n")
    assert "content/legislation/bomb.md, line 7: the front matter is not valid YAML" in refusal(base)


def test_editor_backups_and_system_files_are_ignored(base: Project) -> None:
    base.write("legislation/some-act.md~", "not yaml at all")
    base.write("legislation/.#some-act.md", "lock")
    base.write("legislation/.DS_Store", "\x00\x01")
    base.write("legislation/Thumbs.db", "\x00\x01")
    builds(base)


# --- What is allowed is published as text everywhere ----------------------------------------------

TRICKY_TITLE = 'Health & "Social" Care > Act\'s'
TRICKY_SUBJECT = 'Add the "tricky" <script>alert(1)</script> Act & co'
TRICKY_SUMMARY = 'It says "share" & means it; 0;url=https://example.org" http-equiv="refresh'


class _Elements(HTMLParser):
    """Every element and attribute of a document, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def executable(tag: str, attrs: dict[str, str]) -> list[str]:
    """What in one element could run code, load something or move the reader elsewhere."""
    found = [f"{tag} {name}" for name in attrs if name.startswith("on")]
    for name in ("href", "src", "action", "formaction", "xlink:href"):
        value = re.sub(r"[\x00-\x20]", "", attrs.get(name, "")).lower()
        if value.startswith(("javascript:", "vbscript:", "data:text")):
            found.append(f"{tag} {name}={value}")
    if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
        found.append("meta refresh")
    if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
        found.append("inline script")  # Material's settings travel in a JSON script, which does not run
    if tag in ("iframe", "object", "embed", "base"):
        found.append(tag)
    return found


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("tricky") / "project")
    project.item(
        "legislation",
        "tricky-act",
        "legislation",
        title=TRICKY_TITLE,
        short_title='Tricky "Act" & co',
        summary=TRICKY_SUMMARY,
        aliases=['The "tricky" Act & Co', "A > B"],
        keywords=["x & y"],
        body="Code is text: `<img src=x onerror=alert(1)>` and `&lt;b&gt;`.\n\nSee {{ ref('other-act') }}.\n",
    )
    project.item("legislation", "other-act", "legislation", body="See {{ ref('tricky-act') }}.\n")
    # A commit too: its subject reaches the audit manifest; its note "What has changed" and the feed.
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ed <b>Itor</b>", "GIT_AUTHOR_EMAIL": "e@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Ed", "GIT_COMMITTER_EMAIL": "e@example.org"}
    for command in (
        ["init", "-q"],
        ["add", "content", "docs"],
        ["commit", "-q", "-m", TRICKY_SUBJECT, "-m", f"Amendment: {TRICKY_SUBJECT}"],
    ):
        subprocess.run(["git", "-C", str(project.root), *command], check=True, capture_output=True, env=env)
    build = project.build()
    assert build.returncode == 0, build.output
    return build.site


def test_tricky_text_is_published_as_the_same_text_in_head_and_page(tricky_site: Path) -> None:
    page = elements((tricky_site / "legislation" / "tricky-act" / "index.html").read_text(encoding="utf-8"))
    descriptions = [
        attrs.get("content") for tag, attrs in page.elements if tag == "meta" and attrs.get("name") == "description"
    ]
    assert descriptions == [TRICKY_SUMMARY]
    assert page.title.startswith(TRICKY_TITLE)
    assert not [
        tag
        for tag, attrs in page.elements
        if tag == "meta" and "http-equiv" in attrs and attrs["http-equiv"] != "Content-Security-Policy"
    ]


def test_no_published_page_carries_anything_executable(tricky_site: Path) -> None:
    found = {}
    for path in tricky_site.rglob("*.html"):
        problems = [
            p for tag, attrs in elements(path.read_text(encoding="utf-8")).elements for p in executable(tag, attrs)
        ]
        if problems:
            found[path.relative_to(tricky_site).as_posix()] = problems
    assert found == {}


def test_the_search_index_holds_text_material_cannot_render_as_markup(tricky_site: Path) -> None:
    index = json.loads((tricky_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for value in [doc.get("title", ""), doc.get("text", ""), *doc.get("tags", [])]:
            # Material shows these with innerHTML: only its own highlighting and code markup may appear.
            tags = {tag for tag, attrs in elements(value).elements}
            assert tags <= {
                "code",
                "pre",
                "p",
                "li",
                "ul",
                "ol",
                "strong",
                "em",
                "table",
                "tr",
                "td",
                "th",
                "thead",
                "tbody",
                "a",
                "abbr",
                "dl",
                "dt",
                "dd",
                "blockquote",
            }, (doc["location"], value)
            assert not [p for tag, attrs in elements(value).elements for p in executable(tag, attrs)]
    tricky = next(doc for doc in index["docs"] if doc["location"] == "legislation/tricky-act/")
    assert 'The "tricky" Act &amp; Co' in tricky["tags"] or 'The "tricky" Act & Co' in tricky["tags"]


def test_the_feed_and_audit_manifest_parse_and_keep_the_text(tricky_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.parse(tricky_site / "feed.xml").getroot().findall(f"{atom}entry")
    summaries = [entry.find(f"{atom}summary") for entry in entries]
    assert summaries and all(summary is not None and len(summary) == 0 for summary in summaries)  # text, no elements
    assert TRICKY_SUBJECT in [summary.text for summary in summaries if summary is not None]
    manifest = json.loads((tricky_site / "audit.json").read_text(encoding="utf-8"))
    titles = [item.get("title") for item in manifest["items"]]
    assert TRICKY_TITLE in titles
