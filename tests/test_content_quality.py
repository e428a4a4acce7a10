"""Content quality: spelling, plain-English summaries, heading levels and link text.

Each rule has a test that the real content passes and tests that it catches a
failing example, so a rule that silently stopped working would be noticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from quality import summaries
from quality.headings import heading_problems
from quality.links import link_problems, link_text_problems, url_problems
from quality.passages import (
    Passage,
    content_files,
    content_heading_problems,
    content_link_problems,
    content_summary_problems,
)
from quality.passages import passages as content_passages
from quality.spelling import read_slips, slip_problems, spelling_problems
from quality.summaries import summary_problems
from quality.text import read_list

CONTENT = ROOT / "content"
WORDS = ROOT / "tests" / "content_words.txt"
SLIPS = ROOT / "tests" / "content_slips.txt"


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return content_passages(CONTENT, root=ROOT)


def report(problems: list[str], fix: str = "Fix the content named above.") -> str:
    return "\n".join(["", *problems, fix])


def test_every_content_file_is_read(passages: list[Passage]) -> None:
    files = content_files(CONTENT)
    items = [path for path in files if path.suffix == ".md"]
    flows = [path for path in files if path.suffix in (".yml", ".yaml")]
    assert items and flows
    assert {p.file for p in passages} == {path.relative_to(ROOT).as_posix() for path in files}
    summaries = [p for p in passages if p.kind == "summary"]
    assert len(summaries) == len(items) + len(flows)
    assert len([p for p in passages if p.field == "body"]) == len(items)
    assert any(p.field.startswith("members[") for p in passages)
    assert any(p.field.startswith("outcomes.") for p in passages)
    assert any(p.kind == "url" for p in passages)


# --------------------------------------------------------------------------- spelling


def test_content_spelling(passages: list[Passage]) -> None:
    problems = spelling_problems(
        content_files(CONTENT),
        ignore_words=read_list(WORDS),
        root=ROOT,
        words_file="tests/content_words.txt",
    )
    assert problems == [], report(problems, "Fix each misspelling, or add a correct word to tests/content_words.txt.")


def test_spelling_catches_misspellings_naming_file_and_line(tmp_path: Path) -> None:
    page = tmp_path / "content" / "guidance" / "bad.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\nsummary: Fine.\n---\nYou will recieve the form.\n\nKeep the two lists seperate.\n")
    problems = spelling_problems([page], root=tmp_path)
    assert len(problems) == 2, problems
    assert problems[0].startswith("content/guidance/bad.md, line 4: 'recieve' looks misspelt: did you mean 'receive'?")
    assert problems[1].startswith(
        "content/guidance/bad.md, line 6: 'seperate' looks misspelt: did you mean 'separate'?"
    )


def test_spelling_checks_flow_files(tmp_path: Path) -> None:
    flow = tmp_path / "when.yml"
    flow.write_text("summary: Answer four questions.\nrecord: Record wether you share.\n")
    problems = spelling_problems([flow], root=tmp_path)
    assert len(problems) == 1 and problems[0].startswith("when.yml, line 2: 'wether'"), problems


def test_word_list_silences_a_correct_word(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("The recieve word is flagged until listed.\n")
    assert spelling_problems([page], root=tmp_path)
    assert spelling_problems([page], ignore_words=["recieve"], root=tmp_path) == []


def test_word_list_holds_only_words_the_content_uses() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in content_files(CONTENT))
    unused = [word for word in read_list(WORDS) if not re.search(rf"(?i)\b{re.escape(word)}\b", text)]
    assert unused == [], f"remove from tests/content_words.txt, no longer in the content: {unused}"


def test_content_has_no_known_slips() -> None:
    slips = read_slips(SLIPS)
    assert slips
    problems = []
    for path in content_files(CONTENT):
        problems += slip_problems(path.read_text(encoding="utf-8"), slips, where=path.relative_to(ROOT).as_posix())
    assert problems == [], report(
        problems, "Fix each slip, or make the phrase in tests/content_slips.txt more specific."
    )


def test_known_slip_principals_is_caught() -> None:
    slips = read_slips(SLIPS)
    text = (
        "Intro.\n\n## The Principals (section 1)\n\n"
        "The [Principals, Section 1](#) of the Mental Capacity Act 2005 says more.\n"
        "So do The\nPrincipals.\n"
    )
    problems = slip_problems(text, slips, where="content/legislation/x.md", first_line=10)
    assert problems == [
        "content/legislation/x.md, line 12: 'The Principals' is a known slip: write 'The principles'.",
        "content/legislation/x.md, line 14: 'Principals, Section 1' is a known slip: "
        "write 'the principles (section 1)'.",
        "content/legislation/x.md, line 15: 'The Principals' is a known slip: write 'The principles'.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "- Principals of Secure Colleges.",
        'The published guidance calls this section the "Principals"; its heading is "The principles".',
        "The principals of the colleges agreed.",
    ],
)
def test_correct_uses_of_principals_are_not_slips(text: str) -> None:
    assert slip_problems(text, read_slips(SLIPS)) == []


# --------------------------------------------------------------------------- summaries


def test_content_summaries_are_plain_english(passages: list[Passage]) -> None:
    problems = content_summary_problems(passages)
    assert problems == [], report(problems)


def test_a_plain_summary_passes() -> None:
    assert (
        summary_problems("Section 115 lets any organisation share information with the police to prevent crime.") == []
    )


def test_abbreviations_do_not_end_the_sentence() -> None:
    assert summaries.sentences("Councils, e.g. Halton, may share under s. 115 of the Act.") == [
        "Councils, e.g. Halton, may share under s. 115 of the Act."
    ]


def test_summary_of_two_sentences_fails() -> None:
    problems = summary_problems(
        "Consent is one lawful basis. There are five others.",
        where="content/guidance/consent.md, line 5, field 'summary'",
    )
    assert problems == [
        "content/guidance/consent.md, line 5, field 'summary': the summary has 2 sentences; a summary is one "
        "sentence. Keep the most important one and move the rest into the text."
    ]


def test_summary_without_a_full_stop_fails() -> None:
    assert any("end it with a full stop" in p for p in summary_problems("Share information to keep children safe"))


def test_summary_over_25_words_fails() -> None:
    long = (
        "You may share information with the police, the council, the school, the health visitor, the family "
        "doctor and the probation service when a child is at risk of harm."
    )
    assert summaries.word_count(long) > 25
    problems = summary_problems(long)
    assert len(problems) == 1 and "a sentence has 29 words, more than 25" in problems[0], problems


def test_dense_legal_summary_fails_on_reading_ease() -> None:
    dense = (
        "Notwithstanding any statutory obligation of confidentiality, disclosure is permissible where "
        "necessary or expedient for the purposes of this Act."
    )
    assert summaries.word_count(dense) <= 25 and len(summaries.sentences(dense)) == 1  # only the score can fail it
    assert summaries.reading_ease(dense) < summaries.MIN_READING_EASE
    problems = summary_problems(dense)
    assert len(problems) == 1 and "hard to read (Flesch reading ease -26" in problems[0], problems


def test_content_summaries_check_reports_file_and_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "guidance").mkdir(parents=True)
    (content / "flows").mkdir()
    (content / "guidance" / "x.md").write_text("---\nkind: topic\nid: x\nsummary: One. Two.\n---\nBody.\n")
    (content / "flows" / "f.yml").write_text("id: f\nsummary: No full stop\n")
    problems = content_summary_problems(content_passages(content, root=tmp_path))
    assert problems[0].startswith("content/guidance/x.md, line 4, field 'summary': the summary has 2 sentences")
    assert problems[1].startswith("content/flows/f.yml, line 2, field 'summary': the summary is one sentence")


# --------------------------------------------------------------------------- headings


def test_content_headings_never_skip_a_level(passages: list[Passage]) -> None:
    problems = content_heading_problems(passages)
    assert problems == [], report(problems)


def test_good_headings_pass() -> None:
    body = "Intro.\n\n## One { #one }\n\n### One point one\n\n#### Detail\n\n## Two\n\n```\n# not a heading\n```\n"
    assert heading_problems(body) == []
    assert heading_problems("A rule.\n\n### A detail of the rule\n", top=3) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Intro.\n\n### Starts too deep\n",
            "line 13: the first heading 'Starts too deep' is level 3, which skips a level: make it level 2 ('##').",
        ),
        (
            "## Two\n\nText.\n\n#### Four\n",
            "line 15: the heading 'Four' is level 4 after a level-2 heading, which skips a level: make it level 3 ('###').",
        ),
        (
            "# A second title\n",
            "line 11: the heading 'A second title' is level 1, but headings here start at level 2 ('##'): the page title is the only level-1 heading.",
        ),
        ("Intro.\n\nUnderlined title\n================\n", "line 13: the heading 'Underlined title' is level 1"),
    ],
)
def test_skipped_heading_levels_fail(body: str, expected: str) -> None:
    problems = heading_problems(body, where="content/guidance/x.md", first_line=11)
    assert len(problems) == 1 and problems[0].startswith(f"content/guidance/x.md, {expected}"), problems


def test_rule_text_headings_start_below_the_rule_heading() -> None:
    problems = heading_problems("## Inside a rule\n", top=3, where="w")
    assert problems == [
        "w, line 1: the heading 'Inside a rule' is level 2, but headings here start at level 3 ('###')."
    ]


def test_content_heading_check_covers_members_and_flows(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "principles").mkdir(parents=True)
    (content / "flows").mkdir()
    (content / "principles" / "p.md").write_text(
        "---\nkind: principle-set\nsummary: Fine.\nmembers:\n  - name: One\n    text: |\n      Rule.\n\n"
        "      ## Too high\n---\nBody.\n\n### Too deep\n"
    )
    (content / "flows" / "f.yml").write_text('summary: Fine.\noutcomes:\n  done:\n    text: "#### Deep"\n')
    problems = content_heading_problems(content_passages(content, root=tmp_path))
    assert problems == [
        "content/principles/p.md, line 13, field 'body': the first heading 'Too deep' is level 3, which skips a "
        "level: make it level 2 ('##').",
        "content/principles/p.md, line 9, field 'members[1].text': the heading 'Too high' is level 2, but "
        "headings here start at level 3 ('###').",
        "content/flows/f.yml, line 4, field 'outcomes.done.text': the first heading 'Deep' is level 4, which "
        "skips a level: make it level 3 ('###').",
    ]


# --------------------------------------------------------------------------- links


def test_content_links_say_where_they_go_and_are_https(passages: list[Passage]) -> None:
    problems = content_link_problems(passages)
    assert problems == [], report(problems)


def test_good_links_pass() -> None:
    body = (
        "See [Pan-Cheshire safeguarding children procedures](https://www.proceduresonline.com/pancheshire),\n"
        "{{ ref('consent') }}, {{ ref('public-interest', 'public interest') }}, [a page](../x.md),\n"
        "`https://example.org` in code and <mailto:safeguarding@example.org>.\n"
    )
    assert link_problems(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Read [click here](https://www.gov.uk/a).", "the link text 'click here' does not say where the link goes"),
        ("Read [Here](https://www.gov.uk/a).", "the link text 'Here' does not say where the link goes"),
        ("Read [this link](https://www.gov.uk/a).", "the link text 'this link' does not say where the link goes"),
        ("Read the [link](https://www.gov.uk/a).", "the link text 'link' does not say where the link goes"),
        (
            "Read [**here**][ico].\n\n[ico]: https://ico.org.uk/",
            "the link text 'here' does not say where the link goes",
        ),
        ("Read [https://www.gov.uk/a](https://www.gov.uk/a).", "the link text 'https://www.gov.uk/a' is a web address"),
        ("Read [www.gov.uk](https://www.gov.uk/).", "the link text 'www.gov.uk' is a web address"),
        ("Read <https://www.gov.uk/a>.", "the link <https://www.gov.uk/a> shows a web address as its text"),
        ("Read https://www.gov.uk/a today.", "the web address 'https://www.gov.uk/a' is written out in the text"),
        ("See {{ ref('consent', 'click here') }}.", "the link text 'click here' does not say where the link goes"),
        ("See {{ ref('consent', text='here') }}.", "the link text 'here' does not say where the link goes"),
        (
            "Read [the ICO guidance](http://ico.org.uk/).",
            "the link 'http://ico.org.uk/' is not secure: use the https:// address.",
        ),
        ("Read [the list][l].\n\n[l]: http://ico.org.uk/", "the link 'http://ico.org.uk/' is not secure"),
    ],
)
def test_bad_links_fail(body: str, expected: str) -> None:
    problems = link_problems(body, where="content/guidance/x.md, field 'body'", first_line=20)
    assert len(problems) == 1, problems
    assert problems[0].startswith("content/guidance/x.md, line "), problems
    assert expected in problems[0], problems


def test_bad_link_names_its_line() -> None:
    problems = link_problems(
        "Fine.\n\nAlso fine.\n\nRead [here](https://www.gov.uk/a).\n", where="content/x.md, field 'body'", first_line=7
    )
    assert problems[0].startswith("content/x.md, line 11, field 'body': the link text 'here'")


def test_source_urls_must_be_https_and_titles_must_say_where_they_go(tmp_path: Path) -> None:
    assert url_problems("http://www.legislation.gov.uk/ukpga/1998/37") != []
    assert url_problems("https://www.legislation.gov.uk/ukpga/1998/37") == []
    assert link_text_problems("Click here") != []
    content = tmp_path / "content"
    (content / "resources").mkdir(parents=True)
    (content / "resources" / "r.md").write_text(
        "---\nkind: resource\nsummary: Fine.\nlinks:\n  - title: Click here\n    url: http://ico.org.uk/\n---\nBody.\n"
    )
    problems = content_link_problems(content_passages(content, root=tmp_path))
    assert problems == [
        "content/resources/r.md, line 6, field 'links[1].url': the link 'http://ico.org.uk/' is not secure: use "
        "the https:// address.",
        "content/resources/r.md, line 5, field 'links[1].title': the link text 'Click here' does not say where the "
        "link goes. Use words that do, such as the title of the page it opens.",
    ]


def test_the_sources_of_a_currency_note_are_held_to_the_same_link_rules(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "legislation").mkdir(parents=True)
    (content / "legislation" / "a.md").write_text(
        "---\nkind: legislation\nsummary: Fine.\nupdates:\n  - what: A change.\n    sources:\n"
        "      - title: Click here\n        url: http://www.legislation.gov.uk/ukpga/2018/12\n---\nBody.\n"
    )
    problems = content_link_problems(content_passages(content, root=tmp_path))
    assert problems == [
        "content/legislation/a.md, line 8, field 'updates[1].sources[1].url': the link "
        "'http://www.legislation.gov.uk/ukpga/2018/12' is not secure: use the https:// address.",
        "content/legislation/a.md, line 7, field 'updates[1].sources[1].title': the link text 'Click here' does not "
        "say where the link goes. Use words that do, such as the title of the page it opens.",
    ]
