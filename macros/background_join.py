"""Waits for the HTML check running on another core: a MkDocs hook (mkdocs.yml, ``hooks:``).

Under `mkdocs build` only (``on_startup``), background.py may run the check in a forked copy of the
build; this hook waits for its verdict once every page is converted and before MkDocs writes any
(``on_env``), and stops the build there with the check's message when it found a problem. A build
that stops earlier stops the copy too. Without this hook the check always runs at once.
"""

from __future__ import annotations

from typing import Any

from macros.background import abandon_all, enable
from macros.build_state import wait_for_checks


def on_startup(command: str, dirty: bool) -> None:
    enable(command == "build")


def on_env(env: Any, config: Any, files: Any) -> Any:
    wait_for_checks()
    return env


def on_build_error(error: Exception) -> None:
    abandon_all()
