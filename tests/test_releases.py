"""Releases that cannot lie: `make publish` and `make publish-current` (tools/publish.py), the release
banner, and builds from copies whose git history is incomplete."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from test_publishing import FIXTURE, git

pytestmark = pytest.mark.slow

VENV = ROOT / ".venv"
TODAY = dt.date.today()
LONG_TODAY = f"{TODAY.day} {TODAY:%B %Y}"


def release_repo(tmp_path: Path) -> Path:
    """The fixture partnership as its own repository, everything the site is built from committed."""
    root = tmp_path / "riverside"
    shutil.copytree(FIXTURE, root)
    for name in ("macros", "overrides", "tools"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy(ROOT / "Makefile", root / "Makefile")
    (root / ".gitignore").write_text("site/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Partnership Editor")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "First publication", "-m", "Amendment: First publication of the Riverside guidance")
    return root


def with_remote(root: Path) -> Path:
    remote = root.parent / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "origin", "main")
    return remote


def make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GUIDANCE_RELEASE", "GUIDANCE_RELEASE_DATE")}
    return subprocess.run(
        ["make", "-C", str(root), *args, f"VENV={VENV}", "-o", f"{VENV}/.installed"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def publish(root: Path, version: str, *, push: bool = False) -> subprocess.CompletedProcess[str]:
    return make(root, "publish", f"VERSION={version}", *(["PUSH=1"] if push else []))


def gh_pages(root: Path) -> str | None:
    result = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "gh-pages"], capture_output=True, text=True
    )
    return result.stdout.strip() or None


def versions(repo: Path) -> list[dict[str, object]]:
    return json.loads(git(repo, "show", "gh-pages:versions.json"))


def edit(root: Path, message: str) -> None:
    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(item.read_text().replace("Section 7 lets", "Section 7 now lets"))
    git(root, "commit", "-q", "-am", message)


# ---- refusals ---------------------------------------------------------------


@pytest.mark.parametrize("change", ["edited", "untracked"])
def test_uncommitted_changes_are_refused_and_nothing_is_published(tmp_path: Path, change: str) -> None:
    root = release_repo(tmp_path)
    if change == "edited":
        item = root / "content" / "myths" / "riverside-myth.md"
        item.write_text(item.read_text() + "\nNot committed yet.\n")
        named = "content/myths/riverside-myth.md"
    else:
        (root / "docs" / "draft.md").write_text("# A draft page nobody committed\n")
        named = "docs/draft.md"

    result = publish(root, "2026.1")

    assert result.returncode != 0
    assert "have changes that are not committed, so nothing was published" in result.stderr
    assert f"  - {named}" in result.stderr
    assert "Traceback" not in result.stderr
    assert gh_pages(root) is None
    assert git(root, "tag").strip() == ""


def test_a_version_number_is_used_once(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    assert publish(root, "2026.1").returncode == 0
    published = gh_pages(root)
    edit(root, "Update the Riverside Act page")

    again = publish(root, "2026.1")

    assert again.returncode != 0
    assert "Version 2026.1 cannot be published from this commit" in again.stderr
    assert "the tag v2026.1 already marks commit" in again.stderr
    assert "make publish VERSION=2026.2" in again.stderr
    assert gh_pages(root) == published
    assert "Section 7 lets" in git(root, "show", "gh-pages:2026.1/legislation/riverside-act/index.html")


def test_a_pushed_version_is_never_rebuilt(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    remote = with_remote(root)
    assert publish(root, "2026.1", push=True).returncode == 0
    sent = git(remote, "rev-parse", "gh-pages").strip()

    again = publish(root, "2026.1", push=True)

    assert again.returncode != 0
    assert "Version 2026.1 has been published already, and a published version is never replaced" in again.stderr
    assert git(remote, "rev-parse", "gh-pages").strip() == sent


def test_only_commits_on_main_are_sent(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    remote = with_remote(root)
    git(root, "switch", "-q", "-c", "draft")
    edit(root, "A draft nobody has reviewed")

    for args in (("publish", "VERSION=2026.1", "PUSH=1"), ("publish-current", "PUSH=1")):
        result = make(root, *args)
        assert result.returncode != 0, args
        assert "The commit you are on is not on 'origin/main', so nothing was published" in result.stderr
    assert "gh-pages" not in git(remote, "branch", "--list")
    assert git(root, "tag").strip() == ""


@pytest.mark.parametrize("name", ["2026-11-27", "latest", "current", "2026.0", "26.1"])
def test_release_numbers_are_year_dot_number(tmp_path: Path, name: str) -> None:
    root = release_repo(tmp_path)
    result = publish(root, name)
    assert result.returncode != 0
    assert f"'{name}' is not a release number" in result.stderr
    assert gh_pages(root) is None


# ---- what a release is ------------------------------------------------------


def test_a_release_is_tagged_and_names_itself(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    head = git(root, "rev-parse", "HEAD").strip()

    result = publish(root, "2026.1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert git(root, "cat-file", "-t", "v2026.1").strip() == "tag"  # annotated, not a bare name
    assert git(root, "rev-parse", "v2026.1^{commit}").strip() == head
    assert git(root, "tag", "-l", "--format=%(contents:subject)", "v2026.1").strip() == (
        f"Release 2026.1 of the guidance, published {LONG_TODAY}"
    )
    assert versions(root) == [{"version": "2026.1", "title": f"2026.1 ({LONG_TODAY})", "aliases": []}]
    act = git(root, "show", "gh-pages:2026.1/legislation/riverside-act/index.html")
    assert f"Content version v2026.1, built from commit <code>{head[:7]}</code>." in act
    changes = git(root, "show", "gh-pages:2026.1/changes/index.html")
    assert "Release v2026.1" in changes and "Not yet in a release" not in changes


def test_a_release_carries_its_pdf_edition(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    root = release_repo(tmp_path)
    (root / "docs" / "whole-guidance.md").write_text("# The whole guidance\n\n{{ whole_guidance(edition=True) }}\n")
    git(root, "add", "docs/whole-guidance.md")
    git(root, "commit", "-q", "-m", "Add the whole guidance page")

    result = publish(root, "2026.1")

    assert result.returncode == 0, result.stdout + result.stderr
    pdf = subprocess.run(
        ["git", "-C", str(root), "show", "gh-pages:2026.1/whole-guidance/information-sharing-guidance.pdf"],
        capture_output=True,
        check=True,
    ).stdout
    reader = pypdf.PdfReader(__import__("io").BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "v2026.1" in text and "Riverside" in text
    assert reader.outline, "the PDF has no bookmarks"
    page_html = git(root, "show", "gh-pages:2026.1/whole-guidance/index.html")
    assert "information-sharing-guidance.pdf" in page_html


def test_without_push_it_says_nothing_was_sent(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    remote = with_remote(root)

    result = publish(root, "2026.1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "Published 2026.1 locally on the gh-pages branch and tagged it v2026.1; nothing was sent. "
        "To publish it run: make publish VERSION=2026.1 PUSH=1"
    ) in result.stdout
    assert "pushed" not in result.stdout.lower()
    assert "gh-pages" not in git(remote, "branch", "--list")
    assert git(remote, "tag").strip() == ""

    # The command it suggests works: the same commit, rebuilt and sent.
    sent = publish(root, "2026.1", push=True)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "Published and pushed 2026.1: sent the gh-pages branch and the tag(s) v2026.1 to 'origin'." in sent.stdout
    assert [v["version"] for v in versions(remote)] == ["2026.1"]
    assert git(remote, "tag").split() == ["v2026.1"]


def test_a_failed_build_leaves_no_tag(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(item.read_text().replace("review_due: 2027-01-10", "review_due: 2025-01-10"))
    git(root, "commit", "-q", "-am", "A slip in the review date")

    result = publish(root, "2026.1")

    assert result.returncode != 0
    assert "must be after last_reviewed" in result.stdout + result.stderr
    assert "Nothing was sent." in result.stderr
    assert git(root, "tag").strip() == ""


# ---- current, the banner and the version selector --------------------------


def test_old_versions_carry_a_banner_and_the_address_leads_to_current(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    assert publish(root, "2026.1").returncode == 0
    edit(root, "Update the Riverside Act page")
    assert publish(root, "2026.2").returncode == 0
    current = make(root, "publish-current")
    assert current.returncode == 0, current.stdout + current.stderr
    assert "Published the current version locally on the gh-pages branch; nothing was sent." in current.stdout
    assert "make publish-current PUSH=1" in current.stdout

    last_change = git(root, "log", "-1", "--format=%cs").strip()
    day = dt.date.fromisoformat(last_change)
    assert [(v["version"], v["title"]) for v in versions(root)] == [
        ("current", f"Current (last changed {day.day} {day:%B %Y})"),
        ("2026.2", f"2026.2 ({LONG_TODAY})"),
        ("2026.1", f"2026.1 ({LONG_TODAY})"),
    ]
    banner = re.compile(r'<p class="isg-release-banner"[^>]*>(.*?)</p>', re.S)
    old = git(root, "show", "gh-pages:2026.1/legislation/riverside-act/index.html")
    found = banner.search(old)
    assert found, "release 2026.1 has no banner"
    text = " ".join(found.group(1).split())
    assert f"You are reading release 2026.1 of this guidance, published on {LONG_TODAY}" in text
    assert "It may not be the latest version." in text
    # Page 2026.1/legislation/riverside-act/ links to the top of the versioned site.
    assert '<a href="../../../">Read the latest version</a>' in text
    assert banner.search(git(root, "show", "gh-pages:2026.2/index.html"))
    assert not banner.search(git(root, "show", "gh-pages:current/legislation/riverside-act/index.html"))
    # Material's own banner is shown by an inline script, which the policy blocks: it is not used.
    assert "__outdated" not in old

    root_page = git(root, "show", "gh-pages:index.html")
    assert '<meta http-equiv="refresh" content="0; url=current/">' in root_page
    assert "<script" not in root_page
    assert '"provider": "mike"' in old or '"provider":"mike"' in old


def test_make_publish_current_refuses_uncommitted_changes_too(tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "\n# an edit\n")
    result = make(root, "publish-current")
    assert result.returncode != 0
    assert "  - mkdocs.yml" in result.stderr
    assert gh_pages(root) is None


# ---- incomplete history -----------------------------------------------------


def build(root: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [str(VENV / "bin" / "mkdocs"), "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def shallow_clone(tmp_path: Path) -> Path:
    origin = release_repo(tmp_path)
    edit(origin, "Update the Riverside Act page")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    return clone


def test_a_shallow_clone_says_its_history_is_incomplete_instead_of_inventing_it(tmp_path: Path) -> None:
    clone = shallow_clone(tmp_path)

    result = build(clone, ci=False)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning: The change history is incomplete in this copy: this is a shallow copy" in result.stderr
    assert "git fetch --unshallow" in result.stderr
    act = (clone / "site" / "legislation" / "riverside-act" / "index.html").read_text()
    changes = (clone / "site" / "changes" / "index.html").read_text()
    for html in (act, changes):
        assert "The change history is incomplete in this copy of the guidance" in html
        assert "Update the Riverside Act page" not in html  # the one commit git has is not shown as history
    assert "<strong>New</strong>" not in changes
    assert 'id="change-history"' not in act
    head = git(clone, "rev-parse", "--short", "HEAD").strip()
    assert f"built from commit <code>{head}</code>" in act  # the footer still names what was built
    manifest = json.loads((clone / "site" / "audit.json").read_text())
    assert manifest["build"]["history"].startswith("The change history is incomplete")
    assert all(row["last_commit"] is None for row in manifest["items"])


def test_a_shallow_clone_stops_the_build_in_ci(tmp_path: Path) -> None:
    clone = shallow_clone(tmp_path)
    result = build(clone, ci=True)
    assert result.returncode != 0
    assert "The change history is incomplete in this copy: this is a shallow copy" in result.stdout + result.stderr
    assert "The site was not built, because CI publishes what it builds." in result.stdout + result.stderr
    assert not (clone / "site" / "index.html").exists()


def test_a_shallow_clone_cannot_publish(tmp_path: Path) -> None:
    clone = shallow_clone(tmp_path)
    shutil.copy(ROOT / "Makefile", clone / "Makefile")
    result = publish(clone, "2026.1")
    assert result.returncode != 0
    assert "This is a shallow copy of the repository" in result.stderr
    assert gh_pages(clone) is None


def test_a_copy_inside_another_repository_says_its_history_is_incomplete(tmp_path: Path) -> None:
    outer = tmp_path / "intranet"
    outer.mkdir()
    git(outer, "init", "-q", "-b", "main")
    root = outer / "guidance"
    shutil.copytree(FIXTURE, root)
    (root / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    (root / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
    git(outer, "add", ".")
    git(outer, "commit", "-q", "-m", "Copy the guidance into the intranet")

    result = build(root, ci=False)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "the project folder is inside another git repository" in result.stderr
    changes = (root / "site" / "changes" / "index.html").read_text()
    assert "The change history is incomplete in this copy of the guidance" in changes
    assert "Copy the guidance into the intranet" not in changes
    assert build(root, ci=True).returncode != 0
