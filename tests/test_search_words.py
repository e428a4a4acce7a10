"""The everyday-words file for search is content: checked like any content, with plain messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, Build

from macros.problems import ContentError
from macros.search import load_search_words


def write(tmp_path: Path, text: str) -> Path:
    content = tmp_path / "content"
    (content / "search").mkdir(parents=True)
    (content / "search" / "synonyms.yml").write_text(text, encoding="utf-8")
    return content


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(ContentError) as caught:
        load_search_words(write(tmp_path, text), project_dir=tmp_path)
    return str(caught.value)


def test_the_real_file_is_valid_and_maps_the_words_practitioners_use() -> None:
    words = load_search_words(ROOT / "content", project_dir=ROOT)
    means = {word: entry.means for entry in words.everyday_words for word in entry.words}
    assert "crime and disorder" in means["police"] and "s115" in means["police"]
    assert means["permission"] == ["consent"] and means["said no"] == ["consent"]
    assert means["not sure"] == ["seek advice"] and means["unsure"] == ["seek advice"]
    assert "share" in means["tell"] and "share" in means["pass on"]
    for question in ["can", "i", "what", "if", "do", "the"]:
        assert question in words.question_words


def test_words_are_text_even_when_yaml_would_read_them_otherwise(tmp_path: Path) -> None:
    content = write(
        tmp_path, "question_words: [no, yes, on]\neveryday_words:\n  - words: [999]\n    means: [immediate risk]\n"
    )
    words = load_search_words(content, project_dir=tmp_path)
    assert words.question_words == ["no", "yes", "on"]
    assert words.everyday_words[0].words == ["999"]


def test_a_missing_field_names_file_line_and_entry(tmp_path: Path) -> None:
    message = problems(tmp_path, "everyday_words:\n  - words: [police]\n    means: [s115]\n  - words: [permission]\n")
    assert (
        "content/search/synonyms.yml, line 4, field 'means' in the 2nd entry of field 'everyday_words': this required field is missing"
        in message
    )
    assert "needs words and means" in message


def test_a_misspelt_field_is_named_with_a_suggestion(tmp_path: Path) -> None:
    message = problems(tmp_path, "everyday_words:\n  - words: [police]\n    mean: [s115]\n")
    assert "content/search/synonyms.yml, line 3, field 'mean' in the 1st entry of field 'everyday_words'" in message
    assert "Did you mean 'means'?" in message


def test_a_word_listed_twice_or_also_a_question_word_is_refused(tmp_path: Path) -> None:
    message = problems(
        tmp_path,
        "question_words: [can]\neveryday_words:\n"
        "  - words: [police, Police]\n    means: [s115]\n"
        "  - words: [can]\n    means: [consent]\n",
    )
    assert (
        "line 3, field 'words' in the 1st entry of field 'everyday_words': 'Police' is already listed in entry 1"
        in message
    )
    assert "line 5, field 'words' in the 2nd entry of field 'everyday_words': 'can' is also a question word" in message


def test_yaml_errors_name_the_line(tmp_path: Path) -> None:
    assert "content/search/synonyms.yml, line 3: this is not valid YAML" in problems(
        tmp_path, "everyday_words:\n  - words: [police\n"
    )


def test_index_carries_what_the_search_layer_needs(built_site: Build) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    layer = index["config"]["isg"]
    assert "can" in layer["question_words"]
    assert any("police" in entry["words"] for entry in layer["everyday_words"])
    assert layer["summaries"]["legislation/crime-and-disorder-act-1998/"].startswith(
        "Section 115 lets any organisation"
    )
    assert layer["whole_pages"] == ["decide/"]
    assert layer["fallback"] == ["decide/", "principles/seven-golden-rules/"]
    # Summaries are escaped: the index holds no markup that would be rendered.
    assert all("<" not in summary for summary in layer["summaries"].values())
    # …once: the results show the summary as HTML, so an apostrophe must not read "&#39;".
    dvds = layer["summaries"]["disclosure-schemes/domestic-violence-disclosure-scheme/"]
    assert "Clare's Law" in dvds and not [summary for summary in layer["summaries"].values() if "&#" in summary]
    worker = (built_site.site / "assets" / "javascripts" / "workers" / "search-layer.js").read_text(encoding="utf-8")
    assert worker.startswith("/*\n * The search layer") and "sourceMappingURL" not in worker


def test_staff_pages_and_page_furniture_are_not_searched(built_site: Build) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    pages = {location.split("#")[0] for location in locations}
    assert not {"changes/", "review-status/", "whole-guidance/"} & pages
    for furniture in ("#related", "#referenced-by", "#review", "#change-history"):
        assert not [location for location in locations if location.endswith(furniture)], furniture
