"""Currency notes ("Since this guidance was published") and honest review status.

The schema must accept a well-formed note and refuse a bad one in plain words naming file, line and
field; every note must be shown on its page (in its own labelled box, never in the summary), listed
on "Changes in law since publication", carried in audit.json and counted in the build output; every
note must cite an authoritative https source and say whether it is confirmed; and no page may say
an item was reviewed when it was only transcribed.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, Build, Project

from macros.loader import load_corpus
from macros.problems import ContentError, describe_field

AUTHORITATIVE_HOSTS = ("legislation.gov.uk", "gov.uk", "parliament.uk", "ico.org.uk", "nhs.uk")
"""Hosts a currency note may cite: legislation.gov.uk and GOV.UK first, then Parliament, the ICO and the NHS
(subdomains such as commonslibrary.parliament.uk count)."""

GOOD_NOTE = """updates:
  - what: >-
      The Example Act 2025 replaced section 2. *Not emphasis* & [not a link].
    date: 2025-06-19
    confirmed: true
    findings: [T7]
    sources:
      - title: Example Act 2025, section 1 (legislation.gov.uk)
        url: https://www.legislation.gov.uk/ukpga/2025/1/section/1
  - type: correction
    what: The guidance cites the wrong section; whether it applies is not confirmed.
    confirmed: false
    sources:
      - title: Example Act 2025 (legislation.gov.uk)
        url: https://www.legislation.gov.uk/ukpga/2025/1/contents
"""


def noted_item(project: Project, notes: str = GOOD_NOTE, **fields: object) -> Path:
    """A legislation item whose front matter ends with the given updates: block."""
    path = project.item("legislation", "noted-act", "legislation", body="The body of the act.\n", **fields)
    text = path.read_text()
    path.write_text(text.replace("\n---\nThe body", "\n" + notes.rstrip("\n") + "\n---\nThe body", 1))
    return path


def problems(project: Project) -> str:
    with pytest.raises(ContentError) as caught:
        load_corpus(project.content, project_dir=project.root)
    return str(caught.value)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# --------------------------------------------------------------------------- schema


def test_a_well_formed_note_is_accepted(project: Project) -> None:
    noted_item(project)
    corpus = load_corpus(project.content, project_dir=project.root)
    first, second = corpus.items["noted-act"].updates
    assert first.type == "change" and first.confirmed is True and first.date.isoformat() == "2025-06-19"
    assert first.sources[0].url.startswith("https://www.legislation.gov.uk/")
    assert second.type == "correction" and second.confirmed is False and second.date is None


@pytest.mark.parametrize(
    ("old", "new", "field", "line_text", "expected"),
    [
        (
            "    confirmed: true\n",
            "",
            "updates[1].confirmed",
            "  - what: >-",
            "this required field is missing. Every entry of updates needs 'confirmed'.",
        ),
        (
            "    confirmed: true\n",
            "    confirmed: yes please\n",
            "updates[1].confirmed",
            "yes please",
            "write true or false here, not 'yes please'.",
        ),
        (
            "    confirmed: true\n",
            "    confirmd: true\n",
            "updates[1].confirmd",
            "confirmd",
            "'confirmd' is not something an entry of updates can have. Did you mean 'confirmed'?",
        ),
        (
            "https://www.legislation.gov.uk/ukpga/2025/1/section/1",
            "http://www.legislation.gov.uk/ukpga/2025/1/section/1",
            "updates[1].sources[1].url",
            "http://",
            "'http://www.legislation.gov.uk/ukpga/2025/1/section/1' is not a web address starting with https://.",
        ),
        (
            "    date: 2025-06-19\n",
            "",
            "updates[1].date",
            "  - what: >-",
            "a change needs the 'date' it took effect, written YYYY-MM-DD.",
        ),
        (
            "    date: 2025-06-19\n",
            "    date: 2025-13-19\n",
            "updates[1].date",
            "2025-13-19",
            "'2025-13-19' is not a real date.",
        ),
        (
            "    findings: [T7]\n",
            "    findings: [seven]\n",
            "updates[1].findings[1]",
            "findings",
            "'seven' is not a finding number of the content review: write it like T2, E1 or Q12.",
        ),
        (
            "  - type: correction\n",
            "  - type: typo\n",
            "updates[2].type",
            "type: typo",
            "'typo' is not allowed here: write 'change' or 'correction'.",
        ),
    ],
)
def test_a_bad_note_is_refused_naming_file_line_and_field(
    project: Project, old: str, new: str, field: str, line_text: str, expected: str
) -> None:
    path = noted_item(project, GOOD_NOTE.replace(old, new, 1))
    message = problems(project)
    line = line_of(path, line_text)
    assert f"content/legislation/noted-act.md, line {line}, {describe_field(field)}: {expected}" in message, message


def test_a_note_without_sources_is_refused(project: Project) -> None:
    notes = GOOD_NOTE.split("  - type: correction")[0]
    notes = notes[: notes.index("    sources:")] + "    sources: []\n"
    noted_item(project, notes)
    assert (
        "field 'sources' in the 1st entry of field 'updates': this list is empty: it needs at least one entry."
        in problems(project)
    )


def test_raw_html_in_a_note_is_refused(project: Project) -> None:
    noted_item(project, GOOD_NOTE.replace("*Not emphasis*", "<b>Bold</b>"))
    message = problems(project)
    assert "content/legislation/noted-act.md" in message
    assert "field 'what' in the 1st entry of field 'updates': '<' is not allowed here" in message


# --------------------------------------------------------------------------- review status in the schema


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"status": "transcribed", "last_reviewed": None, "reviewed_by": None},
            "field 'status': status: transcribed needs the date",
        ),
        (
            {"status": "transcribed", "transcribed": "2026-01-01"},
            "a transcribed item has not been reviewed: remove 'last_reviewed' and 'reviewed_by'",
        ),
        ({"status": "reviewed", "reviewed_by": None}, "field 'status': status: reviewed needs 'last_reviewed'"),
        ({"status": "checked"}, "field 'status': 'checked' is not allowed here: write 'transcribed' or 'reviewed'."),
        ({"status": None}, "field 'status': this required field is missing."),
        (
            {"status": "transcribed", "transcribed": "2027-06-01", "last_reviewed": None, "reviewed_by": None},
            "field 'review_due': review_due (2027-01-01) must be after transcribed (2027-06-01).",
        ),
    ],
)
def test_review_status_cannot_claim_a_review_that_did_not_happen(project: Project, fields: dict, expected: str) -> None:
    project.item("legislation", "an-act", "legislation", **fields)
    assert expected in problems(project)


# --------------------------------------------------------------------------- rendering in a small project


class _Elements(HTMLParser):
    """The text of every element carrying a class or id, with its nesting handled."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.found: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        record = {
            "tag": tag,
            "classes": (dict(attrs).get("class") or "").split(),
            "id": dict(attrs).get("id"),
            "text": [],
        }
        self.stack.append(record)
        self.found.append(record)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for record in self.stack:
            record["text"].append(data)


def elements(html: str, *, cls: str | None = None, id: str | None = None) -> list[str]:  # noqa: A002
    parser = _Elements()
    parser.feed(html)
    return [
        " ".join("".join(r["text"]).split())
        for r in parser.found
        if (cls is None or cls in r["classes"]) and (id is None or r["id"] == id)
    ]


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


@pytest.fixture
def rendered(project: Project) -> tuple[Project, Build]:
    noted_item(project, summary="Summary of the noted act.")
    project.item(
        "legislation",
        "plain-act",
        "legislation",
        status="transcribed",
        transcribed="2026-11-26",
        last_reviewed=None,
        reviewed_by=None,
    )
    (project.docs / "changes-in-law.md").write_text((ROOT / "docs" / "changes-in-law.md").read_text())
    project.nav.append("changes-in-law.md")
    built = project.build()
    assert built.returncode == 0, built.output
    return project, built


def test_the_note_is_a_labelled_box_near_the_top_and_never_in_the_summary(rendered: tuple[Project, Build]) -> None:
    _, built = rendered
    html = article((built.site / "legislation" / "noted-act" / "index.html").read_text())
    boxes = elements(html, cls="isg-updates")
    assert len(boxes) == 1 and boxes[0].startswith("Since this guidance was published")
    assert "Since 19 June 2025: The Example Act 2025 replaced section 2." in boxes[0]
    assert "Correction, not confirmed: The guidance cites the wrong section" in boxes[0]
    # Escaped: Markdown in a note is shown as typed, never turned into emphasis or links.
    assert "*Not emphasis* & [not a link]" in boxes[0]
    assert "<em>Not emphasis</em>" not in html
    assert elements(html, id="update-1") and elements(html, id="update-2")
    # Above the body, below the summary, and not inside it.
    assert html.index("isg-summary") < html.index("isg-updates") < html.index("The body of the act.")
    assert all("Example Act" not in summary for summary in elements(html, cls="isg-summary"))
    # Items without notes have no box.
    plain = article((built.site / "legislation" / "plain-act" / "index.html").read_text())
    assert not elements(plain, cls="isg-updates")


def test_the_listing_page_lists_every_note_with_a_link_to_it(rendered: tuple[Project, Build]) -> None:
    _, built = rendered
    html = article((built.site / "changes-in-law" / "index.html").read_text())
    changes = elements(html, id="changes")
    corrections = elements(html, id="corrections")
    assert changes and corrections
    assert "../legislation/noted-act/#update-1" in html and "../legislation/noted-act/#update-2" in html
    items = elements(html, cls=None)
    assert any(text.startswith("19 June 2025, on Title of noted-act") for text in items)
    assert any(text.startswith("Not confirmed, on Title of noted-act") for text in items)


def test_the_build_counts_the_notes_and_says_what_is_reviewed(rendered: tuple[Project, Build]) -> None:
    _, built = rendered
    assert (
        "Currency notes: 2 on 1 items (1 changes in law or national guidance, 1 corrections); 1 not confirmed (noted-act#update-2)."
        in built.output
    )
    assert (
        "Review status: 1 of 2 items are transcribed from the published guidance and not yet reviewed against current law; 1 reviewed."
        in built.output
    )


def test_pages_say_reviewed_only_for_a_reviewed_item(rendered: tuple[Project, Build]) -> None:
    _, built = rendered
    reviewed = article((built.site / "legislation" / "noted-act" / "index.html").read_text())
    transcribed = article((built.site / "legislation" / "plain-act" / "index.html").read_text())
    assert "Reviewed against current law by Test reviewer on 1 January 2026." in " ".join(
        elements(reviewed, cls="isg-review")
    )
    review = " ".join(elements(transcribed, cls="isg-review"))
    assert (
        "Transcribed from the published guidance on 26 November 2026; not yet reviewed against current law." in review
    )
    assert not re.search(r"(?i)last reviewed|reviewed (by|on)\b", review)


def test_audit_manifest_carries_notes_and_status(rendered: tuple[Project, Build]) -> None:
    _, built = rendered
    manifest = json.loads((built.site / "audit.json").read_text())
    rows = {row["id"]: row for row in manifest["items"]}
    assert rows["noted-act"]["review_status"] == "reviewed" and rows["noted-act"]["reviewed_by"] == "Test reviewer"
    assert rows["plain-act"]["review_status"] == "transcribed" and rows["plain-act"]["last_reviewed"] is None
    assert rows["plain-act"]["transcribed"] == "2026-11-26"
    notes = rows["noted-act"]["updates"]
    assert [note["confirmed"] for note in notes] == [True, False]
    assert notes[0]["sources"][0]["url"] == "https://www.legislation.gov.uk/ukpga/2025/1/section/1"
    assert notes[0]["date"] == "2025-06-19" and notes[1]["date"] is None and notes[0]["findings"] == ["T7"]
    assert manifest["currency_notes"] == {"total": 2, "not_confirmed": 1}
    assert manifest["review_status"] == {"transcribed": 1, "reviewed": 1}
