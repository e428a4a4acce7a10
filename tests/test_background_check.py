"""The HTML check on a second core (macros/background.py): the same verdict, whatever the copy does.

Under `mkdocs build` the check runs in a forked copy of the build; the build waits for it before
writing any page. These tests hold it to that: a refused body still stops the build, with its
message and no page written; a copy that dies or hangs never decides the verdict.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import Project
from hostile import base

from macros import background
from macros.background import Check
from macros.problems import Problem

__all__ = ["base"]  # the fixture, used by name

needs_two_cores = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2, reason="the check runs in the background only with a core to spare"
)


@pytest.fixture
def enabled() -> Iterator[None]:
    background.enable(True)
    yield
    background.enable(False)
    background.abandon_all()


def found_by_this_process() -> list[Problem]:
    return [Problem(file=f"found by process {os.getpid()}", message="a problem")]


@needs_two_cores
def test_the_check_runs_in_another_process_and_its_problems_come_back(enabled: None) -> None:
    check = Check.soon(found_by_this_process)
    assert not check.done
    (problem,) = check.problems()
    assert problem.file != f"found by process {os.getpid()}"
    assert problem.file.startswith("found by process ")
    assert check.done


def test_without_the_hook_the_check_runs_at_once_here() -> None:
    check = Check.soon(found_by_this_process)
    assert check.done
    assert check.problems() == found_by_this_process()


@needs_two_cores
def test_with_other_threads_running_the_check_is_not_forked(enabled: None) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        check = Check.soon(found_by_this_process)
        assert check.done
        assert check.problems() == found_by_this_process()
    finally:
        stop.set()
        thread.join()


@needs_two_cores
@pytest.mark.parametrize("death", ["exits", "is killed", "raises"])
def test_a_copy_that_dies_leaves_the_check_to_this_process(enabled: None, death: str) -> None:
    parent = os.getpid()

    def check() -> list[Problem]:
        if os.getpid() != parent:
            if death == "exits":
                os._exit(3)
            if death == "is killed":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("the copy failed")
        return found_by_this_process()

    assert Check.soon(check).problems() == found_by_this_process()


@needs_two_cores
def test_when_no_copy_can_be_made_the_check_runs_here(enabled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # A container at its process limit refuses fork(): the build goes on, checking at once.
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    check = Check.soon(found_by_this_process)
    assert check.done
    assert check.problems() == found_by_this_process()


@needs_two_cores
def test_a_build_that_stops_early_stops_the_copy(enabled: None) -> None:
    check = Check.soon(lambda: time.sleep(60) or [])  # type: ignore[func-returns-value]
    assert check._child is not None
    pid = check._child[0]
    started = time.perf_counter()
    background.abandon_all()
    assert time.perf_counter() - started < 5
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped


def test_a_body_only_the_html_check_refuses_stops_mkdocs_build_before_any_page_is_written(base: Project) -> None:
    file = base.item("legislation", "hostile", "legislation", body="Text.\n\n[Click](javascript:alert(1))\n")
    line = file.read_text().splitlines().index("[Click](javascript:alert(1))") + 1
    build = base.build()
    assert build.returncode != 0
    assert (
        f"content/legislation/hostile.md, line {line}, field 'body': the link address 'javascript:alert(1)'"
        in build.output
    )
    assert "The content has 1 problem, so the site was not built" in build.output
    assert not list((base.root / "site").rglob("*.html"))


@needs_two_cores
def test_a_body_that_breaks_its_page_is_refused_with_the_checks_message_not_a_traceback(base: Project) -> None:
    # Python-Markdown fails on this text (too deeply nested) when MkDocs converts its page, before
    # the build has waited for the copy's verdict: the verdict explains the failure.
    base.item("legislation", "deep", "legislation", body="*" * 5000 + "x" + "*" * 5000 + "\n")
    build = base.build()
    assert build.returncode != 0
    assert "content/legislation/deep.md, field 'body': this text is nested too deeply" in build.output
    assert "Traceback" not in build.output
    assert not list((base.root / "site").rglob("*.html"))


@needs_two_cores
def test_a_clean_build_checks_in_the_background_and_writes_the_site(base: Project) -> None:
    config = base.config()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "--config-file", str(config)],
        cwd=base.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"The HTML check runs in process \d+ while the pages are built", result.stderr)
    assert (base.root / "site" / "legislation" / "some-act" / "index.html").exists()


@needs_two_cores
@pytest.mark.slow  # waits out the 5 s limit
def test_a_body_that_takes_minutes_to_convert_stops_mkdocs_build_at_the_time_limit(base: Project) -> None:
    # The copy refuses it at the check's time limit; this process, converting the same body for its
    # page with no limit, must not go on for minutes before it hears so.
    base.item("legislation", "slow", "legislation", body="[" * 40000 + "\n")
    started = time.perf_counter()
    build = base.build()
    took = time.perf_counter() - started
    assert build.returncode != 0
    assert "content/legislation/slow.md, field 'body': this text takes more than 5 seconds" in build.output
    assert took < 60, f"the build took {took:.0f} s to refuse it"
    assert not list((base.root / "site").rglob("*.html"))
