"""The CI workflow runs with least privilege: only publishing, on main, after the tests, may write."""

from __future__ import annotations

import re
from typing import Any

import yaml
from conftest import ROOT

WORKFLOW_DIR = ROOT / ".github" / "workflows"
PUBLISH_CONDITION = (
    "(github.event_name == 'push' || github.event_name == 'schedule') && github.ref == 'refs/heads/main'"
)


def workflows() -> dict[str, dict[str, Any]]:
    # PyYAML reads the key `on:` as True; the value is what matters here.
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOW_DIR.glob("*.yml"))}


def test_every_workflow_defaults_to_read_only_and_never_runs_fork_code_with_secrets() -> None:
    for name, workflow in workflows().items():
        assert workflow.get("permissions") == {"contents": "read"}, name
        triggers = workflow.get("on", workflow.get(True))
        assert "pull_request_target" not in triggers and "workflow_run" not in triggers, name


def test_only_the_publish_job_writes_and_only_after_tests_on_a_push_to_main() -> None:
    for name, workflow in workflows().items():
        for job_name, job in workflow["jobs"].items():
            permissions = job.get("permissions")
            assert permissions is not None, f"{name}: job {job_name} must state its permissions"
            writes = [scope for scope, level in permissions.items() if level == "write"]
            if not writes:
                continue
            assert writes == ["contents"], f"{name}: {job_name} asks for {writes}"
            assert job.get("needs") == "test", f"{name}: {job_name} writes without waiting for the tests"
            # A push to main, or the daily run, which GitHub only ever starts on the default branch
            # with the repository's own code; both also require main explicitly.
            assert job.get("if") == PUBLISH_CONDITION, job_name


def test_the_test_job_holds_no_credentials() -> None:
    for name, workflow in workflows().items():
        test = workflow["jobs"].get("test")
        if test is None:
            continue
        checkouts = [step for step in test["steps"] if str(step.get("uses", "")).startswith("actions/checkout@")]
        assert checkouts and all(step.get("with", {}).get("persist-credentials") is False for step in checkouts), name


def test_every_action_is_pinned_to_a_full_commit() -> None:
    for name, workflow in workflows().items():
        for job_name, job in workflow["jobs"].items():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), (
                        f"{name}: {job_name}: {step['uses']}"
                    )


# ---- versions: CI keeps `current` fresh and never makes or replaces a numbered release ----------


def publish_commands() -> list[str]:
    workflow = workflows()["publish.yml"]
    return [step["run"] for step in workflow["jobs"]["publish"]["steps"] if "run" in step]


def test_a_daily_run_keeps_review_notices_current() -> None:
    workflow = workflows()["publish.yml"]
    triggers = workflow.get("on", workflow.get(True))
    crons = [entry["cron"] for entry in triggers.get("schedule", [])]
    assert crons, "no scheduled run: overdue-review notices would wait for the next push"
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*"), f"{crons[0]} is not daily"
    assert minute.isdigit() and hour.isdigit(), f"{crons[0]} runs more than once a day"
    assert "github.event_name == 'schedule'" in workflow["jobs"]["publish"]["if"]


def test_ci_publishes_only_the_current_version() -> None:
    commands = "\n".join(publish_commands())
    assert "make publish-current" in commands and "push origin gh-pages" in commands
    # A numbered release is a person's decision (make publish VERSION=…); a version named after
    # the date would be replaced by the next push that day.
    assert "VERSION=" not in commands and "date" not in commands
    assert "mike deploy" not in commands, "CI must publish through tools/publish.py, which never replaces a release"


def test_both_jobs_see_the_whole_history() -> None:
    # A shallow checkout would publish a wrong change history (and fails the build in CI).
    for job_name, job in workflows()["publish.yml"]["jobs"].items():
        checkouts = [step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout@")]
        assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts), job_name


def test_no_step_that_builds_the_site_can_reach_a_token_that_writes() -> None:
    """The build runs content templates: the token lives only in steps that run no project code."""
    for name, workflow in workflows().items():
        for job_name, job in workflow["jobs"].items():
            checkouts = [step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout@")]
            assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts), (name, job_name)
            for step in job["steps"]:
                run = step.get("run", "")
                holds_token = "github.token" in str(step.get("env", {})) or "secrets." in str(step)
                if "make " in run or "python" in run:
                    assert not holds_token, f"{name}: {job_name}: '{step.get('name')}' builds with a token"
                if holds_token:
                    assert "core.hooksPath=/dev/null" in run, f"{name}: {job_name}: git hooks could read the token"
