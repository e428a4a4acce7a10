"""Every heading, rule, principle, myth and abbreviation of the published guidance is on the site."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from conftest import ROOT

from macros.cli import read_config
from macros.corpus import Corpus
from macros.loader import load_corpus
from macros.refs import link
from macros.render import Renderer
from macros.schema import GlossaryTerm, Item, Legislation, Myth, PrincipleSet

SOURCE = ROOT.parent / "shared" / "source" / "information-sharing-guidance.md"
COVERAGE = yaml.safe_load((ROOT / "tests" / "source_coverage.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT / "content", project_dir=ROOT)


def source_headings(markdown: str) -> list[str]:
    """Each heading as "<numbered section>" or "<numbered section> > <heading>"."""
    keys: list[str] = []
    section: str | None = None
    for line in markdown.splitlines():
        match = re.match(r"^#{1,6}\s+(.*)$", line)
        if not match:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(1))  # keep link text only
        text = text.replace("**", "").replace("’", "'").strip().rstrip(":.").strip()
        if re.match(r"^\d+\. ", text):
            section = text
            keys.append(text)
        else:
            keys.append(f"{section} > {text}" if section else text)
    return keys


def test_heading_parser_reads_numbers_links_and_emphasis() -> None:
    sample = "# Title\n## 2. The Law\n### **The Act [Section 115](#)**\n## **3. Other**\n#### Why?\n"
    assert source_headings(sample) == [
        "Title",
        "2. The Law",
        "2. The Law > The Act Section 115",
        "3. Other",
        "3. Other > Why?",
    ]


@pytest.mark.skipif(not SOURCE.exists(), reason="the published guidance is not beside the project")
def test_every_heading_of_the_source_is_in_the_coverage_map() -> None:
    headings = source_headings(SOURCE.read_text(encoding="utf-8"))
    mapped = set(COVERAGE["sections"]) | set(COVERAGE["not_content"])
    assert [heading for heading in headings if heading not in mapped] == []
    assert [key for key in mapped if key not in headings] == [], "the map names headings the source does not have"


def carried_ids() -> set[str]:
    """Every item the map says is carried from the published guidance."""
    return {item_id for ids in COVERAGE["sections"].values() for item_id in ids} | set(COVERAGE["glossary"])


def test_every_map_entry_is_carried_by_real_items(corpus: Corpus) -> None:
    for heading, item_ids in COVERAGE["sections"].items():
        assert item_ids, f"no item carries '{heading}'"
        assert [i for i in item_ids if i not in corpus.items] == [], heading
    missing = [item_id for item_id in COVERAGE["glossary"] if item_id not in corpus.items]
    assert missing == [], f"glossary items of the published guidance are missing: {missing}"


def test_carried_items_are_not_marked_local(corpus: Corpus) -> None:
    marked = sorted(item_id for item_id in carried_ids() if item_id in corpus.items and corpus.items[item_id].is_local)
    assert marked == [], (
        f"{marked}: these carry the published guidance (tests/source_coverage.yml), so they cannot say origin: local"
    )


def test_every_item_names_its_source_section(corpus: Corpus) -> None:
    for item in corpus.items.values():
        if item.is_local:
            continue  # added by the partnership: no section of the published guidance to name
        where = corpus.files[item.id]
        unlisted = (
            f"{where} is not in tests/source_coverage.yml: if the partnership added this item, "
            "write 'origin: local' in its front matter (make new does)"
        )
        if isinstance(item, GlossaryTerm):
            # Abbreviations come from the whole text, not one heading.
            assert item.id in COVERAGE["glossary"], unlisted
            continue
        assert item.guidance_section is not None, unlisted
        assert item.guidance_section in COVERAGE["sections"], f"{where}: unknown section {item.guidance_section!r}"
        assert item.id in COVERAGE["sections"][item.guidance_section], f"{item.id} is not listed under its section"


def carried(corpus: Corpus, kind: str) -> list[Item]:
    """Items of one kind carried from the published guidance: what its counts are about."""
    return [item for item in corpus.of_kind(kind) if not item.is_local]


def principle_set(corpus: Corpus, item_id: str) -> PrincipleSet:
    item = corpus.items[item_id]
    assert isinstance(item, PrincipleSet)
    return item


def test_counts_match_the_guidance(corpus: Corpus) -> None:
    assert len(principle_set(corpus, "seven-golden-rules").members) == 7
    assert len(principle_set(corpus, "information-sharing-principles").members) == 7
    assert len(principle_set(corpus, "caldicott-principles").members) == 8
    assert len(carried(corpus, "myth")) == 5
    methods = re.findall(r"^## ", corpus.items["sharing-information-securely"].body, flags=re.M)
    assert len(methods) == 5
    config = read_config(ROOT / "mkdocs.yml")
    assert len(config["extra"]["partnership"]["members"]) == 4


def test_how_steps_are_five(corpus: Corpus) -> None:
    body = corpus.items["when-and-how-to-share"].body
    how = body[body.index("## How?") :]
    how = how[: how.find("\n## ", 1)] if "\n## " in how[1:] else how
    assert len(re.findall(r"^\s*(?:[-*]|\d+\.) ", how, flags=re.M)) == 5


def test_the_principles_are_named_as_in_the_guidance(corpus: Corpus) -> None:
    names = [m.name for m in principle_set(corpus, "information-sharing-principles").members]
    assert names == ["Necessary and proportionate", "Relevant", "Adequate", "Accurate", "Timely", "Secure", "Record"]


def test_every_rule_and_principle_is_cited_by_another_page(corpus: Corpus) -> None:
    cited = {
        ref.target
        for refs in corpus.references.values()
        for ref in refs
        if "#" in ref.target and ref.source != ref.target_id
    }
    uncited = [
        f"{item.id}#{item.anchor(n)}"
        for item in corpus.items.values()
        if isinstance(item, PrincipleSet) and not item.is_local  # the guidance's own rules cite each other
        for n in range(1, len(item.members) + 1)
        if f"{item.id}#{item.anchor(n)}" not in cited
    ]
    assert uncited == []


def test_every_myth_page_links_what_answers_it(corpus: Corpus) -> None:
    """The page, not the data: under "What answers this myth", a link to each item that answers it."""
    renderer = Renderer(corpus, today=dt.date(2026, 11, 27))
    for myth in corpus.of_kind("myth"):
        assert isinstance(myth, Myth)
        page = corpus.doc_path(myth.id)
        answers = renderer.item_page(myth.id, from_doc=page).partition("## What answers this myth")[2]
        for target in myth.answered_by:
            assert f"- {link(corpus, target, from_doc=page)}" in answers, (myth.id, target)


def test_legislation_cites_its_sections_on_legislation_gov_uk(corpus: Corpus) -> None:
    for item in corpus.of_kind("legislation"):
        assert isinstance(item, Legislation)
        assert item.sources, f"{item.id} has no sources"
        if item.sections:
            assert any(s.url.startswith("https://www.legislation.gov.uk/") for s in item.sources), item.id


def test_practitioners_names_are_aliases(corpus: Corpus) -> None:
    assert "Sarah's Law" in corpus.items["child-sex-offender-disclosure-scheme"].aliases
    assert "Clare's Law" in corpus.items["domestic-violence-disclosure-scheme"].aliases
    assert "UK GDPR" in corpus.items["uk-gdpr-and-data-protection-act-2018"].aliases


def all_text(corpus: Corpus, *, without: str | None = None) -> str:
    parts = []
    for item in corpus.items.values():
        if item.id == without:
            continue
        parts += [item.title, item.summary, item.body, *item.aliases, *(update.what for update in item.updates)]
        if isinstance(item, PrincipleSet):
            parts += [m.text for m in item.members]
    parts.append((ROOT / "docs" / "index.md").read_text(encoding="utf-8"))
    return "\n".join(parts)


# Capitalised words in the content that are not abbreviations needing a tooltip.
NOT_ABBREVIATIONS = {"UK", "HM"}


def abbreviations(corpus: Corpus) -> dict[str, GlossaryTerm]:
    return {item.abbreviation: item for item in corpus.items.values() if isinstance(item, GlossaryTerm)}


def test_every_glossary_term_is_used_elsewhere(corpus: Corpus) -> None:
    for abbreviation, term in abbreviations(corpus).items():
        if term.is_local:
            continue  # a partnership may explain a term its own pages or procedures use
        assert re.search(rf"(?<![\w-]){re.escape(abbreviation)}s?(?![\w-])", all_text(corpus, without=term.id)), (
            f"{abbreviation} is in the glossary but used nowhere"
        )


def test_every_abbreviation_used_is_in_the_glossary(corpus: Corpus) -> None:
    text = re.sub(r"\{\{.*?\}\}", "", all_text(corpus), flags=re.S)
    text = re.sub(r"\]\([^)]*\)|https?://\S+", "", text)
    used = set(re.findall(r"(?<![\w-])([A-Z]{2,}(?:-[A-Z]{2,})?)s?(?![\w-])", text))
    known = set(abbreviations(corpus)) | NOT_ABBREVIATIONS
    unknown = sorted(used - known)
    assert unknown == [], (
        f"{unknown}: each abbreviation needs a glossary item saying what it stands for, e.g. "
        f'make new KIND=glossary-term ID={unknown[0].lower()} TITLE="What {unknown[0]} stands for"'
    )
