"""Ways around the checks that the hostile reviews found: each is refused and named."""

from __future__ import annotations

import re

import pytest
from conftest import Project
from hostile import base, refusal

__all__ = ["base"]  # the fixture, used by name


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
    "a redirect written without '---' lines": (
        "evil17.md",
        "redirect: https://evil.example/phish\n\n# Hi\n",
        "docs/evil17.md, line 1, field 'redirect'",
    ),
    "a template written without '---' lines, Windows line endings": (
        "evil18.md",
        "Title: Hi\r\ntemplate: redirect.html\r\n\r\n# Hi\r\n",
        "docs/evil18.md, line 1, field 'title'",
    ),
    "a page in the audit manifest's place": ("audit.json.md", "# Hi\n", "docs/audit.json.md: this page"),
    "a page in the feed's place": ("Feed.xml.md", "# Hi\n", "is where the site publishes its feed.xml"),
    "an HTML file": ("evil.html", "<script>alert(1)</script>", "docs/evil.html: only pages"),
    "an SVG file": ("picture.svg", "<svg onload=alert(1)/>", "docs/picture.svg: only pages"),
}


@pytest.mark.parametrize(
    "name,text,named",
    # Text that takes minutes waits out the 5 s limit: left out of make test-fast.
    [pytest.param(*case, marks=[pytest.mark.slow] if "minutes" in key else []) for key, case in DOCS_ATTACKS.items()],
    ids=list(DOCS_ATTACKS),
)
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


@pytest.mark.slow  # waits out the 5 s limit
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


def test_a_page_folder_in_the_feeds_place_is_refused(base: Project) -> None:
    # docs/feed.xml/index.md is published as the folder feed.xml/, where the build writes the feed.
    (base.docs / "feed.xml").mkdir()
    (base.docs / "feed.xml" / "index.md").write_text("# Hi\n", encoding="utf-8")
    assert "docs/feed.xml/index.md: this page's address is where the site publishes its feed.xml" in refusal(base)
