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
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

_RECORD = "\x1e"
_FIELD = "\x1f"
_TRAILER = "Amendment"
"""The commit trailer that holds the editor's note for readers: a last paragraph line "Amendment: …"."""
_FORMAT = _RECORD + _FIELD.join(
    ["%H", "%h", "%cI", "%an", "%s", "%D", "%aI", f"%(trailers:key={_TRAILER},valueonly=true,separator=%x1d)"]
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Change:
    """One commit's change to one content file."""

    commit: str
    short: str
    date: dt.datetime
    """When the change was committed (not when it was first written: a commit's author date can be set to anything)."""
    author: str
    subject: str
    status: str
    """A (added), M (modified), D (deleted) or R (renamed)."""
    path: str
    release: str | None
    """The release tag this change was published in, or None if it is not in a release yet."""
    authored: dt.datetime | None = None
    """The commit's author date, kept for the audit manifest only."""
    note: str = ""
    """The editor's note for readers, from the commit's "Amendment:" trailer."""
    old_path: str | None = None
    """For a rename, the file's previous path."""
    before: str | None = None
    """The file's text before the change (None when it was added)."""
    after: str | None = None
    """The file's text after the change (None when it was removed)."""

    @property
    def published(self) -> bool:
        """Whether readers see this change: it adds, removes or renames an item, or changes its words.

        A change of layout or whitespace only (re-wrapped lines, indentation) is kept for auditors
        but not shown to readers.
        """
        if self.status in ("A", "D") or (self.status == "R" and self.old_path != self.path):
            return True
        if self.before is None or self.after is None:
            return True  # the text could not be read: show the change rather than hide it
        return _WHITESPACE.sub(" ", self.before).strip() != _WHITESPACE.sub(" ", self.after).strip()


@dataclass(frozen=True)
class History:
    available: bool
    note: str = ""
    """Why history is missing, in plain words, when it is."""
    changes: list[Change] = field(default_factory=list)
    """Every change to a content file, newest first."""
    head: str = ""
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
        """Every change to the file, newest first, following it back through renames."""
        changes = list(self.by_file.get(path, []))
        for change in list(changes):
            if change.status == "R" and change.old_path and change.old_path != path:
                changes += [c for c in self.for_file(change.old_path) if c.date <= change.date and c is not change]
        return changes


def _git(project_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project_dir), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


INCOMPLETE_NOTE = "The change history is incomplete in this copy of the guidance, so it is not shown here."


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
        version=head[1],
    )


def _head(top: Path) -> tuple[str, str]:
    """The built commit's short name and version (its release tag, or the date it was committed)."""
    try:
        head = _git(top, "log", "-1", "--format=%h%x1f%cI%x1f%D").strip()
    except subprocess.CalledProcessError:
        return "", ""
    head_short, head_date, head_refs = (head.split(_FIELD) + ["", "", ""])[:3]
    head_tags = [r.strip()[len("tag: ") :] for r in head_refs.split(",") if r.strip().startswith("tag: ")]
    when = dt.datetime.fromisoformat(head_date) if head_date else None
    version = head_tags[0] if head_tags else (f"{when.day} {when:%B %Y}" if when else "")
    return head_short, version


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
        log = _git(top, "log", f"--format={_FORMAT}", "--name-status", "--find-renames")
        uncommitted = _uncommitted(top, content, project)
    except subprocess.CalledProcessError:
        return History(available=False, note="This repository has no commits yet, so no change history is shown.")

    changes: list[Change] = []
    wanted: list[tuple[str, str, str, str]] = []
    """(commit, path before, path after, status) of each change, to read the file's text on both sides."""
    release: str | None = None
    for record in log.split(_RECORD)[1:]:
        header, _, files = record.partition("\n")
        commit, short, date, author, subject, refs, authored, trailers = (header.split(_FIELD) + [""] * 8)[:8]
        note = " ".join(value.strip() for value in trailers.split("\x1d") if value.strip())
        tags = [ref.strip()[len("tag: ") :] for ref in refs.split(",") if ref.strip().startswith("tag: ")]
        if tags:
            # Newest first: a tagged commit and the older ones up to the next tag make one release;
            # commits newer than every tag are not released yet.
            release = tags[0]
        for line in files.strip().splitlines():
            state, *paths = line.split("\t")
            if not paths:
                continue
            old, path = (paths[0], paths[-1]) if state.startswith("R") else (None, paths[0])
            if not path.startswith(content + "/"):
                continue
            letter = state[:1]
            if letter == "C":
                letter, old = "A", None
            wanted.append((commit, old or path, path, letter))
            changes.append(
                Change(
                    commit=commit,
                    short=short,
                    date=dt.datetime.fromisoformat(date),
                    author=author,
                    subject=subject,
                    status=letter,
                    path=_relative(path, project),
                    release=release,
                    authored=dt.datetime.fromisoformat(authored) if authored else None,
                    note=note,
                    old_path=_relative(old, project) if old else None,
                )
            )
    texts = _texts(top, wanted)
    keys = [f"{commit}\x00{after_path}" for commit, _, after_path, _ in wanted]
    changes = [
        replace(
            change,
            before=None if change.status == "A" else texts.get((key, "before")),
            after=None if change.status == "D" else texts.get((key, "after")),
        )
        for change, key in zip(changes, keys, strict=True)
    ]
    head_short, version = _head(top)
    by_file: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        by_file[change.path].append(change)
    return History(
        available=True,
        changes=changes,
        by_file=dict(by_file),
        head=head_short,
        version=version,
        uncommitted=uncommitted,
    )


def _uncommitted(top: Path, content: str, project: str) -> frozenset[str]:
    """Content files edited but not committed yet (one `git status`), named as the project names them."""
    status = _git(top, "status", "--porcelain", "--", content)
    return frozenset(
        path[len(project) + 1 :] if project != "." else path
        for path in (line[3:].strip() for line in status.splitlines() if line.strip())
    )


def with_uncommitted(history: History, project_dir: Path, content_dir: Path) -> History:
    """``history`` as it stands after edits to content/ since it was read: git's log is unchanged
    (build_state reads it again when a commit or tag changes it); only the uncommitted files are read again."""
    if not history.available:
        return history
    try:
        top = Path(_git(project_dir, "rev-parse", "--show-toplevel").strip())
        content = content_dir.resolve().relative_to(top.resolve()).as_posix()
        project = project_dir.resolve().relative_to(top.resolve()).as_posix()
        return replace(history, uncommitted=_uncommitted(top, content, project))
    except (OSError, ValueError, subprocess.SubprocessError):
        return read_history(project_dir, content_dir)


def _relative(path: str, project: str) -> str:
    """A repository path as the project names it (relative to the project folder)."""
    return path[len(project) + 1 :] if project != "." else path


def _texts(top: Path, wanted: list[tuple[str, str, str, str]]) -> dict[tuple[str, str], str]:
    """The text of each changed file before and after its commit, read with one `git cat-file --batch`.

    Keys are ("<commit>\\0<path after>", "before" | "after").
    """
    specs: list[tuple[tuple[str, str], str]] = []
    for commit, before_path, after_path, status in wanted:
        key = f"{commit}\x00{after_path}"
        if status != "A":
            specs.append(((key, "before"), f"{commit}^:{before_path}"))
        if status != "D":
            specs.append(((key, "after"), f"{commit}:{after_path}"))
    if not specs:
        return {}
    try:
        result = subprocess.run(
            ["git", "-C", str(top), "cat-file", "--batch"],
            input="".join(spec + "\n" for _, spec in specs).encode("utf-8"),
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    texts: dict[tuple[str, str], str] = {}
    position = 0
    for spec_key, _ in specs:
        end = result.index(b"\n", position)
        header = result[position:end].decode("utf-8", "replace").split()
        position = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        texts[spec_key] = result[position : position + size].decode("utf-8", "replace")
        position += size + 1
    return texts
