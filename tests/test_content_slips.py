"""Common YAML slips in content files: the right line, the text on it, and the fix."""

from __future__ import annotations

import pytest
from broken_content import problems_of, valid
from conftest import Project

from macros.loader import load_corpus

__all__ = ["valid"]  # the fixture, used by name


_REST = (
    "summary: A plain sentence.\nowner: Test\nstatus: transcribed\ntranscribed: 2026-01-01\nreview_due: 2027-01-01\n"
    "related:\n  - some-act\n  - some-act\n  - some-act\n  - some-act\n  - some-act\n  - some-act\n"
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            'title: "Sharing with schools\n' + _REST,
            "line 4, field 'title': the quote mark (\") that starts the value in 'title: \"Sharing with schools' "
            'is never closed. End the value with " on this line: title: "Sharing with schools"',
            id="unclosed quote",
        ),
        pytest.param(
            'title: "Sharing with schools\nsummary: One "plain" sentence.\n' + _REST.split("\n", 1)[1],
            "line 4, field 'title': the quote mark (\") that starts the value in 'title: \"Sharing with schools' "
            "is only closed on line 5, so the lines in between became part of it.",
            id="quote closed on a later line",
        ),
        pytest.param(
            "title: 'Sarah's Law'\n" + _REST,
            "line 4, field 'title': the value in 'title: 'Sarah's Law'' starts with ', so the ' inside it ends it "
            'early. Put it in the other kind of quotes: title: "Sarah\'s Law"',
            id="apostrophe inside single quotes",
        ),
        pytest.param(
            "title: Clare's Law: the right to ask\n" + _REST,
            "line 4, field 'title': the ': ' inside 'title: Clare's Law: the right to ask' makes it look like a new "
            'field. Put the title in quotes: title: "Clare\'s Law: the right to ask"',
            id="colon in a title",
        ),
        pytest.param(
            "title: A title\naliases:\n  - Clare's Law: right to ask\n" + _REST,
            "line 6, the 1st entry of field 'aliases': this should be text, but 'Clare's Law: right to ask' is read as a "
            "'name: value' pair because of the ': ' in it: put it in quotes, - \"Clare's Law: right to ask\"",
            id="colon in a list entry",
        ),
        pytest.param(
            "title: Section 115 #2 of the Act\n" + _REST,
            "line 4, field 'title': in 'title: Section 115 #2 of the Act', the '#' and everything after it are left "
            "out, because ' #' starts a note for editors. To keep them, put the title in quotes: "
            'title: "Section 115 #2 of the Act"',
            id="hash starts a comment",
        ),
        pytest.param(
            "title: 2026\n" + _REST,
            "line 4, field 'title': this should be text, but '2026' is read as a number, not as text: put it in "
            'quotes, title: "2026"',
            id="number as a title",
        ),
        pytest.param(
            "title: A title\nshort_title: No\n" + _REST,
            "line 5, field 'short_title': this should be text, but 'No' is read as yes or no, not as text: put it "
            'in quotes, short_title: "No"',
            id="yes/no as a title",
        ),
        pytest.param(
            "title: A title\naliases:\n  - on\n" + _REST,
            "line 6, the 1st entry of field 'aliases': this should be text, but 'on' is read as yes or no, not as text: put it "
            'in quotes, - "on"',
            id="on/off in a list",
        ),
        pytest.param(
            "title: A title\nsections:\n  - 11\n  - 115\n" + _REST,
            "line 7, the 2nd entry of field 'sections': this should be text, but '115' is read as a number, not as text: put it "
            'in quotes, - "115"',
            id="section number",
        ),
        pytest.param(
            "title: A title\naliases:\n\t- CDA\n" + _REST,
            "line 6, field 'aliases': use spaces, not tabs, at the start of line 6.",
            id="tab indenting a list",
        ),
        pytest.param(
            "\ttitle: A title\n" + _REST,
            "line 4, field 'title': use spaces, not tabs, at the start of line 4.",
            id="tab before a field",
        ),
        pytest.param(
            "title:A title\n" + _REST,
            "line 4, field 'title': put a space after the ':' in 'title:A title': title: A title",
            id="no space after the colon",
        ),
        pytest.param(
            "title: [Draft] Sharing with schools\n" + _REST,
            "line 4, field 'title': the value in 'title: [Draft] Sharing with schools' starts with '[', which has a "
            'special meaning at the start of a value. Put the title in quotes: title: "[Draft] Sharing with schools"',
            id="bracket at the start",
        ),
        pytest.param(
            "title: *Important*\n" + _REST,
            "line 4, field 'title': the value in 'title: *Important*' starts with '*'",
            id="emphasis at the start",
        ),
        pytest.param(
            "title: A title\naliases:\n  - @home\n" + _REST,
            "line 6, field 'aliases': the value in '- @home' starts with '@', which has a special meaning at the start "
            'of a value. Put the text in quotes: - "@home"',
            id="at sign in a list",
        ),
        pytest.param(
            "title: A title\n  summary: A plain sentence.\n" + _REST.split("\n", 1)[1],
            "line 5: 'summary: A plain sentence.' starts further in than the field above it.",
            id="field indented",
        ),
    ],
)
def test_common_slips_get_the_line_the_text_and_the_fix(valid: Project, lines: str, expected: str) -> None:
    valid.write("legislation/slip.md", "---\nkind: legislation\nid: slip\n" + lines + "---\nBody.\n")
    message = problems_of(valid)
    assert f"content/legislation/slip.md, {expected}" in message, message
    assert "found character" not in message and "mapping values" not in message


def test_quotes_the_fix_suggests_keep_the_text_as_written(valid: Project) -> None:
    """Following the suggested fix gives a file that loads with the text the author meant."""
    for broken, fixed_title in [
        ("title: Clare's Law: the right to ask", "Clare's Law: the right to ask"),
        ('title: The "best" way: share', 'The "best" way: share'),
        ("title: Section 115 #2 of the Act", "Section 115 #2 of the Act"),
    ]:
        valid.write(
            "legislation/slip.md", "---\nkind: legislation\nid: slip\n" + broken + "\n" + _REST + "---\nBody.\n"
        )
        message = problems_of(valid)
        fix = message.split("in quotes: ", 1)[1].split("\n", 1)[0]
        fix = fix.split(" (or, for a note", 1)[0]
        valid.write("legislation/slip.md", "---\nkind: legislation\nid: slip\n" + fix + "\n" + _REST + "---\nBody.\n")
        (valid.docs / "legislation" / "slip.md").write_text('{{ item_page("slip") }}\n')
        corpus = load_corpus(valid.content, project_dir=valid.root)
        assert corpus.items["slip"].title == fixed_title


def test_a_note_on_its_own_line_is_fine(valid: Project) -> None:
    valid.write(
        "legislation/noted.md",
        '---\nkind: legislation\nid: noted\n# Checked against the 2026 guidance.\ntitle: "Section 115 #2"\n'
        "aliases:\n  # the old name\n  - CDA\n" + _REST + "---\nBody.\n",
    )
    corpus = load_corpus(valid.content, project_dir=valid.root)
    assert corpus.items["noted"].title == "Section 115 #2"
