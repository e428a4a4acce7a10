"""During `make serve` a content error shows in the browser, naming the file, and clears when fixed;
every other build still stops on it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable

import pytest
from conftest import Project

from macros.problems import ContentError, Problem
from macros.serve_errors import error_page, serving

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError) as error:
        return f"(no page: {error})"


def wait_for(url: str, ready: Callable[[str], bool], timeout: float = 90) -> str:
    """The page once ``ready`` says it is the one wanted (the server rebuilds after each save)."""
    deadline = time.monotonic() + timeout
    page = ""
    while time.monotonic() < deadline:
        page = fetch(url)
        if ready(page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} never became ready; last page:\n{page[:2000]}")


def start_serve(project: Project) -> tuple[subprocess.Popen[str], int]:
    """`mkdocs serve` as `make serve` starts it, on a free port."""
    config = project.config()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--strict",
            "--config-file",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDANCE_SERVE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return server, port


def test_a_content_error_shows_in_the_browser_and_clears_when_fixed(project: Project) -> None:
    item = project.item("legislation", "some-act", "legislation", title="Some Act 1998")
    server, port = start_serve(project)
    url = f"http://127.0.0.1:{port}/legislation/some-act/"
    try:
        good = wait_for(url, lambda page: "Some Act 1998" in page)
        assert "could not be built" not in good

        text = item.read_text(encoding="utf-8")
        item.write_text(
            text.replace("title: Some Act 1998", "title: Some Act 1998: <b>{{ 7*7 }}</b>"), encoding="utf-8"
        )
        broken = wait_for(url, lambda page: "The site could not be built" in page)
        assert "content/legislation/some-act.md, line 4, field &#39;title&#39;" in broken
        assert "Put the title in quotes" in broken
        # What the author wrote is shown as text, never run or rendered.
        assert "<b>" not in broken and "&gt;49&lt;" not in broken and ">49<" not in broken
        assert "&lt;b&gt;&#123;&#123; 7*7 &#125;&#125;&lt;/b&gt;" in broken
        # Every page says so, not only the broken item's.
        assert "The site could not be built" in fetch(f"http://127.0.0.1:{port}/")

        item.write_text(text.replace("title: Some Act 1998", "title: Some Act 1999"), encoding="utf-8")
        fixed = wait_for(url, lambda page: "Some Act 1999" in page)
        assert "could not be built" not in fixed
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "content/legislation/some-act.md, line 4, field 'title'" in output  # the terminal has it too


def test_make_serve_starts_even_when_the_content_is_already_broken(project: Project) -> None:
    project.item("legislation", "some-act", "legislation", review_due="2025-01-01")
    server, port = start_serve(project)
    try:
        page = wait_for(f"http://127.0.0.1:{port}/legislation/some-act/", lambda page: "could not be built" in page)
        assert (
            "content/legislation/some-act.md, line 8, field &#39;review_due&#39;: review_due (2025-01-01) must be after"
            in page
        )
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_only_make_serve_shows_errors_as_pages() -> None:
    assert serving({"GUIDANCE_SERVE": "1"}, ["mkdocs", "serve", "--strict"])
    assert not serving({}, ["mkdocs", "serve"])  # mkdocs serve on its own: stops as before
    assert not serving(
        {"GUIDANCE_SERVE": "1"}, ["mkdocs", "build", "--strict"]
    )  # a stray variable cannot hide an error


def test_a_build_with_the_serve_variable_still_fails(project: Project) -> None:
    project.item("legislation", "some-act", "legislation", titel="Oops")
    config = project.config()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(config),
            "--site-dir",
            str(project.root / "site"),
        ],
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDANCE_SERVE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "content/legislation/some-act.md, line 9, field 'titel'" in result.stdout + result.stderr
    assert not (project.root / "site" / "index.html").exists()


def test_the_error_page_escapes_everything() -> None:
    page = error_page(
        ContentError([Problem(file="content/a.md", line=3, field="title", message="'<script>{{ x }}</script>' & more")])
    )
    assert "<script>" not in page and "{{" not in page and "}}" not in page
    assert (
        "content/a.md, line 3, field &#39;title&#39;: &#39;&lt;script&gt;&#123;&#123; x &#125;&#125;&lt;/script&gt;&#39; &amp; more"
        in page
    )
