"""The search benchmark's queries point at pages that exist (without a browser)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from search_expectations import expectations, sort_queries


def test_every_query_of_the_benchmark_can_run() -> None:
    found = expectations(ROOT)
    assert len(found.runnable) >= 40
    assert found.missing == [], "\n".join(found.missing)
    for line in found.skipped:
        print(line)


def test_a_removed_local_item_is_left_out_and_named(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "guidance").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "guidance" / "consent.md").write_text('{{ item_page("consent") }}\n')
    queries = [
        {"query": "consent", "expect": "guidance/consent/"},
        {"query": "schools", "expect": "guidance/sharing-with-schools/"},
        {"query": "home", "expect": ""},
    ]
    found = sort_queries(queries, docs, carried={"consent"})
    assert [row["query"] for row in found.runnable] == ["consent", "home"]
    assert found.skipped == [
        "left out 'schools': its page guidance/sharing-with-schools/ no longer exists (not an item of the published guidance)"
    ]
    assert found.missing == []


def test_a_removed_item_of_the_published_guidance_fails_naming_the_query(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    queries = [{"query": "consent", "expect": "guidance/consent/"}, {"query": "decide", "expect": "decide/"}]
    found = sort_queries(queries, docs, carried={"consent"})
    assert found.runnable == [] and found.skipped == []
    assert len(found.missing) == 2
    assert found.missing[0].startswith("'consent' expects guidance/consent/, which no longer exists")
    assert found.missing[1].startswith("'decide' expects decide/")
