"""Waits for the HTML check running on another core: a MkDocs hook (mkdocs.yml, ``hooks:``).

Under `mkdocs build` only (``on_startup``), background.py may run the check in a forked copy of the
build; this hook waits for its verdict once every page is converted and before MkDocs writes any
(``on_env``), and stops the build there with the check's message when it found a problem. It
also waits for it while a page takes longer than the check's time limit to convert, and when the
build fails first, so that text the check refuses is refused in its words, as when the check ran
before the pages. A build that stops earlier stops the copy too. Without this hook the check
always runs at once.
"""

from __future__ import annotations

import logging
import signal
from typing import Any

from mkdocs.exceptions import Abort

from macros.background import abandon_all, enable
from macros.build_state import checks_pending, wait_for_checks
from macros.html_policy import TIME_LIMIT
from macros.problems import ContentError

log = logging.getLogger("mkdocs.plugins.macros.background")


def on_startup(command: str, dirty: bool) -> None:
    enable(command == "build")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    # The check refuses a body Python-Markdown would take minutes over at its time limit, but it
    # does so in the copy: this process converts the same body for its page with no limit. A page
    # still converting after that limit waits here for the verdict, and a refusal stops it.
    # (Hooks run after the plugins, so mkdocs-macros, which would swallow the error, is done.)
    if checks_pending():
        signal.signal(signal.SIGALRM, _wait_for_the_verdict)
        signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    return markdown


def _wait_for_the_verdict(signum: int, frame: Any) -> None:
    wait_for_checks()


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    _stop_waiting()
    return html


def _stop_waiting() -> None:
    if signal.getsignal(signal.SIGALRM) is _wait_for_the_verdict:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def on_env(env: Any, config: Any, files: Any) -> Any:
    _stop_waiting()
    wait_for_checks()
    return env


def on_build_error(error: Exception) -> None:
    _stop_waiting()
    if checks_pending():
        # Text the check refuses can also break its page (Python-Markdown's RecursionError) before
        # the build has waited for the verdict: the refusal, said plainly, is the build's message.
        try:
            wait_for_checks()
        except ContentError as refused:
            log.error(str(refused))
            raise Abort("Aborted with a BuildError!") from None
    abandon_all()
