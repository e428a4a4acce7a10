"""What git says about the content: one `git log` per build, shared by every page.

Auditors need to see who changed what and when; partnership staff need to see
that their commit reached the site. Outside a git repository the site still
builds, and says plainly that no history is available.

A copy whose history is cut short (a shallow clone, or the project copied into
another repository) would otherwise show every item as "New" with one commit's
message. Its history is marked incomplete instead: the site shows no change history
and says why, and the build prints how to fix it (and fails in CI: see __init__.py).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_RECORD = "\x1e"
_FIELD = "\x1f"
_FORMAT = _RECORD + _FIELD.join(["%H", "%h", "%aI", "%an", "%s", "%D"])


@dataclass(frozen=True)
class Change:
    """One commit's change to one content file."""

    commit: str
    short: str
    date: dt.datetime
    author: str
    subject: str
    status: str
    """A (added), M (modified) or D (deleted)."""
    path: str
    release: str | None
    """The release tag this change was published in, or None if it is not in a release yet."""


@dataclass(frozen=True)
class History:
    available: bool
    note: str = ""
    """Why history is missing, in plain words, when it is."""
    changes: list[Change] = field(default_factory=list)
    """Every change to a content file, newest first."""
    head: str = ""
    head_date: dt.datetime | None = None
    version: str = ""
    """The release tag of the built commit, or its date when it has none."""
    incomplete: bool = False
    """True when git holds only part of the history (shallow clone, or a copy inside another repository)."""
    advice: str = ""
    """For the build's own output when history is incomplete: what happened and how to fix it."""
    uncommitted: frozenset[str] = frozenset()
    """Content files edited but not committed yet (a preview build)."""
    by_file: dict[str, list[Change]] = field(default_factory=dict)
    """The same changes grouped by content file, newest first."""

    def for_file(self, path: str) -> list[Change]:
        return self.by_file.get(path, [])


def _git(project_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project_dir), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


INCOMPLETE_NOTE = (
    "The change history is incomplete in this copy of the guidance, so it is not shown here."
)


def _incomplete(project_dir: Path, top: Path) -> History | None:
    """A History that says so when git here holds only part of the guidance's history, else None."""
    try:
        shallow = _git(top, "rev-parse", "--is-shallow-repository").strip() == "true"
    except (OSError, subprocess.SubprocessError):
        shallow = False
    if shallow:
        advice = (
            "this is a shallow copy of the repository (made with 'git clone --depth …'), which holds only "
            "the newest commits, so every item would look new. Run 'git fetch --unshallow' (in CI: "
            "actions/checkout with fetch-depth: 0) and build again."
        )
    elif project_dir.resolve() != top.resolve():
        # A monorepo would be a legitimate home, but a copied-in project is indistinguishable from it
        # and would show the outer repository's commits as the guidance's history.
        advice = (
            f"the project folder is inside another git repository (whose top is {top}), so git's history "
            "there is not the guidance's history. Build from the guidance's own repository (a 'git clone' "
            "of it), where the project folder is the top of the repository."
        )
    else:
        return None
    head = _head(top)
    return History(
        available=False,
        incomplete=True,
        note=INCOMPLETE_NOTE,
        advice="The change history is incomplete in this copy: " + advice,
        head=head[0],
        head_date=head[1],
        version=head[2],
    )


def _head(top: Path) -> tuple[str, dt.datetime | None, str]:
    """The built commit's short name, date and version (its release tag, or its date)."""
    try:
        head = _git(top, "log", "-1", "--format=%h%x1f%aI%x1f%D").strip()
    except subprocess.CalledProcessError:
        return "", None, ""
    head_short, head_date, head_refs = (head.split(_FIELD) + ["", "", ""])[:3]
    head_tags = [r.strip()[len("tag: ") :] for r in head_refs.split(",") if r.strip().startswith("tag: ")]
    when = dt.datetime.fromisoformat(head_date) if head_date else None
    version = head_tags[0] if head_tags else (f"{when.day} {when:%B %Y}" if when else "")
    return head_short, when, version


def read_history(project_dir: Path, content_dir: Path) -> History:
    """Read the history of every file under content_dir with a single `git log`."""
    try:
        top = Path(_git(project_dir, "rev-parse", "--show-toplevel").strip())
    except (OSError, subprocess.SubprocessError):
        return History(
            available=False,
            note="This copy of the guidance was built outside a git repository, so its change history is not shown.",
        )
    incomplete = _incomplete(project_dir, top)
    if incomplete is not None:
        return incomplete
    try:
        content = content_dir.resolve().relative_to(top.resolve()).as_posix()
        # Paths are kept relative to the project, like the content files' names everywhere else.
        project = project_dir.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return History(available=False, note="The content folder is outside the git repository; no history is shown.")
    try:
        # The whole log, not just content/: a release tag may sit on a commit that changed no content.
        log = _git(top, "log", f"--format={_FORMAT}", "--name-status", "--no-renames")
        status = _git(top, "status", "--porcelain", "--", content)
    except subprocess.CalledProcessError:
        return History(available=False, note="This repository has no commits yet, so no change history is shown.")

    changes: list[Change] = []
    release: str | None = None
    for record in log.split(_RECORD)[1:]:
        header, _, files = record.partition("\n")
        commit, short, date, author, subject, refs = header.split(_FIELD)
        tags = [ref.strip()[len("tag: ") :] for ref in refs.split(",") if ref.strip().startswith("tag: ")]
        if tags:
            # Newest first: a tagged commit and the older ones up to the next tag make one release;
            # commits newer than every tag are not released yet.
            release = tags[0]
        for line in files.strip().splitlines():
            state, _, path = line.partition("\t")
            if not path.startswith(content + "/"):
                continue
            if project != ".":
                path = path[len(project) + 1 :]
            changes.append(
                Change(
                    commit=commit,
                    short=short,
                    date=dt.datetime.fromisoformat(date),
                    author=author,
                    subject=subject,
                    status=state[:1],
                    path=path,
                    release=release,
                )
            )
    head_short, when, version = _head(top)
    uncommitted = frozenset(
        path[len(project) + 1 :] if project != "." else path
        for path in (line[3:].strip() for line in status.splitlines() if line.strip())
    )
    by_file: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        by_file[change.path].append(change)
    return History(
        available=True,
        changes=changes,
        by_file=dict(by_file),
        head=head_short,
        head_date=when,
        version=version,
        uncommitted=uncommitted,
    )
