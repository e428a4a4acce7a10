"""Publish the guidance with mike so that every published version is what it says it is.

`make publish VERSION=2026.1 [PUSH=1]` and `make publish-current [PUSH=1]` call this script.

Two kinds of version live side by side on the gh-pages branch:

- ``current``: the guidance as it is on main. CI rebuilds it on every push to main and once a
  day (so review-overdue notices appear on time); it is the default, where the site's address
  leads. It is never tagged and never counts as a release.
- Numbered releases, ``YEAR.N`` (2026.1, 2026.2…): a copy kept unchanged so anyone can see later
  what the guidance said. Only a person makes one, with `make publish`. Each gets an annotated
  tag ``v2026.1`` on the commit it was built from (so its footer and "What has changed" name the
  release), a title with its date in the version selector, and a banner on every page saying it
  is a kept copy, with a link to the latest version.

What makes a release honest, and why each check is here:

- Nothing uncommitted under content/, docs/, macros/, overrides/, reports/ or mkdocs*.yml: a release
  must be exactly what a commit holds, or nobody can later show what it said.
- The full git history: a shallow clone or a copy inside another repository would publish a
  wrong change history.
- A version number is used once. A version already sent to the remote is never rebuilt; one
  built here but not sent yet may be rebuilt only from the same commit (its tag), which is how
  `PUSH=1` sends it after a trial run.
- What is sent comes from the remote's main branch, not from unmerged work.
- The output says whether anything left this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CURRENT = "current"
"""The rolling version CI publishes from main; never a release."""
RELEASE_NAME = re.compile(r"(?P<year>\d{4})\.(?P<number>[1-9]\d*)")
TAG_PREFIX = "v"
BRANCH = "gh-pages"
REMOTE = "origin"
MAIN = "main"
"""The branch whose commits may be published (CI publishes from it too)."""
PUBLISHED_PATHS = ["content", "docs", "macros", "overrides", ":(glob)mkdocs*.yml", "reports"]
"""What the site is built from: none of it may differ from the commit being published. (reports/
holds the accessibility test record the accessibility statement quotes.)"""
REDIRECT_TEMPLATE = Path(__file__).resolve().parent / "redirect.html"


class Refused(Exception):
    """Publishing stopped before anything was changed; the message says why and what to do."""


@dataclass(frozen=True)
class Outcome:
    version: str
    tag: str | None
    pushed: bool
    tags_sent: list[str]


def git(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=check, timeout=300)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# ---- checks -----------------------------------------------------------------


def check_repository(project: Path) -> None:
    """The project must be the top of its own, complete git repository."""
    top = git(project, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0:
        raise Refused("This folder is not a git repository, so nothing can be published from it.")
    if Path(top.stdout.strip()).resolve() != project.resolve():
        raise Refused(
            f"This project folder is inside another git repository (whose top is {top.stdout.strip()}), so its "
            "change history would be wrong. Publish from the guidance's own repository."
        )
    if git(project, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        raise Refused(
            "This is a shallow copy of the repository (made with 'git clone --depth …'): its change history is "
            "incomplete, so nothing was published. Run 'git fetch --unshallow', then publish again."
        )
    if git(project, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode != 0:
        raise Refused("This repository has no commits yet: commit the guidance first, then publish.")


def check_committed(project: Path) -> None:
    """Refuse when anything the site is built from differs from the last commit."""
    status = git(project, "status", "--porcelain", "--untracked-files=all", "--", *PUBLISHED_PATHS).stdout
    files = [line[3:] for line in status.splitlines() if line.strip()]
    if not files:
        return
    shown = "\n".join(f"  - {name}" for name in files[:10])
    more = f"\n  … and {len(files) - 10} more" if len(files) > 10 else ""
    raise Refused(
        f"{len(files)} file(s) have changes that are not committed, so nothing was published:\n{shown}{more}\n"
        "A published version must be exactly what a commit holds. Commit these files (git add, then git commit "
        "with a message saying what changed), or undo the changes, then publish again."
    )


def has_remote(project: Path) -> bool:
    return REMOTE in git(project, "remote").stdout.split()


def fetch(project: Path, *, push: bool) -> str:
    """Bring the remote's published versions and tags here, so the checks see what was sent already."""
    if not has_remote(project):
        if push:
            raise Refused(f"This copy has no remote called '{REMOTE}' to send the site to, so nothing was published.")
        return ""
    result = git(project, "fetch", "--quiet", "--tags", REMOTE, check=False)
    if result.returncode == 0:
        return ""
    if push:
        raise Refused(
            f"Could not reach '{REMOTE}' ({result.stderr.strip()}), so nothing was published. Try again when online."
        )
    return f"Could not reach '{REMOTE}', so only this copy was checked for versions published already."


def check_on_main(project: Path, *, push: bool) -> None:
    """When sending, the commit must be on the remote's main: published words are reviewed, merged words."""
    main = f"refs/remotes/{REMOTE}/{MAIN}"
    if not push or git(project, "rev-parse", "--verify", "--quiet", main, check=False).returncode != 0:
        return
    if git(project, "merge-base", "--is-ancestor", "HEAD", main, check=False).returncode != 0:
        raise Refused(
            f"The commit you are on is not on '{REMOTE}/{MAIN}', so nothing was published: the published guidance "
            f"must come from {MAIN}. Switch to {MAIN} and update it (git switch {MAIN}, then git pull), "
            "or get your change merged first, then publish again."
        )


def versions_on(project: Path, ref: str) -> list[dict[str, object]]:
    """mike's list of versions on a branch, or [] when the branch or the list does not exist."""
    shown = git(project, "show", f"{ref}:versions.json", check=False)
    return json.loads(shown.stdout) if shown.returncode == 0 else []


def tag_commit(project: Path, tag: str) -> str | None:
    found = git(project, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}", check=False)
    return found.stdout.strip() or None


def head_commit(project: Path) -> str:
    return git(project, "rev-parse", "HEAD").stdout.strip()


def next_free(project: Path, year: str) -> str:
    used = {str(v["version"]) for ref in (BRANCH, f"{REMOTE}/{BRANCH}") for v in versions_on(project, ref)}
    used |= {t[len(TAG_PREFIX) :] for t in git(project, "tag", "--list", f"{TAG_PREFIX}{year}.*").stdout.split()}
    number = 1
    while f"{year}.{number}" in used:
        number += 1
    return f"{year}.{number}"


def check_release_name(version: str) -> re.Match[str]:
    match = RELEASE_NAME.fullmatch(version)
    if match is None:
        raise Refused(
            f"'{version}' is not a release number. A release number is the year, a full stop and a number "
            "counting up from 1 within that year, for example: make publish VERSION=2026.1"
        )
    return match


def check_unused(project: Path, version: str, year: str) -> bool:
    """Refuse a version number used already; True when it was built here from this commit but not sent."""
    tag = TAG_PREFIX + version
    suggestion = f"Publish the change as a new version instead: make publish VERSION={next_free(project, year)}"
    if any(v["version"] == version for v in versions_on(project, f"{REMOTE}/{BRANCH}")):
        raise Refused(
            f"Version {version} has been published already, and a published version is never replaced. {suggestion}"
        )
    tagged = tag_commit(project, tag)
    here = any(v["version"] == version for v in versions_on(project, BRANCH))
    if tagged is None and not here:
        return False
    if tagged == head_commit(project):
        return here
    if tagged is None:
        reason = f"version {version} is already on the {BRANCH} branch here"
    else:
        short, day = git(project, "log", "-1", "--format=%h %cs", tagged).stdout.split()
        reason = f"the tag {tag} already marks commit {short} of {long_date(dt.date.fromisoformat(day))}, not the commit you are on"
    raise Refused(f"Version {version} cannot be published from this commit: {reason}. {suggestion}")


# ---- publishing -------------------------------------------------------------


def mike(project: Path, config: str, *args: str, release: str = "", release_date: str = "") -> None:
    """Run mike from this Python's environment, with the release it builds (or none) in the environment."""
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    for name in ("GUIDANCE_RELEASE", "GUIDANCE_RELEASE_DATE", "GUIDANCE_PDF", "GUIDANCE_PDF_PRINT"):
        env.pop(name, None)
    if release:
        env["GUIDANCE_RELEASE"] = release
        env["GUIDANCE_RELEASE_DATE"] = release_date
        # A release is what auditors print and file: it carries its PDF edition, linked from the
        # whole-guidance page (printed after the build by macros.on_post_build with Chromium).
        env["GUIDANCE_PDF"] = env["GUIDANCE_PDF_PRINT"] = "1"
    result = subprocess.run(
        [str(Path(bin_dir) / "mike"), *args, "--config-file", config],
        cwd=project,
        env=env,
        text=True,
        capture_output=True,
        timeout=1800,
    )
    # The build's own lines (review summary, warnings) are worth seeing either way.
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        raise RuntimeError("Publishing stopped: the lines above say why. Nothing was sent.")


def set_default_if_needed(project: Path, config: str, version: str, *, always: bool) -> None:
    """Make the site's address lead to `version`: always for current, for a release only when nothing else does."""
    has_default = git(project, "cat-file", "-e", f"{BRANCH}:index.html", check=False).returncode == 0
    if always or not has_default:
        mike(project, config, "set-default", "--template", str(REDIRECT_TEMPLATE), version)


def push(project: Path) -> list[str]:
    """Send the gh-pages branch, then the tag of every release on it; return the tags sent.

    The branch carries every version built here, including a release built earlier without
    PUSH=1, so every release on it needs its tag sent too."""
    result = git(project, "push", "--quiet", REMOTE, BRANCH, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"The site was built here, but sending the {BRANCH} branch to '{REMOTE}' failed "
            f"({result.stderr.strip()}). Nothing was sent."
        )
    tags = [
        TAG_PREFIX + str(v["version"])
        for v in versions_on(project, BRANCH)
        if tag_commit(project, TAG_PREFIX + str(v["version"])) is not None
    ]
    if tags:
        result = git(project, "push", "--quiet", REMOTE, *(f"refs/tags/{tag}" for tag in tags), check=False)
        if result.returncode != 0:
            raise RuntimeError(
                f"The site was sent, but the release tags were not ({result.stderr.strip()}). "
                f"Send them with: git push {REMOTE} {' '.join(tags)}"
            )
    return tags


def publish_release(project: Path, version: str, *, config: str, do_push: bool, today: dt.date) -> tuple[Outcome, str]:
    year = check_release_name(version).group("year")
    check_repository(project)
    check_committed(project)
    warning = fetch(project, push=do_push)
    check_on_main(project, push=do_push)
    rebuilt = check_unused(project, version, year)
    tag = TAG_PREFIX + version
    created = tag_commit(project, tag) is None
    if created:
        made = git(
            project,
            "tag",
            "-a",
            tag,
            "-m",
            f"Release {version} of the guidance, published {long_date(today)}",
            check=False,
        )
        if made.returncode != 0:
            raise Refused(f"Could not create the tag {tag} ({made.stderr.strip()}), so nothing was published.")
    # The release's date is its tag's date, so a rebuild from the same tag keeps it.
    tag_day = git(project, "for-each-ref", "--format=%(creatordate:short)", f"refs/tags/{tag}").stdout.strip()
    day = dt.date.fromisoformat(tag_day) if tag_day else today
    try:
        mike(
            project,
            config,
            "deploy",
            "--title",
            f"{version} ({long_date(day)})",
            "--message",
            f"Release {version} from commit {head_commit(project)[:12]}",
            version,
            release=version,
            release_date=day.isoformat(),
        )
        set_default_if_needed(project, config, version, always=False)
    except BaseException:
        if created:
            # A tag must never name a release that was not built.
            git(project, "tag", "-d", tag, check=False)
        raise
    sent = push(project) if do_push else []
    note = (
        f"Version {version} had been built here from this commit before; it was rebuilt from the same commit.\n"
        if rebuilt
        else ""
    )
    return Outcome(version=version, tag=tag, pushed=do_push, tags_sent=sent), note + warning


def publish_current(project: Path, *, config: str, do_push: bool) -> tuple[Outcome, str]:
    check_repository(project)
    check_committed(project)
    warning = fetch(project, push=do_push)
    check_on_main(project, push=do_push)
    changed = git(project, "log", "-1", "--format=%cs").stdout.strip()
    mike(
        project,
        config,
        "deploy",
        "--title",
        f"Current (last changed {long_date(dt.date.fromisoformat(changed))})",
        "--message",
        f"Current guidance from commit {head_commit(project)[:12]}",
        CURRENT,
    )
    set_default_if_needed(project, config, CURRENT, always=True)
    sent = push(project) if do_push else []
    return Outcome(version=CURRENT, tag=None, pushed=do_push, tags_sent=sent), warning


def report(outcome: Outcome, *, again: str) -> str:
    name = "the current version" if outcome.version == CURRENT else outcome.version
    tagged = f" and tagged it {outcome.tag}" if outcome.tag else ""
    if outcome.pushed:
        tags = outcome.tags_sent
        sent = f"the {BRANCH} branch" + (f" and the tag(s) {', '.join(tags)}" if tags else "")
        return f"Published and pushed {name}: sent {sent} to '{REMOTE}'."
    return (
        f"Published {name} locally on the {BRANCH} branch{tagged}; nothing was sent. "
        f"To publish it run: {again} PUSH=1\n"
        f"To look at it first: .venv/bin/mike serve --config-file mkdocs.publish.yml"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", nargs="?", help="the release number, such as 2026.1")
    parser.add_argument("--current", action="store_true", help=f"rebuild '{CURRENT}' instead of a release")
    parser.add_argument("--push", action="store_true", help=f"send the result to '{REMOTE}'")
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--config-file", default="mkdocs.publish.yml")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        if args.current == bool(args.release):
            parser.error("give either a release number or --current")
        if args.current:
            outcome, notes = publish_current(project, config=args.config_file, do_push=args.push)
            again = "make publish-current"
        else:
            outcome, notes = publish_release(
                project, args.release, config=args.config_file, do_push=args.push, today=dt.date.today()
            )
            again = f"make publish VERSION={args.release}"
    except Refused as refusal:
        print(str(refusal), file=sys.stderr)
        return 2
    except (RuntimeError, subprocess.SubprocessError) as failure:
        print(str(failure), file=sys.stderr)
        return 1
    if notes:
        print(notes.rstrip())
    print(report(outcome, again=again))
    return 0


if __name__ == "__main__":
    sys.exit(main())
