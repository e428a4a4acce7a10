"""CONTRIBUTING.md's terminal steps, word for word, in a temporary clone: the pushed copy builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_publishing import build, git, page, partnership

pytestmark = pytest.mark.slow

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def documented_commands() -> list[str]:
    """The shell commands CONTRIBUTING gives, in order (code blocks and inline `make …`/`git …`)."""
    blocks = re.findall(r"```sh\n(.*?)```", CONTRIBUTING, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The project's own Makefile, using the test run's environment instead of building another."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    venv = Path(sys.executable).parent.parent
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_the_documented_steps_publish_a_new_item_that_builds_from_a_fresh_clone(tmp_path: Path) -> None:
    commands = documented_commands()
    assert commands[0].startswith("make new KIND=topic ID=sharing-with-schools")
    assert commands[1:3] == [
        "git add -A",
        'git commit -m "Update the DVDS page" -m "Amendment: The page now names the 2023 statutory guidance."',
    ]

    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    root = partnership(tmp_path)
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, root / name)
        os.utime(root / name, (0, 0))  # older than the environment: make does not set it up again
    git(root, "remote", "add", "origin", str(remote))

    # Step 2: make new, word for word, then replace the placeholders as the step says.
    created = make(root, "new", "KIND=topic", "ID=sharing-with-schools", "TITLE=Sharing with schools")
    assert created.returncode == 0, created.stdout + created.stderr
    item = root / "content" / "guidance" / "sharing-with-schools.md"
    text = item.read_text(encoding="utf-8")
    text = re.sub(r"^summary: .*$", "summary: How to share information with a child's school safely.", text, flags=re.M)
    text = text.split("---\n", 2)
    item.write_text(
        "---\n" + text[1] + "---\nSchools need to know when a child is at risk. See {{ ref('sharing-basics') }}.\n"
    )

    # Step 3: make check.
    checked = make(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Step 4: the two git commands, word for word.
    for command in commands[1:3]:
        subprocess.run(
            command,
            shell=True,
            cwd=root,
            check=True,
            capture_output=True,
            env={
                **os.environ,
                "GIT_AUTHOR_NAME": "Editor",
                "GIT_AUTHOR_EMAIL": "e@example.org",
                "GIT_COMMITTER_NAME": "Editor",
                "GIT_COMMITTER_EMAIL": "e@example.org",
            },
        )

    # Step 5: push; the copy that arrives must build strictly on its own.
    git(root, "push", "-q", "origin", "main")
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "clone", "-q", str(remote), str(fresh)], check=True)
    built = build(fresh)
    assert "Sharing with schools" in page(built, "guidance/sharing-with-schools")
    assert "md-nav__link--active" in page(built, "guidance/sharing-with-schools")
