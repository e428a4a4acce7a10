"""Site search in practitioners' own words: the everyday-words file and the search layer.

Material's search (lunr, in a Web Worker) finds the guidance's own words. This module reads
``content/search/synonyms.yml`` (everyday words and the guidance's words they mean, and the
question words a search ignores), and after the build:

- adds to the search index what the search layer needs: those words, each page's one-line
  summary, the pages shown whole (the decision tool) and the pages offered when nothing matches;
- writes the search worker the site uses: ``search_worker.js`` (query rewriting, spelling
  correction, clean results) in front of Material's own worker, as one file, so that it also
  runs in the frame that stands in for a worker when the site is opened from disk.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Field, ValidationError

from .content_files import TextYamlLoader, UnreadableFile, read_text, shown_path
from .field_types import Text
from .problems import ContentError, Problem, did_you_mean, problems_from_validation
from .schema import StrictModel

SYNONYMS_FILE = Path("search") / "synonyms.yml"
WORKER_LAYER = Path(__file__).with_name("search_worker.js")
WORKER_OUTPUT = "assets/javascripts/workers/search-layer.js"
"""Where the combined worker is written in the site; overrides/main.html points Material at it."""
FALLBACK_PAGES = ("decide.md", "principles/seven-golden-rules.md")
"""Offered when nothing matches a search, after any "Did you mean"."""


class EverydayWords(StrictModel):
    words: Annotated[list[Text], Field(min_length=1)]
    """What practitioners type: words or phrases."""
    means: Annotated[list[Text], Field(min_length=1)]
    """The guidance's words to search for as well."""


class SearchWords(StrictModel):
    question_words: list[Text] = []
    common_words: list[Text] = []
    everyday_words: list[EverydayWords] = []


def _words(text: str) -> list[str]:
    """Lower-case words as the search layer splits them (apostrophes split, as the index does)."""
    return [word for word in re.split(r"[^a-z0-9.]+|\.(?!\d)", text.lower()) if word]


def _node_lines(node: yaml.Node, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """The line of every mapping value and list entry, keyed by its place: ("everyday_words", 3, "means")."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_node_lines(value, (*path, key.value)))
            lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            lines.update(_node_lines(value, (*path, index)))
    return lines


def load_search_words(content_dir: Path, *, project_dir: Path) -> SearchWords:
    """Read and check the everyday-words file; raise ContentError naming file, line and field."""
    path = content_dir / SYNONYMS_FILE
    if not path.exists():
        return SearchWords()
    shown = shown_path(path, project_dir)
    try:
        text = read_text(path, shown, root=content_dir)
    except UnreadableFile as failure:
        raise ContentError([failure.problem]) from None
    try:
        # Every value in this file is text: "no", "yes" and "999" are words, not a boolean or a number.
        node = yaml.compose(text, Loader=TextYamlLoader)
        data = yaml.load(text, Loader=TextYamlLoader)  # noqa: S506 - BaseLoader: text only
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError(
            [
                Problem(
                    file=shown,
                    line=mark.line + 1 if mark is not None else None,
                    message=f"this is not valid YAML ({getattr(error, 'problem', None) or error}).",
                )
            ]
        ) from None
    if not isinstance(data, dict) or node is None:
        raise ContentError(
            [Problem(file=shown, message="this file must be 'field: value' lines (question_words, everyday_words).")]
        )
    lines = _node_lines(node)
    try:
        words = SearchWords.model_validate(data)
    except ValidationError as error:
        problems = problems_from_validation(
            error, file=shown, allowed_fields=SearchWords.model_fields, kind="search words", field_lines={}
        )
        # Name the line of the exact entry, and what an entry may hold, not only the top-level fields.
        placed = []
        for problem, detail in zip(problems, error.errors(), strict=True):
            loc = tuple(detail["loc"])
            line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
            message = problem.message
            if len(loc) == 3 and loc[0] == "everyday_words":
                allowed = list(EverydayWords.model_fields)
                if detail["type"] == "extra_forbidden":
                    message = (
                        f"'{loc[2]}' is not a field of an everyday_words entry.{did_you_mean(str(loc[2]), allowed)}"
                        f" Each entry has: {', '.join(allowed)}."
                    )
                elif detail["type"] == "missing":
                    message = (
                        f"this required field is missing. Each everyday_words entry needs {' and '.join(allowed)}."
                    )
            placed.append(Problem(file=shown, field=problem.field, line=line, message=message))
        raise ContentError(placed) from None

    found: list[Problem] = []
    question = {word.lower() for word in words.question_words}
    seen: dict[str, int] = {}
    for index, entry in enumerate(words.everyday_words):
        for position, phrase in enumerate(entry.words):
            key = " ".join(_words(phrase))
            where = ("everyday_words", index, "words", position)
            field_name = f"everyday_words[{index + 1}].words"
            if not key:
                message = f"'{phrase}' has no words in it."
            elif key in seen:
                message = f"'{phrase}' is already listed in entry {seen[key] + 1}: list each word or phrase once."
            elif key in question:
                message = f"'{phrase}' is also a question word, which every search ignores: remove it from one list."
            else:
                message = ""
            if message:
                found.append(Problem(file=shown, line=lines.get(where), field=field_name, message=message))
            seen.setdefault(key, index)
    if found:
        raise ContentError(found)
    return words


@dataclass
class SearchLayer:
    """What the search layer needs from one build, gathered page by page."""

    words: SearchWords
    summaries: dict[str, str] = field(default_factory=dict)
    whole_pages: list[str] = field(default_factory=list)
    fallback: dict[str, str] = field(default_factory=dict)

    def add_page(self, src_uri: str, url: str, meta: dict[str, Any]) -> None:
        search = meta.get("search") or {}
        if search.get("exclude"):
            return
        if meta.get("description"):
            # Escaped here: the index must hold no markup that would be rendered as HTML.
            # An item's description is already escaped for the theme's <meta> attribute (define_env):
            # read it back as text, so an apostrophe is escaped once here, not shown as "&#39;".
            text = html.unescape(" ".join(str(meta["description"]).split()))
            self.summaries[url] = html.escape(text, quote=False)
        if search.get("sections") is False:
            self.whole_pages.append(url)
        if src_uri in FALLBACK_PAGES:
            self.fallback[src_uri] = url

    def index_config(self) -> dict[str, Any]:
        return {
            "question_words": sorted({" ".join(_words(word)) for word in self.words.question_words}),
            "common_words": sorted({" ".join(_words(word)) for word in self.words.common_words}),
            "everyday_words": [
                {
                    "words": [" ".join(_words(w)) for w in entry.words],
                    "means": [" ".join(_words(m)) for m in entry.means],
                }
                for entry in self.words.everyday_words
            ],
            "summaries": self.summaries,
            "whole_pages": self.whole_pages,
            "fallback": [self.fallback[page] for page in FALLBACK_PAGES if page in self.fallback],
        }

    def write(self, site_dir: Path) -> None:
        """Add the layer's data to the search index and write the combined worker."""
        index_file = site_dir / "search" / "search_index.json"
        if not index_file.exists():
            return
        index = json.loads(index_file.read_text(encoding="utf-8"))
        index["config"]["isg"] = self.index_config()
        index_file.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

        workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        if not workers:
            raise ContentError(
                [Problem(file="mkdocs.yml", message="Material's search worker was not found in the built site.")]
            )
        material = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", workers[0].read_text(encoding="utf-8"))
        output = site_dir / WORKER_OUTPUT
        output.write_text(
            WORKER_LAYER.read_text(encoding="utf-8")
            + f"\n/* Material for MkDocs' search worker, {workers[0].name}, unchanged. */\n"
            + material,
            encoding="utf-8",
        )
