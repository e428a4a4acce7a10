"""A check that only finds problems, run on a second processor core while MkDocs builds the pages.

The HTML check (validation.check_published_html) turns every body into HTML a second time, for
the allow-list; nothing of the site depends on it but the verdict. Under `mkdocs build` it runs in
a forked copy of the build process while the build goes on converting pages, and the
``background_join.py`` hook waits for its verdict before MkDocs writes any page (``on_env``); a
problem stops the build there with the same message as before.

Everywhere else (`make serve`, whose rebuilds keep the check's results in this process; Zensical;
``make check``; one processor core; a process that has started threads, where forking is unsafe)
the check simply runs at once. Whatever happens to the copy (killed, crashed, an answer that
cannot be read), the check runs again here: the verdict never depends on the copy finishing.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import signal
import threading
from collections.abc import Callable

from .problems import Problem

log = logging.getLogger("mkdocs.plugins.macros.background")

_enabled = False
"""Set by the ``background_join.py`` hook for `mkdocs build` only: it is the hook that waits."""


def enable(on: bool) -> None:
    global _enabled
    _enabled = on


class Check:
    """A check's problems: already found, or being found by a forked copy of this process."""

    def __init__(self, run: Callable[[], list[Problem]]) -> None:
        self._run = run
        self._problems: list[Problem] | None = None
        self._child: tuple[int, int] | None = None
        """(process id, the read end of its pipe) while a copy is working."""

    @classmethod
    def now(cls, run: Callable[[], list[Problem]]) -> Check:
        check = cls(run)
        check._problems = run()
        return check

    @classmethod
    def soon(cls, run: Callable[[], list[Problem]]) -> Check:
        """In a forked copy when this build waits for it and there is a core to spare, else now."""
        if not (_enabled and _can_fork()):
            return cls.now(run)
        check = cls(run)
        try:
            check._child = _fork(run)
        except OSError:  # no process or pipe to spare (a container at its limit): check here
            return cls.now(run)
        _running.add(check)
        log.debug("The HTML check runs in process %d while the pages are built.", check._child[0])
        return check

    @property
    def done(self) -> bool:
        """Whether the verdict is in hand (no copy is working on it)."""
        return self._child is None

    def problems(self) -> list[Problem]:
        """The problems found, waiting for the copy if it is still working."""
        if self._problems is None:
            answer = self._wait() if self._child else None
            self._problems = answer if answer is not None else self._run()
        return self._problems

    def _wait(self) -> list[Problem] | None:
        assert self._child is not None
        pid, reader = self._child
        self._child = None
        _running.discard(self)
        with os.fdopen(reader, "rb") as answer:
            data = answer.read()
        os.waitpid(pid, 0)
        try:
            kind, value = pickle.loads(data)  # noqa: S301 - written by this process's own fork, through a pipe
        except Exception:
            return None
        return value if kind == "problems" else None

    def abandon(self) -> None:
        """Stop the copy (the build stopped before it needed the verdict)."""
        if self._child is None:
            return
        pid, reader = self._child
        self._child = None
        _running.discard(self)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(reader)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


_running: set[Check] = set()


@atexit.register
def abandon_all() -> None:
    """Stop every copy still working: the build stopped before it needed their verdicts."""
    for check in list(_running):
        check.abandon()


def _can_fork() -> bool:
    # A fork copies only the calling thread: with other threads running, a lock one of them holds
    # (logging's, the import system's) would stay locked in the copy forever.
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2


def _fork(run: Callable[[], list[Problem]]) -> tuple[int, int]:
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        raise
    if pid == 0:  # the copy: find the problems, hand them over, and leave without running anything else
        try:
            os.close(reader)
            try:
                answer = pickle.dumps(("problems", run()))
            except BaseException:  # noqa: BLE001 - whatever it was, the build runs the check itself
                answer = pickle.dumps(("failed", None))
            with os.fdopen(writer, "wb") as out:
                out.write(answer)
        finally:
            os._exit(0)
    os.close(writer)
    return pid, reader
