"""Search terms are generated from the structured content, not typed by hand."""

from __future__ import annotations

import datetime as dt
import json

from conftest import ROOT, Build

from macros.loader import load_corpus
from macros.render import Renderer, legal_shorthand
from macros.schema import Legislation


def act(**fields) -> Legislation:
    return Legislation(
        kind="legislation",
        id="an-act",
        title="An Act",
        summary="A summary.",
        owner="Owner",
        status="reviewed",
        reviewed_by="Reviewer",
        last_reviewed=dt.date(2026, 1, 1),
        review_due=dt.date(2027, 1, 1),
        **fields,
    )


def test_sections_and_articles_give_every_common_shorthand() -> None:
    terms = legal_shorthand(act(sections=["11", "201(3)(d)"], articles=["8"]))
    for expected in ["section 11", "s11", "s.11", "section 201(3)(d)", "s201", "s.201", "article 8", "art 8"]:
        assert expected in terms


def test_apostrophes_are_optional_in_generated_terms() -> None:
    corpus = load_corpus(ROOT / "content", project_dir=ROOT)
    renderer = Renderer(corpus, today=dt.date(2026, 11, 26))
    terms = renderer.search_terms(corpus.items["child-sex-offender-disclosure-scheme"])
    assert "Sarah's Law" in terms and "Sarahs Law" in terms


def test_index_carries_aliases_and_shorthand_as_tags(built_site: Build) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    documents = {doc["location"]: doc for doc in index["docs"]}
    assert {"s11", "s.11", "section 11"} <= set(documents["legislation/children-act-2004/"]["tags"])
    assert "Clare's Law" in documents["disclosure-schemes/domestic-violence-disclosure-scheme/"]["tags"]
    assert documents["glossary/"]["boost"] < 1
    assert "glossary/dvds/" not in documents  # an old address: it sends readers to glossary/#dvds
    assert documents["legislation/"]["boost"] < 1
    assert (
        "boost" not in documents["legislation/children-act-2004/"]
        or documents["legislation/children-act-2004/"]["boost"] >= 1
    )
