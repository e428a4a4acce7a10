"""Every way a content file can be wrong stops the build with a plain message naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from broken_content import problems_of, valid
from conftest import ROOT, Project

from macros.cli import read_config
from macros.html_policy import MarkdownToHtml
from macros.loader import load_corpus
from macros.pages import check_docs_files, check_pages

__all__ = ["valid"]  # the fixture, used by name


def test_valid_corpus_loads(valid: Project) -> None:
    corpus = load_corpus(valid.content, project_dir=valid.root)
    assert set(corpus.items) == {"some-act", "golden-rules"}


def test_a_file_saved_with_windows_line_endings_is_read_line_by_line(valid: Project) -> None:
    path = valid.content / "legislation" / "some-act.md"
    path.write_bytes(path.read_text().replace("\n", "\r\n").encode())
    assert load_corpus(valid.content, project_dir=valid.root).items["some-act"].body == "Body text."
    path.write_bytes(path.read_bytes().replace(b"kind: legislation", b"kind: legislatoin"))
    assert "content/legislation/some-act.md, line 2, field 'kind': 'legislatoin' is not a kind" in problems_of(valid)


def test_yaml_syntax_error_names_file_and_line(valid: Project) -> None:
    valid.write(
        "legislation/broken.md", "---\nkind: legislation\nid: broken\ntitle: [unclosed\nsummary: x\n---\nBody\n"
    )
    message = problems_of(valid)
    assert (
        "content/legislation/broken.md, line 4, field 'title': the '[' in 'title: [unclosed' starts a list that "
        'is never closed. If it is part of the text, put the title in quotes: title: "[unclosed"' in message
    )


def test_empty_file(valid: Project) -> None:
    valid.write("legislation/empty.md", "\n\n")
    assert "content/legislation/empty.md: the file is empty" in problems_of(valid)


def test_file_without_front_matter(valid: Project) -> None:
    valid.write("legislation/plain.md", "# Just a heading\n")
    assert "content/legislation/plain.md, line 1: the file must start with a line holding only '---'" in problems_of(
        valid
    )


def test_front_matter_never_closed(valid: Project) -> None:
    valid.write("legislation/open.md", "---\nkind: legislation\nid: open\n")
    assert "content/legislation/open.md: the front matter is never closed" in problems_of(valid)


def test_missing_required_field(valid: Project) -> None:
    valid.item("legislation", "no-summary", "legislation", summary=None)
    message = problems_of(valid)
    assert "content/legislation/no-summary.md, field 'summary': this required field is missing" in message


def test_unknown_field_suggests_the_right_one(valid: Project) -> None:
    valid.item("legislation", "typo", "legislation", titel="Oops")
    message = problems_of(valid)
    assert (
        "content/legislation/typo.md, line 9, field 'titel': 'titel' is not a field a legislation item can have."
        in message
    )
    assert "Did you mean 'title'?" in message


def test_id_must_match_file_name(valid: Project) -> None:
    valid.write(
        "legislation/other-name.md",
        (valid.content / "legislation" / "some-act.md").read_text().replace("id: some-act", "id: some-other-act"),
    )
    message = problems_of(valid)
    assert (
        "content/legislation/other-name.md, line 3, field 'id': the id 'some-other-act' does not match the file name"
        in message
    )


def test_duplicate_id_in_two_files(valid: Project) -> None:
    valid.item("considerations", "some-act", "consideration")
    message = problems_of(valid)
    assert "field 'id': the id 'some-act' is already used by content/" in message


def test_related_to_unknown_id(valid: Project) -> None:
    valid.item("legislation", "linker", "legislation", related=["golden-rules", "no-such-item"])
    message = problems_of(valid)
    assert (
        "content/legislation/linker.md, line 9, field 'related': 'no-such-item' is not the id of any item." in message
    )


def test_ref_in_body_to_unknown_id_names_the_line(valid: Project) -> None:
    # The body starts after the front matter: kind, id, title, summary, owner, last_reviewed, review_due, status, reviewed_by.
    valid.item("legislation", "linker", "legislation", body="First line.\n\nSee {{ ref('some-akt') }}.\n")
    message = problems_of(valid)
    assert "content/legislation/linker.md, line 14, field 'body': 'some-akt' is not the id of any item." in message
    assert "Did you mean 'some-act'?" in message


def test_ref_to_a_rule_that_does_not_exist(valid: Project) -> None:
    valid.item("legislation", "linker", "legislation", body="See {{ ref('golden-rules#rule-9') }}.\n")
    message = problems_of(valid)
    assert "'golden-rules' has no rule '#rule-9'. It has: rule-1, rule-2." in message


def test_ref_to_a_rule_resolves(valid: Project) -> None:
    valid.item("legislation", "linker", "legislation", body="See {{ ref('golden-rules#rule-2') }}.\n")
    corpus = load_corpus(valid.content, project_dir=valid.root)
    assert [r.target for r in corpus.references["linker"]] == ["golden-rules#rule-2"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-13-01", "'2026-13-01' is not a real date"),
        ("next year", "'next year' is not a date written as YYYY-MM-DD"),
        ("2026", "'2026' is not a date written as YYYY-MM-DD"),
    ],
)
def test_invalid_date(valid: Project, value: str, expected: str) -> None:
    valid.item("legislation", "dated", "legislation", last_reviewed=value)
    message = problems_of(valid)
    assert "content/legislation/dated.md, line 7, field 'last_reviewed': " + expected in message


def test_review_due_before_last_reviewed(valid: Project) -> None:
    valid.item("legislation", "late", "legislation", last_reviewed="2026-06-01", review_due="2026-05-01")
    message = problems_of(valid)
    assert (
        "content/legislation/late.md, line 8, field 'review_due': review_due (2026-05-01) must be after "
        "last_reviewed (2026-06-01)." in message
    )


@pytest.mark.parametrize("title", ["", "   "])
def test_empty_title(valid: Project, title: str) -> None:
    valid.item("legislation", "untitled", "legislation", title=title)
    assert "content/legislation/untitled.md, line 4, field 'title': this field is empty" in problems_of(valid)


def test_unknown_kind(valid: Project) -> None:
    valid.item("legislation", "kindless", "legislaton")
    message = problems_of(valid)
    assert "content/legislation/kindless.md, line 2, field 'kind': 'legislaton' is not a kind of item." in message
    assert "Did you mean 'legislation'?" in message


def test_item_in_the_wrong_folder(valid: Project) -> None:
    valid.item("myths", "lost-act", "legislation")
    assert (
        "a legislation item belongs in the folder content/legislation/. This folder holds myth items."
        in problems_of(valid)
    )


def test_field_written_twice(valid: Project) -> None:
    valid.write("legislation/twice.md", "---\nkind: legislation\nid: twice\ntitle: A\ntitle: B\n---\n")
    assert (
        "content/legislation/twice.md, line 5, field 'title': this field is written twice (first on line 4)"
        in problems_of(valid)
    )


def test_raw_html_in_body(valid: Project) -> None:
    valid.item("legislation", "html", "legislation", body="Fine.\n<script>alert(1)</script>\n")
    assert "field 'body': raw HTML ('<script>') is not allowed in content" in problems_of(valid)


def test_unknown_macro_in_body(valid: Project) -> None:
    valid.item("legislation", "macro", "legislation", body="See {{ reff('some-act') }}.\n")
    message = problems_of(valid)
    assert "'reff' is not something the body can use. Did you mean 'ref'?" in message


def test_broken_template_syntax_in_body(valid: Project) -> None:
    valid.item("legislation", "broken-ref", "legislation", body="See {{ ref('some-act' }}.\n")
    assert "content/legislation/broken-ref.md, line 12, field 'body': a '{{ … }}' instruction is broken" in problems_of(
        valid
    )


def test_non_markdown_file(valid: Project) -> None:
    valid.write("legislation/notes.txt", "stray notes")
    assert "content/legislation/notes.txt: this is not a content file" in problems_of(valid)


def test_all_problems_are_reported_together(valid: Project) -> None:
    valid.write("legislation/empty.md", "")
    valid.item("legislation", "typo", "legislation", titel="Oops")
    message = problems_of(valid)
    assert message.startswith("The content has 2 problems, so the site was not built:")


def test_page_file_missing_and_orphan_page(valid: Project) -> None:
    corpus = load_corpus(valid.content, project_dir=valid.root)
    (valid.docs / "legislation" / "some-act.md").unlink()
    (valid.docs / "legislation" / "repealed-act.md").write_text('{{ item_page("repealed-act") }}\n')
    messages = [str(p) for p in check_pages(corpus, valid.paths)]
    assert any(
        "content/legislation/some-act.md: its page docs/legislation/some-act.md is missing" in m for m in messages
    )
    assert any(
        "docs/legislation/repealed-act.md: no content file content/legislation/repealed-act.md goes with this page" in m
        for m in messages
    )


def test_page_file_showing_another_item(valid: Project) -> None:
    corpus = load_corpus(valid.content, project_dir=valid.root)
    (valid.docs / "legislation" / "some-act.md").write_text('{{ item_page("golden-rules") }}\n')
    messages = [str(p) for p in check_pages(corpus, valid.paths)]
    assert messages == ['docs/legislation/some-act.md: this page must hold only the line {{ item_page("some-act") }}.']


def test_ref_on_a_hand_written_page(valid: Project) -> None:
    corpus = load_corpus(valid.content, project_dir=valid.root)
    (valid.docs / "index.md").write_text("# Home\n\nSee {{ ref('some-act') }} and {{ ref('gone') }}.\n")
    to_html = MarkdownToHtml.from_config(read_config(ROOT / "mkdocs.yml"))
    messages = [str(p) for p in check_docs_files(valid.paths, to_html, corpus)]
    assert messages == ["docs/index.md, line 3: 'gone' is not the id of any item."]


def test_bad_content_fails_the_real_build_and_keeps_the_last_site(valid: Project, tmp_path: Path) -> None:
    site = tmp_path / "published"
    first = valid.build(site)
    assert first.returncode == 0, first.output
    published = sorted(p.relative_to(site) for p in site.rglob("*"))
    valid.item("legislation", "typo", "legislation", titel="Oops")

    second = valid.build(site)

    assert second.returncode != 0
    assert "content/legislation/typo.md, line 9, field 'titel': 'titel' is not a field" in second.output
    assert "Traceback" not in second.output
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == published


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"exit_this_page": "maybe"}, "line 9, field 'exit_this_page': write true or false here, not 'maybe'."),
        ({"origin": "locale"}, "line 9, field 'origin': 'locale' is not an origin: write 'origin: local'"),
        (
            {"origin": "local", "guidance_section": "1. Introduction"},
            "line 9, field 'origin': an item with origin: local was added by the partnership, so it has no guidance_section",
        ),
    ],
)
def test_origin_and_yes_no_fields(valid: Project, fields: dict[str, str], expected: str) -> None:
    valid.item("legislation", "marked", "legislation", **fields)
    assert f"content/legislation/marked.md, {expected}" in problems_of(valid)
