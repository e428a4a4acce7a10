"""An overview diagram of a decision flow, drawn at build time as inline SVG from the flow's data.

Questions stand in one column in the order they are asked; each answer that
ends the flow points right to its outcome, each answer that asks another
question points down (or round the left margin when it skips a row).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from markupsafe import Markup, escape

from .flow import ANSWERS, Flow, Outcome, Question, question_order

LINE = 18
PAD = 10
GAP = 46
MARGIN = 28
QUESTION_WIDTH = 300
OUTCOME_WIDTH = 250
OUTCOME_X = MARGIN + QUESTION_WIDTH + 110
WIDTH = OUTCOME_X + OUTCOME_WIDTH + 10
COLOURS = {
    "question": ("#ffffff", "#1d3a8a"),
    "share": ("#e6f4ea", "#1e6b34"),
    "do-not-share": ("#fce8e6", "#a1261b"),
    "seek-advice": ("#fff4d6", "#7a5200"),
}


@dataclass
class _Box:
    x: int
    y: int
    width: int
    lines: list[str]
    colours: tuple[str, str]

    @property
    def height(self) -> int:
        return len(self.lines) * LINE + 2 * PAD

    def svg(self) -> str:
        fill, stroke = self.colours
        parts = [
            f'<rect x="{self.x}" y="{self.y}" width="{self.width}" height="{self.height}" rx="6" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
        ]
        for number, line in enumerate(self.lines):
            parts.append(
                f'<text x="{self.x + PAD}" y="{self.y + PAD + LINE * (number + 1) - 5}" '
                f'font-size="14" fill="#1a1a1a">{escape(line)}</text>'
            )
        return "".join(parts)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width) or [""]


def flow_svg(flow: Flow, *, text_version_id: str) -> Markup:
    order = question_order(flow)
    boxes: dict[str, _Box] = {}
    edges: list[str] = []
    y = MARGIN
    for number, name in enumerate(order, 1):
        question: Question = flow.questions[name]
        box = _Box(MARGIN, y, QUESTION_WIDTH, _wrap(f"{number}. {question.ask}", 38), COLOURS["question"])
        boxes[name] = box
        outcome_y = y
        for answer in ANSWERS:
            target = question.if_yes if answer == "yes" else question.if_no
            if target in flow.outcomes and target not in boxes:
                outcome: Outcome = flow.outcomes[target]
                boxes[target] = _Box(
                    OUTCOME_X, outcome_y, OUTCOME_WIDTH, _wrap(outcome.title, 30), COLOURS[outcome.decision]
                )
                outcome_y += boxes[target].height + 12
        y = max(y + box.height, outcome_y - 12) + GAP

    for number, name in enumerate(order):
        question = flow.questions[name]
        source = boxes[name]
        for answer in ANSWERS:
            target = question.if_yes if answer == "yes" else question.if_no
            edges.append(
                _edge(
                    source,
                    boxes[target],
                    answer.capitalize(),
                    below=number + 1 < len(order) and order[number + 1] == target,
                    arrow=_line_style(flow, "wide"),
                )
            )

    height = y - GAP + MARGIN
    return _svg(flow, boxes, edges, width=WIDTH, height=height, text_version_id=text_version_id, variant="wide")


def _svg(
    flow: Flow, boxes: dict[str, _Box], edges: list[str], *, width: int, height: int, text_version_id: str, variant: str
) -> Markup:
    # Two drawings share a page (one shown by width), so each has its own ids.
    title_id = f"{flow.id}-diagram-{variant}-title"
    body = "".join(edges) + "".join(box.svg() for box in boxes.values())
    return Markup(
        f'<svg class="isg-flow-diagram isg-flow-diagram--{variant}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{title_id}" aria-describedby="{text_version_id}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">Flowchart: {escape(flow.title)}</title>'
        f'<defs><marker id="{_arrow_id(flow, variant)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1a1a1a"/></marker></defs>'
        f"{body}</svg>"
    )


def _arrow_id(flow: Flow, variant: str) -> str:
    """The id of a drawing's arrowhead marker: two drawings share a page, so each has its own."""
    return f"{flow.id}-{variant}-arrow"


def _line_style(flow: Flow, variant: str) -> str:
    """The attributes of a connecting line, ending in the drawing's own arrowhead."""
    return f'stroke="#1a1a1a" stroke-width="2" fill="none" marker-end="url(#{_arrow_id(flow, variant)})"'


# The phone layout: one column 340 units wide, so it is drawn at almost full size on a 360 px
# screen. Each question's outcomes sit under it, indented; the next question follows them,
# reached round the left margin, so no line crosses a box.
# The left channel (x < NARROW_LEFT) carries question-to-question lines at x=10 with their
# labels beside them; outcome lines drop at NARROW_TRUNK_X, labelled before the outcome box.
NARROW_LEFT = 44
NARROW_QUESTION_WIDTH = 296
NARROW_TRUNK_X = NARROW_LEFT + 20
NARROW_OUTCOME_X = NARROW_TRUNK_X + 36
NARROW_OUTCOME_WIDTH = NARROW_LEFT + NARROW_QUESTION_WIDTH - NARROW_OUTCOME_X
NARROW_WIDTH = NARROW_LEFT + NARROW_QUESTION_WIDTH + 4


NARROW_PORT = 10
"""How far from a question box's top an arrow arrives, and from its foot a line leaves, on a phone."""


def flow_svg_narrow(flow: Flow, *, text_version_id: str) -> Markup:
    order = question_order(flow)
    boxes: dict[str, _Box] = {}
    edges: list[str] = []
    arrow = _line_style(flow, "narrow")
    y = MARGIN
    for number, name in enumerate(order, 1):
        question = flow.questions[name]
        box = _Box(NARROW_LEFT, y, NARROW_QUESTION_WIDTH, _wrap(f"{number}. {question.ask}", 34), COLOURS["question"])
        boxes[name] = box
        y += box.height + 16
        for answer in ANSWERS:
            target = question.if_yes if answer == "yes" else question.if_no
            if target in flow.outcomes and target not in boxes:
                outcome = flow.outcomes[target]
                boxes[target] = _Box(
                    NARROW_OUTCOME_X, y, NARROW_OUTCOME_WIDTH, _wrap(outcome.title, 27), COLOURS[outcome.decision]
                )
                y += boxes[target].height + 12
        y += GAP - 12
    for name in order:
        question = flow.questions[name]
        source = boxes[name]
        for answer in ANSWERS:
            target_name = question.if_yes if answer == "yes" else question.if_no
            box = boxes[target_name]
            label = answer.capitalize()
            if target_name in flow.outcomes:
                # Down from the question's foot, then right into the outcome.
                end_y = box.y + box.height // 2
                points = f"{NARROW_TRUNK_X},{source.y + source.height} {NARROW_TRUNK_X},{end_y} {box.x - 2},{end_y}"
                text_x = NARROW_TRUNK_X + 4
                edges.append(
                    f'<polyline points="{points}" {arrow}/><text x="{text_x}" y="{end_y - 5}" font-size="14" '
                    f'font-weight="bold" fill="#1a1a1a">{label}</text>'
                )
            else:
                # To another question: round the left margin. The line leaves from the lower part of
                # the question's side and arrives at the upper part of the next, so the arrow into a
                # question and the line out of it never share a point (and a label cannot be read
                # as belonging to the arrow beside it).
                start_y = source.y + source.height - NARROW_PORT
                end_y = box.y + NARROW_PORT
                points = f"{source.x},{start_y} 10,{start_y} 10,{end_y} {box.x - 2},{end_y}"
                edges.append(
                    f'<polyline points="{points}" {arrow}/><text x="14" y="{start_y + 18}" font-size="14" '
                    f'font-weight="bold" fill="#1a1a1a">{label}</text>'
                )
    height = y - GAP + 12 + MARGIN
    return _svg(
        flow, boxes, edges, width=NARROW_WIDTH, height=height, text_version_id=text_version_id, variant="narrow"
    )


def _edge(source: _Box, target: _Box, label: str, *, below: bool, arrow: str) -> str:
    if target.x > source.x:
        # To an outcome on the right: out of the question's side, into the outcome's middle.
        start_y = source.y + (source.height // 3 if label == "Yes" else 2 * source.height // 3)
        end_y = target.y + target.height // 2
        mid_x = source.x + source.width + 40
        points = f"{source.x + source.width},{start_y} {mid_x},{start_y} {mid_x},{end_y} {target.x - 2},{end_y}"
        label_y = start_y - 6 if label == "Yes" else start_y + 18
        text = f'<text x="{source.x + source.width + 6}" y="{label_y}" font-size="14" font-weight="bold" fill="#1a1a1a">{label}</text>'
        return f'<polyline points="{points}" {arrow}/>{text}'
    if below:
        x = source.x + source.width // 2
        text = f'<text x="{x + 8}" y="{source.y + source.height + 24}" font-size="14" font-weight="bold" fill="#1a1a1a">{label}</text>'
        return f'<line x1="{x}" y1="{source.y + source.height}" x2="{x}" y2="{target.y - 2}" {arrow}/>{text}'
    # Skipping rows, or going back up: round the left margin so no box is crossed.
    x = MARGIN // 2
    start_y = source.y + source.height // 2
    end_y = target.y + target.height // 2
    points = f"{source.x},{start_y} {x},{start_y} {x},{end_y} {target.x - 2},{end_y}"
    text = f'<text x="2" y="{start_y - 6}" font-size="14" font-weight="bold" fill="#1a1a1a">{label}</text>'
    return f'<polyline points="{points}" {arrow}/>{text}'
