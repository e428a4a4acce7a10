"""Publishing and the audit trail: git history, reviews, amendments, stamp, manifest, safe builds, authoring."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, Build, run_mkdocs_build

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixture-partnership"
PAN_CHESHIRE_WORDS = ("Cheshire", "Halton", "Warrington", "Pan-Cheshire")


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Partnership Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Partnership Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def partnership(tmp_path: Path, *, with_git: bool = True) -> Path:
    """A copy of the fixture partnership with the real generator and theme linked in."""
    root = tmp_path / "riverside"
    shutil.copytree(FIXTURE, root)
    (root / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    (root / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
    if with_git:
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "content", "docs", "mkdocs.yml")
        git(
            root,
            "commit",
            "-q",
            "-m",
            "First publication",
            "-m",
            "Amendment: First publication of the Riverside guidance",
        )
    return root


def build(root: Path, site: Path | None = None) -> Build:
    result = run_mkdocs_build(root / "mkdocs.yml", site or root / "site")
    assert result.returncode == 0, result.output
    return result


def page(build: Build, url: str) -> str:
    return (build.site / url / "index.html").read_text(encoding="utf-8")


# ---- history, amendments, stamp, manifest ---------------------------------


def test_a_new_commit_shows_in_the_item_history_and_on_the_amendments_page(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(item.read_text().replace("lets Riverside agencies", "allows Riverside agencies to"))
    git(root, "commit", "-q", "-am", "Fix T3", "-m", "Amendment: Clarify section 7 of the Riverside Act")
    head = git(root, "rev-parse", "--short", "HEAD").strip()

    built = build(root)

    act = page(built, "legislation/riverside-act")
    assert "Change history" in act
    assert "Clarify section 7 of the Riverside Act" in act and head in act
    assert "First publication of the Riverside guidance" in act
    assert f"(commit {head})" in act  # "Last updated on … (commit …)"
    changes = page(built, "changes")
    assert "Clarify section 7 of the Riverside Act" in changes
    assert 'href="../legislation/riverside-act/"' in changes
    feed = (built.site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Updated: The Riverside Act 2001</title>" in feed


def test_releases_group_the_amendments(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    git(root, "tag", "v1.0")
    item = root / "content" / "guidance" / "sharing-basics.md"
    item.write_text(item.read_text() + "\nA new paragraph.\n")
    git(root, "commit", "-q", "-am", "Para", "-m", "Amendment: Add a paragraph on sharing basics")

    changes = page(build(root), "changes")
    changes = changes[changes.index("<article") :]

    assert changes.index("Not yet in a release") < changes.index("Release v1.0")
    assert changes.index("Add a paragraph") < changes.index("Release v1.0")


def test_every_page_carries_the_build_commit_and_the_manifest_is_complete(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    head = git(root, "rev-parse", "--short", "HEAD").strip()
    built = build(root)
    for html in built.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if "md-footer" in text:
            assert f"built from commit <code>{head}</code>" in text, html

    manifest = json.loads((built.site / "audit.json").read_text(encoding="utf-8"))
    assert manifest["build"]["commit"] == head
    assert {row["id"] for row in manifest["items"]} == {"sharing-basics", "riverside-act", "riverside-myth"}
    for row in manifest["items"]:
        source = root / row["source_file"]
        assert row["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        assert row["last_commit"] == git(root, "log", "-1", "--format=%H", "--", row["source_file"]).strip()
        assert (built.site / row["url"] / "index.html").exists()
        assert row["owner"] == "Riverside Safeguarding Partnership"
        assert row["review_due"] and row["review_status"] in ("transcribed", "reviewed")
        if row["review_status"] == "reviewed":
            assert row["last_reviewed"] and row["reviewed_by"]
        else:
            assert row["transcribed"] and row["last_reviewed"] is None and row["reviewed_by"] is None
        assert row["origin"] == "guidance"
    assert {row["id"]: row["review_status"] for row in manifest["items"]}["riverside-myth"] == "transcribed"


def test_without_git_the_site_builds_and_says_why_there_is_no_history(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    built = build(root)
    assert "built outside a git repository" in page(built, "legislation/riverside-act")
    assert "built outside a git repository" in page(built, "changes")


def test_uncommitted_edits_are_marked_as_a_preview(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    item = root / "content" / "myths" / "riverside-myth.md"
    item.write_text(item.read_text() + "\nAn edit not yet committed.\n")
    assert "not committed yet: it is a preview" in page(build(root), "myths/riverside-myth")


# ---- reviews --------------------------------------------------------------


def test_overdue_items_carry_a_banner_and_are_listed_by_the_build(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    (root / "docs" / "review-status.md").write_text("# Review status\n\n{{ review_status() }}\n")
    (root / "docs" / ".nav.yml").write_text((root / "docs" / ".nav.yml").read_text() + "  - review-status.md\n")
    built = build(root)
    assert "This page is overdue for review" in page(built, "guidance/sharing-basics")
    assert "This page is overdue for review" not in page(built, "legislation/riverside-act")
    assert "Reviews: 1 overdue (sharing-basics)" in built.output
    status = page(built, "review-status")
    status = status[status.index("<article") :]
    assert status.index("sharing-basics") < status.index("riverside-act")
    assert "Overdue" in status


def test_make_review_prints_the_same_list(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    result = cli(root, "review")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "content/guidance/sharing-basics.md" in lines[1] and "overdue" in lines[1]
    assert lines[-2] == "Reviews: 1 overdue (sharing-basics)."
    assert lines[-1] == (
        "Review status: 1 of 3 items are transcribed from the published guidance and not yet reviewed "
        "against current law; 2 reviewed."
    )
    myth = next(line for line in lines if "riverside-myth" in line)
    assert "not reviewed: transcribed 2026-01-10" in myth
    act = next(line for line in lines if "riverside-act" in line)
    assert "reviewed by Riverside partnership manager on 2026-01-10" in act


# ---- authoring ------------------------------------------------------------


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", *args], cwd=root, capture_output=True, text=True, timeout=60
    )


def test_make_check_validates_content(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    started = time.monotonic()
    result = cli(root, "check")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "The content is valid: 3 items and 0 decision flow(s)."
    print(f"\nmake check on the fixture: {elapsed:.2f} s")  # a measurement, not a test: machines differ


def test_make_check_reports_bad_content_in_plain_english(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    item = root / "content" / "myths" / "riverside-myth.md"
    item.write_text(item.read_text().replace("title:", "titel:"))
    result = cli(root, "check")
    assert result.returncode == 1
    assert "content/myths/riverside-myth.md, line 4, field 'titel': 'titel' is not a field" in result.stderr
    assert "Traceback" not in result.stderr
    # make check builds nothing: it says what the problems stop, and what to run next.
    assert result.stderr.startswith("The content has 2 problems, so it cannot be published yet:")
    assert "site was not built" not in result.stderr
    assert result.stderr.rstrip().endswith("Fix the file(s) named above and run make check again.")


def test_a_problem_in_a_list_names_the_entry_in_words(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    item = root / "content" / "myths" / "riverside-myth.md"
    item.write_text(item.read_text().replace("title:", "aliases:\n  - yes\ntitle:", 1))
    result = cli(root, "check")
    assert result.returncode == 1
    assert "content/myths/riverside-myth.md, line 5, the 1st entry of field 'aliases': this should be text" in (
        result.stderr
    ), result.stderr


def test_make_new_scaffolds_a_valid_item_that_joins_the_menu_with_no_other_edit(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    config_before = (root / "mkdocs.yml").read_text()
    nav_before = (root / "docs" / ".nav.yml").read_text()
    for kind, item_id in [("topic", "sharing-with-schools"), ("myth", "a-new-myth"), ("principle-set", "new-rules")]:
        result = cli(root, "new", kind, item_id, f"Title for {item_id}")
        assert result.returncode == 0, result.stderr
    assert (
        root / "docs" / "guidance" / "sharing-with-schools.md"
    ).read_text() == '{{ item_page("sharing-with-schools") }}\n'
    assert (root / "mkdocs.yml").read_text() == config_before
    assert (root / "docs" / ".nav.yml").read_text() == nav_before
    # Its placeholders are refused until replaced (tests/test_local_items.py has the messages).
    assert cli(root, "check").returncode == 1
    from macros import placeholders

    fills = {
        placeholders.SUMMARY.text: "A plain sentence.",
        placeholders.BODY.text: "The text.",
        placeholders.ANSWERED_BY.text: "sharing-with-schools",
        placeholders.MEMBER_NAME.text: "Keep a record",
        placeholders.MEMBER_TEXT.text: "Write down what you shared.",
    }
    for made in ["guidance/sharing-with-schools.md", "myths/a-new-myth.md", "principles/new-rules.md"]:
        path = root / "content" / made
        text = path.read_text()
        for old, new in fills.items():
            text = text.replace(old, new)
        path.write_text(text)
    assert cli(root, "check").returncode == 0, cli(root, "check").stderr
    built = build(root)
    new_page = page(built, "guidance/sharing-with-schools")
    assert "Title for sharing-with-schools" in new_page
    # In the menu, in its folder's section, after the page listed before it.
    menu = page(built, "guidance")
    assert menu.index('href="sharing-basics/"') < menu.index('href="sharing-with-schools/"')
    assert "md-nav__link--active" in new_page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("topik", "x", "X"), "'topik' is not a kind of item."),
        (("topic", "Bad_Id", "X"), "'Bad_Id' is not a valid id"),
        (("topic", "sharing-basics", "X"), "already exists: choose another ID."),
        (("topic", "fine-id", " "), "Give the item a title"),
    ],
)
def test_make_new_refuses_bad_requests(tmp_path: Path, args: tuple[str, str, str], message: str) -> None:
    root = partnership(tmp_path, with_git=False)
    result = cli(root, "new", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_edit_and_report_links_point_at_the_content_file_when_repo_url_is_set(tmp_path: Path) -> None:
    built = build(partnership(tmp_path, with_git=False))
    act = page(built, "legislation/riverside-act")
    assert 'href="https://git.example.org/riverside/guidance/edit/main/content/legislation/riverside-act.md"' in act
    assert "Report a problem with this page" in act
    assert "https://git.example.org/riverside/guidance/issues/new?title=Problem%20with%20the%20page" in act


def test_no_edit_links_without_a_repository(built_site: Build) -> None:
    assert "Edit this page" not in page(built_site, "legislation/children-act-2004")


# ---- safe publishing ------------------------------------------------------


def make_build(root: Path) -> subprocess.CompletedProcess[str]:
    venv = ROOT / ".venv"
    return subprocess.run(
        ["make", "-C", str(root), "build", f"VENV={venv}", "-o", f"{venv}/.installed"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    shutil.copy(ROOT / "Makefile", root / "Makefile")
    first = make_build(root)
    assert first.returncode == 0, first.stdout + first.stderr
    published = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}

    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(item.read_text().replace("review_due: 2027-01-10", "review_due: 2025-01-10"))
    second = make_build(root)

    assert second.returncode != 0
    assert "field 'review_due': review_due (2025-01-10) must be after last_reviewed" in second.stdout + second.stderr
    now = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert now == published


# ---- another partnership --------------------------------------------------


def test_another_partnership_builds_with_nothing_of_pan_cheshire(tmp_path: Path) -> None:
    built = build(partnership(tmp_path))
    leaks = []
    for path in built.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            leaks += [f"{path.relative_to(built.site)}: {word}" for word in PAN_CHESHIRE_WORDS if word in text]
    assert leaks == []
    home = page(built, "")
    assert "Riverside Safeguarding Partnership" in home
    assert "guidance@riverside.example.org" in home


# ---- versions -------------------------------------------------------------


# Releases (tags, refusals, the banner, current) are tested in test_releases.py.


def test_make_publish_needs_a_version(tmp_path: Path) -> None:
    root = partnership(tmp_path, with_git=False)
    shutil.copy(ROOT / "Makefile", root / "Makefile")
    venv = ROOT / ".venv"
    result = subprocess.run(
        ["make", "-C", str(root), "publish", f"VENV={venv}", "-o", f"{venv}/.installed"], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Say which version: make publish VERSION=2026.1" in result.stdout
