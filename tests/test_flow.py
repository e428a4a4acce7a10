"""The decision flow: the guidance's four questions, every path, and every way a flow file can be wrong."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from macros.contacts import read_contacts
from macros.corpus import Corpus
from macros.flow import NOT_SURE, Flow, load_flows
from macros.flow_diagram import flow_svg, flow_svg_narrow
from macros.loader import load_corpus
from macros.problems import ContentError
from macros.refs import link
from macros.render import FlowRenderer, Renderer
from tools.flow_paths import EXPECTED, render_table

FLOW_FILE = ROOT / "content" / "flows" / "when-to-share.yml"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT / "content", project_dir=ROOT)


@pytest.fixture(scope="module")
def items(corpus: Corpus):
    return corpus.items


@pytest.fixture(scope="module")
def flow(items) -> Flow:
    return load_flows(ROOT / "content" / "flows", items, project_dir=ROOT)["when-to-share"].flow


# The guidance's "When?" section, question by question (section 5).
SOURCE_PATHS = [
    (["no"], "do-not-share"),
    (["yes", "yes"], "share"),
    (["yes", "no", "no"], "share"),
    (["yes", "no", "yes", "yes"], "share"),
    (["yes", "no", "yes", "no"], "do-not-share"),
]


def test_the_questions_are_the_guidance_s_four_in_order(flow: Flow) -> None:
    visited = flow.walk(["yes", "no", "yes"])
    assert [flow.questions[node].ask for node in visited] == [
        "Is there a clear and legitimate purpose for sharing information?",
        "Do you have consent to share?",
        "Does the information enable an individual to be identified?",
        "Have you identified a lawful reason to share information without consent?",
    ]


@pytest.mark.parametrize(("answers", "decision"), SOURCE_PATHS)
def test_each_path_of_the_guidance_gives_its_outcome(flow: Flow, answers: list[str], decision: str) -> None:
    outcome = flow.walk(answers)[-1]
    assert flow.outcomes[outcome].decision == decision


def test_there_are_exactly_the_five_paths_of_the_guidance(flow: Flow) -> None:
    found = sorted((list(answers), flow.outcomes[outcome].decision) for answers, outcome in flow.paths())
    assert found == sorted(SOURCE_PATHS)


def test_sharing_outcomes_show_the_five_how_steps_and_refusals_do_not(flow: Flow) -> None:
    assert len(flow.how) == 5
    for outcome in flow.outcomes.values():
        assert outcome.show_how == (outcome.decision == "share")


@pytest.mark.parametrize("question", ["purpose", "consent", "identifiable", "lawful-reason"])
def test_not_sure_at_any_question_leads_to_seek_advice(flow: Flow, question: str) -> None:
    outcome = flow.next(question, NOT_SURE)
    assert flow.outcomes[outcome].decision == "seek-advice"
    assert "seven-golden-rules#rule-3" in flow.outcomes[outcome].cites


def test_unknown_node_and_answer_raise(flow: Flow) -> None:
    with pytest.raises(KeyError, match="'nowhere' is not a question"):
        flow.next("nowhere", "yes")
    with pytest.raises(ValueError, match="'maybe' is not an answer"):
        flow.next("purpose", "maybe")


def test_every_outcome_on_the_tool_links_what_it_rests_on_and_asks_for_a_record(flow: Flow, corpus: Corpus) -> None:
    """The published tool, not the data: each outcome's "Why" links every rule it cites, and its
    "Record your decision" links rule 7 (record the decision and the reasons)."""
    tool = FlowRenderer(Renderer(corpus, today=dt.date(2026, 11, 27)), {flow.id: flow}, read_contacts({}))
    page = tool.render(flow.id, from_doc="decide.md")
    for name, outcome in flow.outcomes.items():
        section = page.split(f'id="{flow.id}-{name}"', 1)[1].split("<section", 1)[0]
        why, _, record = section.partition("### Record your decision")
        for cited in outcome.cites:
            assert link(corpus, cited, from_doc="decide.md") in why, (name, cited)
        assert link(corpus, "seven-golden-rules#rule-7", from_doc="decide.md") in record, name


def test_committed_path_table_matches_the_flow(flow: Flow) -> None:
    expected = (EXPECTED / "when-to-share.paths.yml").read_text(encoding="utf-8")
    assert render_table(flow, "content/flows/when-to-share.yml") == expected, (
        "the flow changed: run `make flow-paths` and review the diff of tests/expected/"
    )


@pytest.mark.parametrize("draw", [flow_svg, flow_svg_narrow], ids=["wide", "narrow"])
def test_diagram_is_drawn_from_the_flow(flow: Flow, draw) -> None:
    svg = draw(flow, text_version_id="text")
    words = " ".join(re.findall(r">([^<]+)</text>", svg))  # the diagram's text, line breaks undone
    for number, question in enumerate(flow.questions.values(), 1):
        assert f"{number}. {question.ask}" in words
    for outcome in flow.outcomes.values():
        if outcome.decision != "seek-advice":
            assert outcome.title in words
    assert svg.count("<rect") == len(flow.questions) + len(flow.outcomes) - 1  # "not sure" is in the caption
    assert 'aria-describedby="text"' in svg and "<title" in svg


def test_phone_diagram_fits_a_phone(flow: Flow) -> None:
    svg = flow_svg_narrow(flow, text_version_id="text")
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    assert width <= 344  # drawn at nearly full size in the 328 px of a 360 px phone's content column


def test_phone_diagram_never_draws_a_line_out_of_a_question_where_an_arrow_comes_in(flow: Flow) -> None:
    # Out of question 2 and into question 2 at the same point, "No" read as the answer to question 1.
    svg = flow_svg_narrow(flow, text_version_id="text")
    lines = [
        [tuple(int(n) for n in point.split(",")) for point in points.split()]
        for points in re.findall(r'<polyline points="([^"]+)"', svg)
    ]
    questions = [line for line in lines if line[1][0] < line[0][0]]  # round the left margin: question to question
    assert len(questions) == len(flow.questions) - 1
    leaving = {line[0] for line in questions}
    arriving = {(line[-1][0] + 2, line[-1][1]) for line in questions}  # the arrowhead stops 2 px short
    assert not leaving & arriving, f"lines leave where arrows arrive: {sorted(leaving & arriving)}"


# ---- bad flow files -------------------------------------------------------


def write_flow(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(FLOW_FILE.read_text(encoding="utf-8"))
    change(data)
    flows = tmp_path / "content" / "flows"
    flows.mkdir(parents=True)
    (flows / "when-to-share.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return flows


def flow_problems(tmp_path: Path, items, change) -> str:
    flows = write_flow(tmp_path, change)
    with pytest.raises(ContentError) as caught:
        load_flows(flows, items, project_dir=tmp_path)
    return str(caught.value)


def test_the_real_flow_file_is_valid(tmp_path: Path, items) -> None:
    flows = write_flow(tmp_path, lambda data: None)
    assert list(load_flows(flows, items, project_dir=tmp_path)) == ["when-to-share"]


def test_answer_leading_to_an_unknown_node(tmp_path: Path, items) -> None:
    def change(data):
        data["questions"]["consent"]["if_no"] = "identifable"

    message = flow_problems(tmp_path, items, change)
    assert (
        "content/flows/when-to-share.yml: questions.consent.if_no leads to 'identifable', which is not a question or outcome. Did you mean 'identifiable'?"
        in message
    )


def test_a_loop(tmp_path: Path, items) -> None:
    def change(data):
        data["questions"]["lawful-reason"]["if_no"] = "consent"

    message = flow_problems(tmp_path, items, change)
    assert "the questions go round in a loop: consent → identifiable → lawful-reason → consent." in message


def test_a_node_nothing_leads_to(tmp_path: Path, items) -> None:
    def change(data):
        data["outcomes"]["orphan"] = copy.deepcopy(data["outcomes"]["no-purpose"])

    assert "nothing leads to 'orphan': link it from a question or remove it." in flow_problems(tmp_path, items, change)


def test_a_path_that_ends_nowhere(tmp_path: Path, items) -> None:
    def change(data):
        del data["questions"]["identifiable"]["if_no"]

    message = flow_problems(tmp_path, items, change)
    assert "field 'questions.identifiable.if_no': this required field is missing" in message


def test_an_outcome_citing_nothing(tmp_path: Path, items) -> None:
    def change(data):
        data["outcomes"]["no-purpose"]["cites"] = []

    message = flow_problems(tmp_path, items, change)
    assert "field 'outcomes.no-purpose.cites': this list is empty: it needs at least one entry." in message


def test_an_outcome_citing_an_unknown_rule(tmp_path: Path, items) -> None:
    def change(data):
        data["outcomes"]["no-purpose"]["cites"] = ["seven-golden-rules#rule-8"]

    message = flow_problems(tmp_path, items, change)
    assert "outcomes.no-purpose.cites: 'seven-golden-rules' has no rule '#rule-8'." in message


def test_not_sure_must_end_the_flow(tmp_path: Path, items) -> None:
    def change(data):
        data["not_sure"] = "consent"

    assert "not_sure must lead to an outcome, but 'consent' is a question." in flow_problems(tmp_path, items, change)


def test_invalid_yaml_names_the_line(tmp_path: Path, items) -> None:
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "broken.yml").write_text("id: broken\ntitle: [oops\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_flows(flows, items, project_dir=tmp_path)
    # The line where the list opens, not the end of the file where YAML gave up.
    assert (
        "flows/broken.yml, line 2, field 'title': the '[' in 'title: [oops' starts a list that is never closed"
        in str(caught.value)
    )


def test_a_second_flow_needs_no_code(tmp_path: Path, items) -> None:
    flows = write_flow(tmp_path, lambda data: None)
    second = yaml.safe_load(FLOW_FILE.read_text(encoding="utf-8"))
    second.update(id="short-flow", start="purpose")
    second["questions"] = {"purpose": {**second["questions"]["purpose"], "if_yes": "share-with-consent"}}
    second["outcomes"] = {k: second["outcomes"][k] for k in ("no-purpose", "share-with-consent", "seek-advice")}
    (flows / "short-flow.yml").write_text(yaml.safe_dump(second), encoding="utf-8")
    loaded = load_flows(flows, items, project_dir=tmp_path)
    assert sorted(loaded) == ["short-flow", "when-to-share"]
    assert [answers for answers, _ in loaded["short-flow"].flow.paths()] == [("yes",), ("no",)]


def test_a_hash_in_a_flow_value_is_named(tmp_path: Path, items) -> None:
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "noted.yml").write_text("id: noted\ntitle: Step #1 of the flow\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_flows(flows, items, project_dir=tmp_path)
    assert (
        "flows/noted.yml, line 2, field 'title': in 'title: Step #1 of the flow', the '#' and everything after"
        in str(caught.value)
    )
