"""Shared fixtures: a built copy of the real site, throwaway projects, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tools.pdf.make_pdf import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from macros.paths import Paths

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Build:
    site: Path
    returncode: int
    output: str


def run_mkdocs_build(config: Path, site: Path) -> Build:
    """Build as `make build` does, capturing everything MkDocs prints."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(site=site, returncode=result.returncode, output=result.stdout + result.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once for the whole test session."""
    build = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Build) -> Iterator[str]:
    """The built site served over HTTP on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Use Debian's Chromium: Playwright cannot download its own browser here."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (make test does this for you)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


ITEM_DEFAULTS = {
    "owner": "Test Partnership",
    "last_reviewed": "2026-01-01",
    "review_due": "2027-01-01",
}

REVIEW_DEFAULTS = {
    "status": "reviewed",
    "reviewed_by": "Test reviewer",
}
"""Written after the test's own fields, so the line numbers tests expect stay where they were."""


class Project:
    """A throwaway project: its own content/ and docs/, the real generator and theme."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.docs = root / "docs"
        self.content.mkdir(parents=True)
        self.docs.mkdir()
        (root / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
        (root / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
        (self.docs / "index.md").write_text("# Test home\n")
        self.nav: list[object] = ["index.md"]

    @property
    def paths(self) -> Paths:
        from macros.paths import Paths

        return Paths(root=self.root, content=self.content, docs=self.docs)

    def write(self, relative: str, text: str) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def item(self, folder: str, item_id: str, kind: str, body: str = "Body text.\n", **fields: object) -> Path:
        """Write a valid item (fields override defaults; a value of None drops the field) and its page."""
        data: dict[str, object] = {
            "kind": kind,
            "id": item_id,
            "title": f"Title of {item_id}",
            "summary": f"Summary of {item_id}.",
            **ITEM_DEFAULTS,
            **fields,
        }
        data = {**data, **{key: value for key, value in REVIEW_DEFAULTS.items() if key not in fields}}
        import yaml

        front = yaml.safe_dump(
            {key: value for key, value in data.items() if value is not None},
            sort_keys=False,
            allow_unicode=True,
            width=1000,
        )
        path = self.write(f"{folder}/{item_id}.md", "---\n" + front + "---\n" + body)
        self.page(folder, item_id)
        return path

    def page(self, folder: str, item_id: str) -> None:
        page = self.docs / folder / f"{item_id}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'{{{{ item_page("{item_id}") }}}}\n')
        index = self.docs / folder / "index.md"
        if not index.exists():
            from macros.schema import KIND_BY_FOLDER

            index.write_text(f'{{{{ kind_index("{KIND_BY_FOLDER[folder].name}") }}}}\n')
            self.nav.append(f"{folder}/index.md")
        self.nav.append(f"{folder}/{item_id}.md")

    def config(self, **extra: object) -> Path:
        import yaml

        from macros.cli import read_config

        config = read_config(ROOT / "mkdocs.yml")
        # The menu is the folders' own (awesome-nav without a .nav.yml): index first, then by name.
        config.pop("nav", None)
        config.update(extra)
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, sort_keys=False))
        return path

    def build(self, site: Path | None = None) -> Build:
        return run_mkdocs_build(self.config(), site or self.root / "site")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")
