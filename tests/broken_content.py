"""A small valid corpus that each content-error test breaks in one way, and the message it gets."""

from __future__ import annotations

import pytest
from conftest import Project

from macros.loader import load_corpus
from macros.problems import ContentError


def problems_of(project: Project) -> str:
    with pytest.raises(ContentError) as caught:
        load_corpus(project.content, project_dir=project.root)
    return str(caught.value)


@pytest.fixture
def valid(project: Project) -> Project:
    """A small valid corpus that each test then breaks in one way."""
    project.item("legislation", "some-act", "legislation", sections=["11"])
    project.item(
        "principles",
        "golden-rules",
        "principle-set",
        member_label="Golden rule",
        anchor_prefix="rule",
        members=None,
        body="Intro.\n",
    )
    rules = project.content / "principles" / "golden-rules.md"
    rules.write_text(
        rules.read_text().replace(
            "---\nIntro.", "members:\n  - name: First\n    text: One.\n  - name: Second\n    text: Two.\n---\nIntro."
        )
    )
    return project
