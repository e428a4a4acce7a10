"""Decision flows: yes/no questions leading to outcomes, written as data that reads like the flowchart.

A flow lives in ``content/flows/<id>.yml``. Validation names the file and the
node: an answer leading nowhere, a loop, a question nobody reaches, an outcome
that cites no rule. Like GOV.UK Smart Answers, every path can be enumerated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field, ValidationError

from .content_files import ContentYamlLoader, UnreadableFile, is_ignored, read_text, shown_path
from .field_types import ID_PATTERN, Id, Ref, Text
from .problems import ContentError, Problem, did_you_mean, problems_from_validation
from .refs import unresolved
from .schema import Item, StrictModel
from .yaml_slips import explain_error, slips_in_valid_yaml

ANSWERS = ("yes", "no")
NOT_SURE = "not-sure"


class Question(StrictModel):
    ask: Text
    """The question exactly as the flowchart asks it."""
    hint: Text | None = None
    """A short explanation under the question (Markdown, may use ref())."""
    cites: list[Ref] = []
    if_yes: Id
    """The next question or outcome when the answer is Yes."""
    if_no: Id


class Outcome(StrictModel):
    decision: Literal["share", "do-not-share", "seek-advice"]
    title: Text
    text: Text
    cites: Annotated[list[Ref], Field(min_length=1)]
    """The rules, principles and laws the outcome rests on."""
    show_how: bool = False
    """Whether the "How?" steps follow this outcome."""


class HowStep(StrictModel):
    text: Text
    cites: list[Ref] = []


class Flow(StrictModel):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Text
    summary: Text
    start: Id
    not_sure: Id
    """Where "Not sure" leads from any question."""
    questions: Annotated[dict[Id, Question], Field(min_length=1)]
    outcomes: Annotated[dict[Id, Outcome], Field(min_length=1)]
    how: list[HowStep] = []
    record: Text
    """The prompt to record the decision and the reasons."""
    record_cites: list[Ref] = []
    urgent: Text
    """What to do when a child is at immediate risk; shown on every screen."""

    def next(self, node_id: str, answer: str) -> str:
        """The node an answer leads to; unknown nodes and answers raise."""
        question = self.questions.get(node_id)
        if question is None:
            raise KeyError(f"'{node_id}' is not a question of the flow '{self.id}'")
        if answer == "yes":
            return question.if_yes
        if answer == "no":
            return question.if_no
        if answer == NOT_SURE:
            return self.not_sure
        raise ValueError(f"'{answer}' is not an answer: use yes, no or {NOT_SURE}")

    def walk(self, answers: list[str]) -> list[str]:
        """The nodes visited from the start for a sequence of answers."""
        visited = [self.start]
        for answer in answers:
            visited.append(self.next(visited[-1], answer))
        return visited

    def paths(self) -> Iterator[tuple[tuple[str, ...], str]]:
        """Every sequence of yes/no answers from the start, with the outcome it reaches."""

        def explore(node_id: str, answers: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
            if node_id in self.outcomes:
                yield answers, node_id
                return
            for answer in ANSWERS:
                yield from explore(self.next(node_id, answer), answers + (answer,))

        yield from explore(self.start, ())

    def citations(self) -> Iterator[tuple[str, str]]:
        """(where, target) for every reference the flow makes."""
        for name, question in self.questions.items():
            for target in question.cites:
                yield f"questions.{name}.cites", target
        for name, outcome in self.outcomes.items():
            for target in outcome.cites:
                yield f"outcomes.{name}.cites", target
        for number, step in enumerate(self.how, 1):
            for target in step.cites:
                yield f"how[{number}].cites", target
        for target in self.record_cites:
            yield "record_cites", target


def question_order(flow: Flow) -> list[str]:
    """Questions in the order a reader meets them (breadth first from the start): how the tool, its
    text version and its drawings number them."""
    order: list[str] = []
    queue = [flow.start]
    while queue:
        node = queue.pop(0)
        if node in flow.questions and node not in order:
            order.append(node)
            question = flow.questions[node]
            queue += [question.if_yes, question.if_no]
    return order


@dataclass(frozen=True)
class LoadedFlow:
    flow: Flow
    file: str


def load_flows(flows_dir: Path, items: dict[str, Item], *, project_dir: Path) -> dict[str, LoadedFlow]:
    """Load and check every flow; raise ContentError naming file and node on any problem."""
    flows: dict[str, LoadedFlow] = {}
    problems: list[Problem] = []
    if not flows_dir.is_dir():
        return flows
    for path in sorted(flows_dir.iterdir()):
        if path.suffix not in (".yml", ".yaml") or is_ignored(path):
            continue
        shown = shown_path(path, project_dir)
        try:
            text = read_text(path, shown, root=flows_dir)
            data = yaml.load(text, Loader=ContentYamlLoader)  # noqa: S506 - a SafeLoader
        except UnreadableFile as failure:
            problems.append(failure.problem)
            continue
        except yaml.YAMLError as error:
            slip = explain_error(error, text, first_line=1)
            if slip is not None:
                problems.append(Problem(file=shown, field=slip.field, line=slip.line, message=slip.message))
                continue
            mark = getattr(error, "problem_mark", None)
            problems.append(
                Problem(
                    file=shown,
                    line=mark.line + 1 if mark is not None else None,
                    message=f"this is not valid YAML ({getattr(error, 'problem', None) or error}).",
                )
            )
            continue
        slips = slips_in_valid_yaml(text, first_line=1)
        if slips:
            problems.extend(
                Problem(file=shown, field=slip.field, line=slip.line, message=slip.message) for slip in slips
            )
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(file=shown, message="a flow must be 'field: value' lines (id, title, start, questions…).")
            )
            continue
        try:
            flow = Flow.model_validate(data)
        except ValidationError as error:
            problems.extend(
                problems_from_validation(
                    error, file=shown, allowed_fields=Flow.model_fields, kind="flow", field_lines={}
                )
            )
            continue
        found = check_flow(flow, items)
        if flow.id != path.stem:
            found.append(f"the id '{flow.id}' does not match the file name '{path.stem}'.")
        problems.extend(Problem(file=shown, message=message) for message in found)
        flows[flow.id] = LoadedFlow(flow=flow, file=shown)
    if problems:
        raise ContentError(problems)
    return flows


def check_flow(flow: Flow, items: dict[str, Item]) -> list[str]:
    """Plain sentences for everything wrong with the shape of a flow."""
    problems: list[str] = []
    nodes = list(flow.questions) + list(flow.outcomes)
    for name in set(flow.questions) & set(flow.outcomes):
        problems.append(f"'{name}' is both a question and an outcome: give them different names.")

    def known(where: str, target: str) -> bool:
        if target in flow.questions or target in flow.outcomes:
            return True
        problems.append(
            f"{where} leads to '{target}', which is not a question or outcome.{did_you_mean(target, nodes)}"
        )
        return False

    known("start", flow.start)
    if known("not_sure", flow.not_sure) and flow.not_sure not in flow.outcomes:
        problems.append(f"not_sure must lead to an outcome, but '{flow.not_sure}' is a question.")
    for name, question in flow.questions.items():
        known(f"questions.{name}.if_yes", question.if_yes)
        known(f"questions.{name}.if_no", question.if_no)
    if problems:
        return problems  # the graph checks below need every edge to exist

    # A question that can come back to itself would trap the reader in a loop.
    state: dict[str, str] = {}

    def visit(node_id: str, trail: list[str]) -> None:
        if node_id in flow.outcomes or state.get(node_id) == "done":
            return
        if state.get(node_id) == "open":
            loop = trail[trail.index(node_id) :] + [node_id]
            problems.append(f"the questions go round in a loop: {' → '.join(loop)}.")
            return
        state[node_id] = "open"
        question = flow.questions[node_id]
        for target in (question.if_yes, question.if_no):
            visit(target, trail + [node_id])
        state[node_id] = "done"

    visit(flow.start, [])
    reachable = {flow.start, flow.not_sure}
    frontier = [flow.start]
    while frontier:
        node_id = frontier.pop()
        if node_id in flow.questions:
            for target in (flow.questions[node_id].if_yes, flow.questions[node_id].if_no):
                if target not in reachable:
                    reachable.add(target)
                    frontier.append(target)
    for node_id in nodes:
        if node_id not in reachable:
            problems.append(f"nothing leads to '{node_id}': link it from a question or remove it.")
    for where, target in flow.citations():
        message = unresolved(target, items)
        if message:
            problems.append(f"{where}: {message}")
    return problems
