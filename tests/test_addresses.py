"""Published addresses never disappear: rename and withdraw keep them working, and history proves it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_publishing import build, cli, git, page, partnership

pytestmark = pytest.mark.slow


def test_rename_moves_the_files_rewrites_every_link_and_keeps_the_old_address(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    config_before = (root / "mkdocs.yml").read_text()
    result = cli(root, "rename", "riverside-act", "riverside-children-act")
    assert result.returncode == 0, result.stderr
    assert "The content is valid" in result.stdout

    assert not (root / "content" / "legislation" / "riverside-act.md").exists()
    moved = (root / "content" / "legislation" / "riverside-children-act.md").read_text()
    assert re.search(r"^id: riverside-children-act$", moved, re.M)
    assert "ref('riverside-children-act')" in (root / "content" / "guidance" / "sharing-basics.md").read_text()
    assert "- riverside-children-act" in (root / "content" / "myths" / "riverside-myth.md").read_text()
    assert (
        root / "docs" / "legislation" / "riverside-children-act.md"
    ).read_text() == '{{ item_page("riverside-children-act") }}\n'
    assert (root / "docs" / "legislation" / "riverside-act.md").read_text() == "{{ moved_page() }}\n"
    assert (root / "mkdocs.yml").read_text() == config_before

    # git sees a rename, so the item's history follows it.
    assert re.search(
        r"^R. content/legislation/riverside-act.md -> content/legislation/riverside-children-act.md$",
        git(root, "status", "--short"),
        re.M,
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rename the Riverside Act page")
    followed = git(root, "log", "--follow", "--format=%s", "--", "content/legislation/riverside-children-act.md")
    assert "First publication" in followed

    built = build(root)
    old = page(built, "legislation/riverside-act")
    assert '<meta http-equiv="refresh" content="0; url=../riverside-children-act/">' in old
    assert 'href="../riverside-children-act/"' in old
    assert "md-nav__link--active" not in old  # an old address is not in the menu
    assert "Riverside" in page(built, "legislation/riverside-children-act")
    manifest = (built.site / "audit.json").read_text()
    assert '"address": "legislation/riverside-act"' in manifest


def test_withdraw_keeps_a_page_saying_when_and_what_replaces_it(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    result = cli(
        root, "withdraw", "riverside-act", "--replaced-by", "sharing-basics", "--reason", "The Act was repealed."
    )
    assert result.returncode == 0, result.stderr
    assert not (root / "content" / "legislation" / "riverside-act.md").exists()
    assert "ref('sharing-basics')" in (root / "content" / "guidance" / "sharing-basics.md").read_text()
    addresses = yaml.safe_load((root / "content" / "addresses.yml").read_text())
    [entry] = addresses["withdrawn"]
    assert entry["address"] == "legislation/riverside-act" and entry["replaced_by"] == "sharing-basics"
    built = build(root)
    withdrawn = page(built, "legislation/riverside-act")
    assert "withdrawn on" in withdrawn and "The Act was repealed." in withdrawn
    assert 'href="../../guidance/sharing-basics/"' in withdrawn
    assert 'http-equiv="refresh"' not in withdrawn  # the reader is told, not sent on


def test_withdraw_refuses_while_other_items_link_to_it_and_changes_nothing(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    result = cli(root, "withdraw", "riverside-act")
    assert result.returncode == 2
    assert "these items link to 'riverside-act'" in result.stderr
    assert "content/guidance/sharing-basics.md" in result.stderr
    assert git(root, "status", "--short", "--", "content", "docs", "mkdocs.yml") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rename", "no-such-item", "x"), "there is no item 'no-such-item' to rename."),
        (("rename", "riverside-act", "Bad Id"), "'Bad Id' is not a valid id"),
        (("rename", "riverside-act", "sharing-basics"), "the id 'sharing-basics' is already used"),
        (("withdraw", "riverside-act", "--replaced-by", "riverside-act"), "REPLACED_BY must be the id of another item"),
    ],
)
def test_bad_edits_are_refused_with_nothing_changed(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    root = partnership(tmp_path)
    result = cli(root, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert git(root, "status", "--short", "--", "content", "docs", "mkdocs.yml") == ""


def test_no_published_address_has_ever_disappeared() -> None:
    """Every page file ever removed from docs/ (by git's own record) left an old address behind."""
    shallow = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True
    )
    assert shallow.stdout.strip() == "false", "this test needs the whole git history: clone without --depth"
    removed = subprocess.run(
        ["git", "-C", str(ROOT), "log", "--diff-filter=DR", "--name-status", "--format=", "--", "docs/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    gone = {line.split("\t")[1] for line in removed.splitlines() if line and line[0] in "DR"}
    present = {path.relative_to(ROOT).as_posix() for path in (ROOT / "docs").rglob("*.md")}
    lost = sorted(path for path in gone if path.endswith(".md") and path not in present)
    assert lost == [], "these addresses were removed without make rename or make withdraw"
