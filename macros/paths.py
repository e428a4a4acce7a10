"""Where a project keeps its content and page files, worked out one way for every caller."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content_files import shown_path


@dataclass(frozen=True)
class Paths:
    root: Path
    """The project: the folder holding mkdocs.yml."""
    content: Path
    """The content files: ``extra.content_dir`` in mkdocs.yml, content/ unless set."""
    docs: Path
    """The page files MkDocs publishes: ``docs_dir`` in mkdocs.yml, docs/ unless set."""

    @classmethod
    def from_config(cls, config: Mapping[str, Any], root: Path) -> Paths:
        """The paths of the project at ``root`` configured by ``config`` (mkdocs.yml as MkDocs read it,
        or as cli.read_config read it: MkDocs makes docs_dir absolute, which joins to the same path)."""
        extra = config.get("extra") or {}
        return cls(
            root=root,
            content=root / (extra.get("content_dir") or "content"),
            docs=root / (config.get("docs_dir") or "docs"),
        )

    @property
    def docs_in_project(self) -> str:
        """docs/ named from the project's top, as the end of MkDocs' ``edit_uri`` names it."""
        return self.docs.relative_to(self.root).as_posix() if self.docs.is_relative_to(self.root) else self.docs.name

    def shown(self, path: Path) -> str:
        """How a file is named in messages (content_files.shown_path)."""
        return shown_path(path, self.root)
