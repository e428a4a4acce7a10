"""What every hostile-content test uses: the payloads, the build's refusal, a project with one item.

The tests are split by where the attack enters: test_hostile_fields.py (plain-text fields and files),
test_hostile_templates.py (template code and the HTML a body becomes), test_hostile_reviews.py (ways
around those checks that the hostile reviews found) and test_hostile_site.py (what is allowed, built
and parsed as a browser, a feed reader and an auditor would).
"""

from __future__ import annotations

import pytest
from conftest import ROOT, Project

from macros.cli import read_config
from macros.problems import ContentError
from macros.validation import validate

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
REFRESH = '<meta http-equiv="refresh" content="0;url=https://example.org">'
TEMPLATE = "{{ config }}"
ENTITY = "&lt;script&gt;alert(1)&lt;/script&gt;"
MARKUP_PAYLOADS = [SCRIPT, IMAGE, REFRESH, TEMPLATE, ENTITY, "<svg/onload=alert(1)>", "bell\x07"]


def refusal(project: Project) -> str:
    """The build's message for a project that must not build."""
    config = read_config(ROOT / "mkdocs.yml")
    config["nav"] = project.nav
    with pytest.raises(ContentError) as caught:
        validate(project.paths, config)
    return str(caught.value)


def builds(project: Project) -> None:
    config = read_config(ROOT / "mkdocs.yml")
    config["nav"] = project.nav
    validate(project.paths, config)


@pytest.fixture
def base(project: Project) -> Project:
    project.item("legislation", "some-act", "legislation")
    return project
