"""A partnership's own items: `make new` marks them local, its placeholders are refused until
replaced, and once filled in they pass every content test that holds the site to the published
guidance, which still holds every item carried from it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Project

from macros.loader import load_corpus
from macros.problems import ContentError

pytestmark = pytest.mark.slow

# The non-browser tests that judge the content itself.
CONTENT_TESTS = ["tests/test_coverage.py", "tests/test_content_quality.py", "tests/test_search_queries.py"]


def copy_project(target: Path) -> Path:
    """The real content, pages, menu and tests in a temporary folder, with the generator and the tools
    the tests use (tools/pdf/make_pdf.py holds the browser flags) linked in."""
    target.mkdir()
    for name in ("content", "docs", "tests"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("macros", "overrides", "tools"):
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    return target


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True, timeout=300, env=env)


def content_tests(root: Path) -> subprocess.CompletedProcess[str]:
    return run(root, "-m", "pytest", "-q", "-m", "not browser", "-p", "no:cacheprovider", "-s", *CONTENT_TESTS)


def fill(path: Path, replacements: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, (path, old)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


BODY = (
    "Write the text of the item here, in Markdown. Link to another item by writing ref and its id\n"
    "between double curly brackets, as the guide for staff shows.\n"
)
SUMMARY = "One plain sentence saying what this is and who it helps."


def test_make_new_then_fill_in_passes_every_content_test(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "guidance")
    for kind, item_id, title in [
        ("topic", "sharing-with-schools", "Sharing with schools"),
        ("myth", "schools-cannot-be-told", "Schools cannot be told about a child protection plan"),
        ("glossary-term", "mash", "Multi-Agency Safeguarding Hub"),
        ("principle-set", "school-sharing-rules", "Rules for sharing with schools"),
        ("legislation", "children-and-families-act-2014", "Children and Families Act 2014"),
    ]:
        made = run(root, "-m", "macros.cli", "new", kind, item_id, title)
        assert made.returncode == 0, made.stderr

    # The placeholders make new wrote are refused, each named with its file, line and field.
    refused = run(root, "-m", "macros.cli", "check")
    assert refused.returncode == 1
    for expected in [
        "content/guidance/sharing-with-schools.md, line 5, field 'summary': replace the placeholder text "
        f"'{SUMMARY}' with one plain sentence",
        "content/guidance/sharing-with-schools.md, line 13, field 'body': replace the placeholder text "
        "'Write the text of the item here, in Markdown.' with the text of the item.",
        "content/myths/schools-cannot-be-told.md, line 7, the 1st entry of field 'answered_by': replace the placeholder text "
        "'id-of-the-item-that-answers-this-myth' with the id of the item that answers the myth",
        "content/glossary/mash.md, line 5, field 'summary': replace the placeholder text",
    ]:
        assert expected in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr

    topic = root / "content" / "guidance" / "sharing-with-schools.md"
    fill(
        topic,
        {
            SUMMARY: "How to share information with a child's school to keep the child safe.",
            BODY: "Schools often know a child best. The MASH can tell you who to contact.\n\n"
            "Share what the school needs, as {{ ref('seven-golden-rules#rule-4') }} says.\n",
        },
    )
    myth = root / "content" / "myths" / "schools-cannot-be-told.md"
    fill(
        myth,
        {
            SUMMARY: "Schools can be told about a plan when it helps keep the child safe.",
            "id-of-the-item-that-answers-this-myth": "sharing-with-schools",
            BODY: "Tell the school what it needs to know to keep the child safe.\n",
        },
    )
    fill(
        root / "content" / "glossary" / "mash.md",
        {
            SUMMARY: "MASH is short for Multi-Agency Safeguarding Hub.",
            BODY: "The team that takes safeguarding calls.\n",
        },
    )
    fill(
        root / "content" / "principles" / "school-sharing-rules.md",
        {
            SUMMARY: "Three rules for sharing information with a school.",
            "First rule": "Ask the school first",
            "What the first rule says.": "Ask the school who should receive the information.",
            BODY: "Follow these rules when you share with a school.\n",
        },
    )
    fill(
        root / "content" / "legislation" / "children-and-families-act-2014.md",
        {
            SUMMARY: "The Act that sets out support for children with special needs.",
            "number of a section the guidance cites": '"19"',
            "Name of the Act on legislation.gov.uk": "Children and Families Act 2014, section 19 (legislation.gov.uk)",
            "https://www.legislation.gov.uk/replace-with-the-address-of-the-act": "https://www.legislation.gov.uk/ukpga/2014/6/section/19",
            BODY: "Section 19 asks councils to involve children and parents in decisions.\n",
        },
    )
    checked = run(root, "-m", "macros.cli", "check")
    assert checked.returncode == 0, checked.stderr
    corpus = load_corpus(root / "content", project_dir=root)
    added = (
        "sharing-with-schools",
        "schools-cannot-be-told",
        "mash",
        "school-sharing-rules",
        "children-and-families-act-2014",
    )
    assert all(corpus.items[i].is_local for i in added)

    # A query about the local myth joins the benchmark.
    queries = root / "tests" / "search_queries.yml"
    queries.write_text(
        queries.read_text(encoding="utf-8") + '- {query: "tell the school", expect: myths/schools-cannot-be-told/}\n',
        encoding="utf-8",
    )
    passed = content_tests(root)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    # Removing the local myth again breaks nothing: counts and map hold only the published guidance,
    # and the benchmark names the query it leaves out.
    (root / "content" / "myths" / "schools-cannot-be-told.md").unlink()
    (root / "docs" / "myths" / "schools-cannot-be-told.md").unlink()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - myths/schools-cannot-be-told.md\n", ""))
    assert run(root, "-m", "macros.cli", "check").returncode == 0
    passed = content_tests(root)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "left out 'tell the school': its page myths/schools-cannot-be-told/ no longer exists" in passed.stdout

    # The same tests still hold the published guidance: an item neither listed in the coverage map
    # nor marked local fails, naming its file and the fix.
    fill(topic, {"origin: local\n": ""})
    failed = content_tests(root)
    assert failed.returncode != 0
    assert (
        "content/guidance/sharing-with-schools.md is not in tests/source_coverage.yml: if the partnership added "
        "this item, write 'origin: local'" in failed.stdout
    )


def test_a_carried_item_cannot_be_marked_local(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "guidance")
    fill(
        root / "content" / "myths" / "it-systems-are-a-barrier.md",
        {"guidance_section:": "origin: local\nguidance_section:"},
    )
    refused = run(root, "-m", "macros.cli", "check")
    assert refused.returncode == 1
    assert "content/myths/it-systems-are-a-barrier.md" in refused.stderr
    assert "an item with origin: local was added by the partnership, so it has no guidance_section" in refused.stderr
    fill(root / "content" / "myths" / "it-systems-are-a-barrier.md", {"guidance_section:": "# guidance_section:"})
    assert run(root, "-m", "macros.cli", "check").returncode == 0
    failed = content_tests(root)
    assert failed.returncode != 0
    assert (
        "these carry the published guidance (tests/source_coverage.yml), so they cannot say origin: local"
        in failed.stdout
    )


def test_a_local_item_says_so_on_its_page(project: Project) -> None:
    project.item("guidance", "our-own", "topic", origin="local")
    project.item("guidance", "carried", "topic", guidance_section="1. Introduction")
    (project.docs / "whole-guidance.md").write_text("# The whole guidance\n\n{{ whole_guidance() }}\n")
    project.nav.append("whole-guidance.md")
    built = project.build()
    assert built.returncode == 0, built.output
    own = (built.site / "guidance" / "our-own" / "index.html").read_text(encoding="utf-8")
    carried = (built.site / "guidance" / "carried" / "index.html").read_text(encoding="utf-8")
    notice = "Added by the partnership, not part of the published guidance."
    assert notice in own
    assert notice not in carried
    whole = (built.site / "whole-guidance" / "index.html").read_text(encoding="utf-8")
    sections = {part.split('"', 1)[0]: part for part in whole.split('<h2 id="')[1:]}
    assert notice in sections["our-own"]
    assert notice not in sections["carried"]
    audit = json.loads((built.site / "audit.json").read_text(encoding="utf-8"))
    assert {row["id"]: row["origin"] for row in audit["items"]} == {"our-own": "local", "carried": "guidance"}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "summary",
            "One plain sentence saying what this is and who it helps.",
            "line 5, field 'summary': replace the placeholder text",
        ),
        (
            "answered_by",
            ["id-of-the-item-that-answers-this-myth"],
            "line 10, the 1st entry of field 'answered_by': replace the placeholder",
        ),
        (
            "sources",
            [{"title": "The Act on legislation.gov.uk", "url": "https://www.legislation.gov.uk/"}],
            "line 12, field 'title' in the 1st entry of field 'sources': replace the placeholder text 'The Act on legislation.gov.uk'",
        ),
    ],
)
def test_placeholders_fail_wherever_they_are(project: Project, field: str, value: object, expected: str) -> None:
    project.item("myths", "a-myth", "myth", **{"answered_by": ["a-myth"], field: value})
    with pytest.raises(ContentError) as caught:
        load_corpus(project.content, project_dir=project.root)
    assert f"content/myths/a-myth.md, {expected}" in str(caught.value)


def test_placeholder_body_names_its_line(project: Project) -> None:
    path = project.item(
        "guidance", "half-done", "topic", body="My first paragraph.\n\nWrite the text of the item here, in Markdown.\n"
    )
    line = path.read_text().splitlines().index("Write the text of the item here, in Markdown.") + 1
    with pytest.raises(ContentError) as caught:
        load_corpus(project.content, project_dir=project.root)
    assert f"content/guidance/half-done.md, line {line}, field 'body': replace the placeholder text" in str(
        caught.value
    )
