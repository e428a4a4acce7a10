"""The real content's currency notes and review status, as published.

Every note cites an authoritative https source and says whether it is confirmed; every real item is
transcribed, not reviewed, and no page says otherwise; every note is on its page, on "Changes in law
since publication" and in audit.json. (test_currency_notes.py checks the rules on small projects.)
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, Build
from test_currency_notes import AUTHORITATIVE_HOSTS, article, elements

from macros.corpus import Corpus
from macros.currency import currency_notes
from macros.loader import load_corpus


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT / "content", project_dir=ROOT)


def authoritative(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == allowed or host.endswith("." + allowed) for allowed in AUTHORITATIVE_HOSTS)


def test_every_note_cites_an_authoritative_https_source_and_says_whether_confirmed(corpus: Corpus) -> None:
    notes = currency_notes(corpus)
    assert len(notes) >= 20, "the content review's findings should carry notes"
    problems = []
    for note in notes:
        where = f"{corpus.files[note.item.id]}, note {note.number}"
        if not isinstance(note.update.confirmed, bool):
            problems.append(f"{where}: confirmed is not true or false")
        for source in note.update.sources:
            if not source.url.startswith("https://") or not authoritative(source.url):
                problems.append(f"{where}: {source.url} is not an https address on an authoritative host")
        if not note.update.confirmed and "not confirmed" not in " ".join(note.update.what.split()):
            problems.append(f"{where}: an unconfirmed note must say in its text what is not confirmed")
    assert problems == []


def test_the_unconfirmed_duty_to_share_is_said_to_be_unconfirmed(corpus: Corpus) -> None:
    duty = [note for note in currency_notes(corpus) if "16LA" in note.update.what]
    assert {note.item.id for note in duty} >= {"children-act-2004", "legal-basis-for-information-sharing"}
    assert all(not note.update.confirmed for note in duty)


def test_every_real_item_is_transcribed_not_reviewed(corpus: Corpus) -> None:
    # Nobody has reviewed the guidance against current law yet: no item may claim it.
    assert {item.status for item in corpus.items.values()} == {"transcribed"}
    assert {item.transcribed.isoformat() for item in corpus.items.values() if item.transcribed} == {"2026-11-26"}


def test_the_built_site_never_says_a_transcribed_item_was_reviewed(corpus: Corpus, built_site: Build) -> None:
    claims = re.compile(r"(?i)last reviewed|reviewed (by|on)\b|reviewed against current law by")
    found = []
    for html_file in built_site.site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        for text in elements(article(html), cls="isg-review"):
            if claims.search(text):
                found.append(f"{html_file.relative_to(built_site.site)}: {text[:120]}")
    assert found == []
    status = article((built_site.site / "review-status" / "index.html").read_text())
    assert status.count("Not yet: transcribed from the published guidance on 26 November 2026") == len(corpus.items)
    assert not claims.search(" ".join(elements(status, cls=None)[:1]))


def test_every_real_note_is_on_its_page_and_on_the_listing_page(corpus: Corpus, built_site: Build) -> None:
    listing = article((built_site.site / "changes-in-law" / "index.html").read_text())
    missing = []
    for note in currency_notes(corpus):
        url = corpus.url(note.item.id).partition("#")[0].rstrip("/")
        # A glossary term is a section of the glossary page: its notes' anchors start with its id.
        anchor = f"{note.item.id}-{note.anchor}" if corpus.anchor_of(note.item.id) else note.anchor
        page = article((built_site.site / url / "index.html").read_text())
        first_words = " ".join(note.update.what.split()[:8])
        shown = elements(page, id=anchor)
        if not shown or first_words not in shown[0]:
            missing.append(f"{url}#{anchor} not on its page")
        if f"../{url}/#{anchor}" not in listing:
            missing.append(f"{url}#{note.anchor} not linked from Changes in law since publication")
        if first_words not in elements(listing)[0]:
            missing.append(f"{url}#{note.anchor} text not on Changes in law since publication")
    assert missing == []
    assert f"Currency notes: {len(currency_notes(corpus))} on " in built_site.output


def test_audit_manifest_of_the_real_site_carries_every_note(corpus: Corpus, built_site: Build) -> None:
    manifest = json.loads((built_site.site / "audit.json").read_text())
    assert manifest["currency_notes"]["total"] == len(currency_notes(corpus))
    assert manifest["review_status"] == {"transcribed": len(corpus.items), "reviewed": 0}
    for row in manifest["items"]:
        assert len(row["updates"]) == len(corpus.items[row["id"]].updates)
        assert row["review_status"] == "transcribed" and row["last_reviewed"] is None
