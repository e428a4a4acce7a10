"""The plain Material twin of a generator project: the same pages' Markdown and the same menu.

The generator is run once in a child process that records the Markdown it hands to Python-Markdown
for every page and the menu MkDocs resolved (after awesome-nav), then skips writing themed HTML. The
twin holds that Markdown as plain .md files and that menu as an explicit ``nav``, built by plain
Material: no macros, no ``custom_dir``, no extra CSS/JS, same theme options, ``markdown_extensions``,
search settings and validation. Only front matter a person wrote is kept (not what the generator
adds: tags, description, boost), and there is no abbreviation glossary.

The *floor* is that twin with the two plugins the stack requires switched on and doing nothing:
mkdocs-macros with a module that defines nothing and renders no page, and awesome-nav reading the
generator's own ``docs/.nav.yml`` instead of ``nav``. It builds the same site byte for byte; its
time over the plain twin is what any generator on this stack pays before it does any work.

Run as a child: ``python -m bench.plain CONFIG_FILE OUT_JSON SCRATCH_SITE``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.cli import read_config
from macros.pages import NAV_FILE

ROOT = Path(__file__).resolve().parent.parent


def capture(project: Path, out: Path, scratch: Path) -> dict[str, Any]:
    """Run the generator in a child process; return {"pages": {src_uri: markdown}, "nav": [...]}."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.plain", str(project / "mkdocs.yml"), str(out), str(scratch)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    shutil.rmtree(scratch, ignore_errors=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"the generator could not build {project} (exit code {result.returncode}):\n"
            f"{(result.stdout + result.stderr)[-4000:]}"
        )
    captured: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return captured


def nav_as_config(items: list[Any]) -> list[Any]:
    """MkDocs' resolved Navigation written back as a ``nav`` setting, every title spelled out."""
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page

    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            out.append({item.title: nav_as_config(item.children)})
        elif isinstance(item, Page):
            out.append({item.title: item.file.src_uri})
        elif isinstance(item, Link):
            out.append({item.title: item.url})
    return out


def _capture_main(config_file: str, out: str, scratch: str) -> None:
    """Child process: populate every page with the generator (macros, Markdown, link checks), record
    page.markdown after the macros plugin and the menu, and skip writing themed HTML."""
    import logging

    import mkdocs.commands.build as build_module
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    pages: dict[str, str] = {}
    nav: list[Any] = []
    render = Page.render

    def recording_render(self: Page, config: Any, files: Any) -> None:
        pages[self.file.src_uri] = self.markdown or ""
        render(self, config, files)

    def skip_theme(page: Page, config: Any, doc_files: Any, site_nav: Any, *args: Any, **kwargs: Any) -> None:
        if not nav:  # the theme pass is not needed here; the menu every page would get is
            nav.extend(nav_as_config(site_nav.items))

    Page.render = recording_render  # type: ignore[method-assign]
    build_module._build_page = skip_theme  # type: ignore[assignment]
    config = load_config(config_file=config_file, site_dir=scratch, strict=True)
    build_module.build(config)
    Path(out).write_text(json.dumps({"pages": pages, "nav": nav}), encoding="utf-8")


def write_plain_project(generator: Path, plain: Path, captured: dict[str, Any]) -> None:
    from mkdocs.utils.meta import get_data

    docs = plain / "docs"
    source_docs = generator / "docs"
    for path in sorted(source_docs.rglob("*")):
        relative = path.relative_to(source_docs)
        target = docs / relative
        if path.is_dir() or relative.as_posix() == NAV_FILE:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            shutil.copy2(path, target)
            continue
        if relative.as_posix() not in captured["pages"]:
            continue  # not published (an ignored old address)
        # Keep the front matter a person wrote on the page (decide.md has some); not what macros add.
        _, meta = get_data(path.read_text(encoding="utf-8"))
        text = captured["pages"][relative.as_posix()]
        if meta:
            text = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n{text}"
        target.write_text(text, encoding="utf-8")

    real = read_config(generator / "mkdocs.yml")
    theme = {"name": "material", "font": False}
    for key in ("language", "palette", "features"):
        if key in real.get("theme", {}):
            theme[key] = real["theme"][key]
    search: Any = "search"
    for plugin in real.get("plugins", []):
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            search = plugin
    config: dict[str, Any] = {
        key: real[key] for key in ("site_name", "site_description", "site_author", "copyright") if key in real
    }
    config.update(
        strict=True,
        docs_dir="docs",
        theme=theme,
        plugins=[search],
        markdown_extensions=real.get("markdown_extensions", []),
        nav=captured["nav"],
    )
    if "validation" in real:
        config["validation"] = real["validation"]
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


FLOOR_MODULE = "nothing"


def write_floor_project(generator: Path, plain: Path, floor: Path) -> None:
    """The plain twin with mkdocs-macros and awesome-nav switched on, doing nothing (see above)."""
    shutil.copytree(plain / "docs", floor / "docs")
    shutil.copy2(generator / "docs" / NAV_FILE, floor / "docs" / NAV_FILE)
    (floor / f"{FLOOR_MODULE}.py").write_text(
        '"""No macros: the floor measures the plugins themselves."""\n\n\ndef define_env(env):\n    pass\n',
        encoding="utf-8",
    )
    config = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["nav"]
    macros = {"macros": {"module_name": FLOOR_MODULE, "render_by_default": False}}
    config["plugins"] = ["awesome-nav", macros, *config["plugins"]]
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    _capture_main(*sys.argv[1:4])
