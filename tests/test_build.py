"""The real site builds strictly, silently, and every link in it leads somewhere real."""

from __future__ import annotations

import re
from html import unescape

import pytest
from conftest import ROOT, Build
from site_pages import is_internal, read_site, resolve, target_file

from macros.loader import load_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "content", project_dir=ROOT)


@pytest.fixture(scope="module")
def pages(built_site: Build):
    return read_site(built_site.site)


def item_url(corpus, item_id: str) -> str:
    """The page an item is on (a glossary term's is the glossary page)."""
    return corpus.url(item_id).partition("#")[0]


def has_own_page(corpus, item_id: str) -> bool:
    """Glossary terms are sections of one page, with no page (and no backlinks) of their own."""
    return not corpus.anchor_of(item_id)


def test_strict_build_prints_no_warning(built_site: Build) -> None:
    assert "WARNING" not in built_site.output
    assert "ERROR" not in built_site.output
    assert "Documentation built" in built_site.output


def test_every_item_has_its_page_at_a_stable_address(corpus, pages) -> None:
    for item_id, item in corpus.items.items():
        url, _, anchor = corpus.url(item_id).partition("#")
        assert url in pages, f"{item_id} has no page at /{url}"
        assert item.title.split(":")[0] in pages[url].text
        assert not anchor or anchor in pages[url].ids, f"{item_id} has no #{anchor} on /{url}"


def test_every_internal_link_and_anchor_resolves(built_site: Build, pages) -> None:
    broken = []
    for page in pages.values():
        for attribute, link in page.links:
            if not is_internal(link) or link.startswith(("mailto:", "tel:", "data:")):
                continue
            target, fragment = resolve(page.url, link)
            path = target_file(built_site.site, target)
            if not path.exists():
                broken.append(f"/{page.url}: {attribute}={link} -> missing /{target}")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(f"/{page.url}: {link} -> no #{fragment} on /{target}")
            elif fragment and target == "" and fragment not in pages[""].ids:
                broken.append(f"/{page.url}: {link} -> no #{fragment}")
    assert broken == []


def test_every_old_address_sends_readers_to_a_real_page(built_site: Build, pages) -> None:
    redirects = {}
    for url, page in pages.items():
        found = re.search(
            r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page.path.read_text(encoding="utf-8")
        )
        if found:
            redirects[url] = resolve(url, unescape(found.group(1)))
    assert "glossary/dvds/" in redirects
    for url, (target, fragment) in redirects.items():
        assert target in pages, f"/{url} sends readers to /{target}, which does not exist"
        assert not fragment or fragment in pages[target].ids, f"/{url} sends readers to a missing #{fragment}"


def test_no_template_syntax_leaks_into_pages(pages) -> None:
    leaks = [url for url, page in pages.items() if "{{" in page.text or "{%" in page.text]
    assert leaks == []


def test_referenced_items_link_back(corpus, pages) -> None:
    for source_id, references in corpus.references.items():
        source_url = item_url(corpus, source_id)
        for reference in references:
            if reference.target_id == source_id or not has_own_page(corpus, reference.target_id):
                continue
            target_page = pages[item_url(corpus, reference.target_id)]
            back = {resolve(target_page.url, link)[0] for _, link in target_page.links}
            if not has_own_page(corpus, source_id):
                # A glossary term points to the page; the page does not list it as citing it.
                cited_by = corpus.backlinks[reference.target_id]
                assert source_id not in [item.id for item in cited_by], f"{reference.target_id} lists {source_id}"
                continue
            assert "referenced-by" in target_page.ids, f"{reference.target_id} lacks a Referenced by section"
            assert source_url in back, f"{reference.target_id} does not link back to {source_id}"


def test_item_pages_describe_themselves_for_search_and_sharing(corpus, pages) -> None:
    for item_id, item in corpus.items.items():
        if not has_own_page(corpus, item_id):
            continue
        html = pages[item_url(corpus, item_id)].path.read_text(encoding="utf-8")
        described = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert described and unescape(described.group(1)) == item.summary, item_id


def test_a_disclosure_scheme_says_when_it_started(corpus, pages) -> None:
    from macros.render import long_date

    started = [item for item in corpus.of_kind("disclosure-scheme") if getattr(item, "commenced", None)]
    assert started, "no disclosure scheme gives the date it commenced"
    for item in started:
        text = " ".join(pages[item_url(corpus, item.id)].text.split())
        assert f"Started: {long_date(item.commenced)}" in text, item.id


def test_rules_have_stable_anchors(corpus, pages) -> None:
    from macros.schema import PrincipleSet

    for item in corpus.items.values():
        if isinstance(item, PrincipleSet):
            page = pages[item_url(corpus, item.id)]
            for number in range(1, len(item.members) + 1):
                assert item.anchor(number) in page.ids


def test_every_item_page_is_in_the_menu_and_no_old_address_is(pages, corpus) -> None:
    """The menu comes from docs/.nav.yml: its globs must take in every item and leave old addresses out.
    With navigation.prune a page carries its own section's menu, with itself marked as current."""
    for item_id in corpus.items:
        html = pages[item_url(corpus, item_id)].path.read_text(encoding="utf-8")
        assert "md-nav__link--active" in html, f"{item_id} is not in the menu"
    # The glossary page carries the glossary section's menu: none of its links may lead to an old address.
    glossary = pages["glossary/"]
    targets = {
        resolve(glossary.url, link)[0]
        for attribute, link in glossary.links
        if attribute == "href" and is_internal(link)
    }
    assert "glossary/" in targets
    assert not [target for target in targets if re.fullmatch(r"glossary/[a-z0-9-]+/", target)]
    assert "md-nav__link--active" not in pages["glossary/dvds/"].path.read_text(encoding="utf-8")


def test_the_glossary_lists_terms_by_the_abbreviation_readers_scan_for(pages, corpus) -> None:
    from macros.schema import GlossaryTerm

    html = pages["glossary/"].path.read_text(encoding="utf-8")
    terms = [item for item in corpus.items.values() if isinstance(item, GlossaryTerm)]
    positions = {term.abbreviation: html.index(f'<h2 id="{term.id}"') for term in terms}
    shown = sorted(positions, key=positions.__getitem__)
    assert shown == sorted(shown, key=str.casefold)


def test_home_page_offers_the_decision_tool_first(pages) -> None:
    home = pages[""]
    html = home.path.read_text(encoding="utf-8")
    article = html[html.index("<article") :]
    first_link = re.search(r'<a\b[^>]*\bhref="([^"#][^"]*)"', article).group(1)
    assert first_link == "decide/"


def test_a_page_is_not_listed_as_referenced_by_its_own_glossary_entry(pages) -> None:
    page = pages["disclosure-schemes/domestic-violence-disclosure-scheme/"].text
    referenced_by = page[
        page.rindex("Referenced by") : page.rindex("Review and history")
    ]  # the article, not the contents
    assert "Child Sex Offender Disclosure Scheme" in referenced_by
    assert "is short for" not in referenced_by  # the glossary entry "DVDS is short for …"
