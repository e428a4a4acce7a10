"""Amendments written for readers: what changed in the wording, the editor's note, who and when.

Each test works on a throwaway git repository holding the fixture partnership.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Build
from test_publishing import build, git, page, partnership

pytestmark = pytest.mark.slow


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def history_of(built: Build, url: str) -> str:
    html = article(page(built, url))
    return html[html.index('id="change-history"') :] if 'id="change-history"' in html else ""


def manifest(built: Build) -> dict:
    return json.loads((built.site / "audit.json").read_text(encoding="utf-8"))


def test_a_layout_only_commit_is_not_shown_to_readers_but_is_audited(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    item = root / "content" / "legislation" / "riverside-act.md"
    # Re-wrap the body and add blank lines: the words are the same.
    item.write_text(
        item.read_text().replace(
            "Section 7 lets Riverside agencies share information.",
            "Section 7 lets\nRiverside   agencies\nshare information.\n\n",
        )
    )
    git(root, "commit", "-q", "-am", "Rewrap lines in the Riverside Act file")
    head = git(root, "rev-parse", "--short", "HEAD").strip()

    built = build(root)

    assert "Rewrap lines" not in page(built, "legislation/riverside-act")
    assert head not in history_of(built, "legislation/riverside-act")
    assert "Rewrap lines" not in page(built, "changes")
    assert "Rewrap lines" not in (built.site / "feed.xml").read_text(encoding="utf-8")
    audited = [c for c in manifest(built)["changes"] if c["subject"] == "Rewrap lines in the Riverside Act file"]
    assert len(audited) == 1 and audited[0]["shown_to_readers"] is False


def test_a_change_without_a_note_shows_readers_its_words_not_the_developers_subject(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(item.read_text().replace("lets Riverside agencies share", "allows Riverside agencies to share"))
    subject = "Fix T7/O3 findings from second security review"
    git(root, "commit", "-q", "-am", subject)

    built = build(root)

    for shown in (history_of(built, "legislation/riverside-act"), article(page(built, "changes"))):
        assert "Fix T7/O3" not in shown
        assert "no note was written for this change." in shown
        assert "<ins>" in shown and "allows" in shown  # the words themselves
    assert "Fix T7/O3" not in (built.site / "feed.xml").read_text(encoding="utf-8")
    audited = [c for c in manifest(built)["changes"] if c["subject"] == subject]
    assert len(audited) == 1 and audited[0]["shown_to_readers"] is True and audited[0]["amendment_note"] is None


def test_the_redline_shows_words_not_markdown_and_site_lists_stay_with_the_auditors(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(
        item.read_text() + "\n## Duties of **schools**\n\nSchools share [with care](https://example.org/).\n"
    )
    (root / "content" / "order.yml").write_text("whole_guidance:\n  - sharing-basics\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Heading", "-m", "Amendment: A section on schools.")

    built = build(root)

    inserted = " ".join(re.findall(r"<ins>(.*?)</ins>", history_of(built, "legislation/riverside-act")))
    assert "Duties of schools Schools share with care" in inserted
    assert "##" not in inserted and "**" not in inserted and "example.org" not in inserted
    changes = article(page(built, "changes"))
    assert "order" not in re.sub(r"<[^>]+>", " ", changes).split()  # not "New order, by …"
    audited = [c for c in manifest(built)["changes"] if c["path"] == "content/order.yml"]
    assert len(audited) == 1 and audited[0]["shown_to_readers"] is False


def test_a_wording_change_shows_the_note_redline_author_and_commit_date(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    item = root / "content" / "legislation" / "riverside-act.md"
    item.write_text(item.read_text().replace("lets Riverside agencies share", "allows Riverside agencies to share"))
    # Written (authored) in 2019, committed now: readers see when it was committed.
    git(
        root,
        "-c",
        "user.name=Committer",
        "commit",
        "-q",
        "-a",
        "--author",
        "Alex Editor <alex@example.org>",
        "--date",
        "2019-03-01T10:00:00+00:00",
        "-m",
        "fix wording in riverside act\n\nAmendment: Section 7 now says agencies are allowed to share.",
    )
    committed = git(root, "log", "-1", "--format=%cI").strip()[:10]
    built = build(root)

    history = history_of(built, "legislation/riverside-act")
    assert "Section 7 now says agencies are allowed to share." in history
    assert "fix wording in riverside act" not in history  # the note, not the developer's subject
    assert "Alex Editor" in history
    assert "2019" not in history
    year, month, day = (int(part) for part in committed.split("-"))
    assert re.search(rf"<strong>{day} \w+ {year}</strong>, updated by Alex Editor", history)
    deleted = re.search(r"<del>(.*?)</del>", history)
    inserted = re.search(r"<ins>(.*?)</ins>", history)
    assert deleted and "deleted text" in deleted.group(1) and "lets" in deleted.group(1)
    assert inserted and "inserted text" in inserted.group(1) and "allows" in inserted.group(1)
    assert "isg-visually-hidden" in deleted.group(1)
    changes = article(page(built, "changes"))
    assert "Section 7 now says agencies are allowed to share." in changes and "<del>" in changes
    audited = next(c for c in manifest(built)["changes"] if c["amendment_note"])
    assert audited["authored"].startswith("2019-03-01") and audited["committed"].startswith(committed)
    assert audited["shown_to_readers"] is True


def test_a_rename_reads_as_a_rename_and_keeps_the_earlier_history(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    old, new = "sharing-basics", "sharing-essentials"
    git(root, "mv", f"content/guidance/{old}.md", f"content/guidance/{new}.md")
    git(root, "mv", f"docs/guidance/{old}.md", f"docs/guidance/{new}.md")
    content = root / "content" / "guidance" / f"{new}.md"
    content.write_text(content.read_text().replace(f"id: {old}", f"id: {new}"))
    (root / "docs" / "guidance" / f"{new}.md").write_text(f'{{{{ item_page("{new}") }}}}\n')
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(f"guidance/{old}.md", f"guidance/{new}.md"))
    home = root / "docs" / "index.md"
    home.write_text(home.read_text().replace(f"'{old}'", f"'{new}'"))
    git(root, "commit", "-q", "-am", "Rename the sharing basics page\n\nAmendment: The page has a new address.")

    built = build(root)

    history = history_of(built, f"guidance/{new}")
    assert 'renamed from "Sharing basics in Riverside"' in history
    first = git(root, "rev-list", "--max-parents=0", "--abbrev-commit", "HEAD").strip()
    assert f"(commit {first})" in history  # followed back through the rename
    changes = article(page(built, "changes"))
    assert "<strong>Renamed</strong>" in changes
    assert "<strong>Removed</strong>" not in changes and "<strong>New</strong> <a" not in changes.split("Renamed")[0]


def test_a_removed_item_is_shown_by_its_title(tmp_path: Path) -> None:
    root = partnership(tmp_path)
    git(root, "rm", "-q", "content/myths/riverside-myth.md", "docs/myths/riverside-myth.md")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - myths/riverside-myth.md\n", ""))
    index = root / "docs" / "myths" / "index.md"
    # An index page with no items left would be empty; keep the menu entry simple.
    git(root, "commit", "-q", "-am", "Remove the myth\n\nAmendment: The myth page was withdrawn.")
    assert index.exists()

    built = build(root)

    changes = article(page(built, "changes"))
    assert re.search(
        r"<strong>Removed</strong> Myth: Riverside cannot share, by Partnership Editor: The myth page was withdrawn\.",
        changes,
    ), changes[-2000:]
