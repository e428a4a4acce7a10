"""Plain-text fields and the files themselves: markup is refused by name when a file is loaded."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, Project
from hostile import ENTITY, MARKUP_PAYLOADS, REFRESH, SCRIPT, TEMPLATE, base, builds, refusal

from macros.amendments import redline

__all__ = ["base"]  # the fixture, used by name


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


DEEP = "[" * 2000 + "]" * 2000


@pytest.mark.parametrize(
    ("file", "text", "line"),
    [
        ("legislation/deep.md", f"---\nkind: legislation\nid: deep\ntitle: {DEEP}\n---\nBody.\n", 4),
        ("addresses.yml", f"moved:\n  - from: {DEEP}\n", 2),
        ("search/synonyms.yml", f"question_words: {DEEP}\n", 1),
    ],
    ids=["an item", "the old addresses", "the search words"],
)
def test_a_value_nested_too_deeply_is_refused_with_its_line(base: Project, file: str, text: str, line: int) -> None:
    # Python's stack runs out a few hundred brackets deep: a traceback, not a message, before.
    base.write(file, text)
    message = refusal(base)
    assert f"content/{file}, line {line}:" in message and "nested too deeply" in message
    assert "Traceback" not in message and "RecursionError" not in message


def test_editor_backups_and_system_files_are_ignored(base: Project) -> None:
    base.write("legislation/some-act.md~", "not yaml at all")
    base.write("legislation/.#some-act.md", "lock")
    base.write("legislation/.DS_Store", "\x00\x01")
    base.write("legislation/Thumbs.db", "\x00\x01")
    builds(base)


# --- Earlier versions in git's history: read for the redline, never trusted ------------------------

FIXED = "---\nid: riverside-act\ntitle: Riverside Act\nsummary: Sharing.\n---\nBody.\n"


def test_an_alias_bomb_committed_once_is_not_expanded_by_the_redline_of_its_fix() -> None:
    # The build refused this version, but git keeps it: every later build redlines the commit that
    # fixed it. Nine levels of nine aliases would be 387 million words; three show the expansion.
    lines = ["---", "id: riverside-act", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 3)]
    bomb = "\n".join([*lines, "summary: *a2", "---", "Body.", ""])

    deleted = " ".join(re.findall(r"<del>(.*?)</del>", str(redline(bomb, FIXED)), re.S))

    assert deleted.count("lol") < 20  # the words as written, not 729 copies


@pytest.mark.parametrize(
    "value",
    ["9" * 5000, "!!timestamp not-a-date", "[" * 3000 + "]" * 3000],
    ids=["a number too long", "an impossible timestamp", "nested too deeply"],
)
def test_a_committed_version_the_build_refused_still_gives_a_redline(value: str) -> None:
    # Raised out of the redline, any of these would stop every later build with a traceback.
    broken = f"---\nid: riverside-act\ntitle: Riverside Act\nsummary: {value}\n---\nBody.\n"

    assert "Sharing." in str(redline(broken, FIXED))
