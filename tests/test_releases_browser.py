"""In Chromium: an old release shows its banner and the version selector shows each version's date,
under the Content-Security-Policy, with no error in the console."""

from __future__ import annotations

import functools
import http.server
import io
import json
import re
import shutil
import subprocess
import tarfile
import threading
from pathlib import Path

import pytest
from conftest import ROOT, _QuietHandler
from playwright.sync_api import Page, expect
from test_publishing import git
from test_releases import LONG_TODAY, edit, make, publish, release_repo

from macros.cli import read_config

pytestmark = pytest.mark.browser


def test_an_old_release_says_so_and_leads_to_the_latest(page: Page, tmp_path: Path) -> None:
    root = release_repo(tmp_path)
    config = root / "mkdocs.yml"
    # The real site's palette: without one Material writes an inline script the policy blocks.
    text = config.read_text().replace("  font: false\n", "  font: false\n  palette:\n    scheme: default\n")
    # The real site's policy, which lets Material's stylesheet use its data: images.
    policy = read_config(ROOT / "mkdocs.yml")["extra"]["content_security_policy"]
    text = re.sub(r"(?m)^  content_security_policy: .*$", "  content_security_policy: " + json.dumps(policy), text)
    config.write_text(text)
    # And the file that stands in for Material's inline script (the fixture has no assets of its own).
    # (and the search hint overrides/main.html loads).
    scripts = root / "docs" / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    for name in ("material-globals.js", "search-hint.js"):
        shutil.copy(ROOT / "docs" / "assets" / "javascripts" / name, scripts / name)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Set the palette and the globals script")
    assert publish(root, "2026.1").returncode == 0
    edit(root, "Update the Riverside Act page")
    assert make(root, "publish-current").returncode == 0

    served = tmp_path / "gh-pages"
    served.mkdir()
    archive = subprocess.run(["git", "-C", str(root), "archive", "gh-pages"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(served, filter="data")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.context.on(
        "response",
        lambda response: console.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    try:
        page.goto(base + "/2026.1/legislation/riverside-act/")
        banner = page.locator(".isg-release-banner")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text(f"You are reading release 2026.1 of this guidance, published on {LONG_TODAY}")
        expect(page.locator(".md-version__current")).to_have_text(f"2026.1 ({LONG_TODAY})")
        expect(page.locator(".md-version__list")).to_contain_text("Current (last changed")

        banner.get_by_role("link", name="Read the latest version").click()

        expect(page).to_have_url(base + "/current/")
        expect(page.locator(".isg-release-banner")).to_have_count(0)
        # Chromium's own favicon request may 404 on a page it has not drawn yet; that is not the site's.
        problems = [line for line in console if "Failed to load resource" not in line and "favicon" not in line]
        assert problems == [], "the console reported problems (a blocked script, a missing file)"
    finally:
        server.shutdown()
        server.server_close()
